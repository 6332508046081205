package dev.triage.ros.tcpros;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Accepts TCPROS connections from subscribers: reads the subscriber's header, checks topic, type and md5sum,
 * answers with the publisher header (or an {@code error} header and a close), and hands the socket to the
 * topic's {@link Publication}.
 */
public final class TcpRosServer implements AutoCloseable {

    /** Connections beyond this many are closed at once. */
    public static final int MAX_CONNECTIONS = 256;

    private static final System.Logger LOG = System.getLogger(TcpRosServer.class.getName());
    private static final int HANDSHAKE_TIMEOUT_MS = 5000;

    private final ServerSocket server;
    private final String callerId;
    private final Function<String, Publication> publications;
    private final AtomicInteger open = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * Binds to {@code bindAddress} on a free port and starts accepting.
     *
     * @param publications finds the publication of a topic, or null
     */
    public TcpRosServer(String bindAddress, String callerId, Function<String, Publication> publications)
            throws IOException {
        this.server = new ServerSocket(0, 64, InetAddress.getByName(bindAddress));
        this.callerId = callerId;
        this.publications = publications;
        this.acceptor = new Thread(this::acceptLoop, "tcpros-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The bound port. */
    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                if (open.incrementAndGet() > MAX_CONNECTIONS) {
                    open.decrementAndGet();
                    LOG.log(System.Logger.Level.WARNING, "TCPROS connection from " + s.getRemoteSocketAddress()
                            + " refused: " + MAX_CONNECTIONS + " connections open");
                    s.close();
                    continue;
                }
                Thread t = new Thread(() -> serve(s), "tcpros-conn-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "TCPROS accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket s) {
        try {
            s.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            InputStream in = new BufferedInputStream(s.getInputStream(), 4096);
            ConnectionHeader theirs = ConnectionHeader.read(in);
            String topic = theirs.getOr("topic", "");
            String caller = theirs.getOr("callerid", "?");
            Publication pub = publications.apply(topic);
            Optional<String> refusal = pub == null
                    ? Optional.of("no publisher for topic [" + topic + "] on " + callerId)
                    : HeaderCheck.mismatch(topic, pub.type().name(), pub.type().md5(), theirs);
            OutputStream out = s.getOutputStream();
            if (refusal.isPresent()) {
                LOG.log(System.Logger.Level.WARNING, "refused subscriber " + caller + ": " + refusal.get());
                out.write(ConnectionHeader.error(refusal.get()).encode());
                out.flush();
                s.close();
                return;
            }
            s.setTcpNoDelay(theirs.getOr("tcp_nodelay", "0").equals("1"));
            s.setSoTimeout(0);
            out.write(pub.responseHeader().encode());
            out.flush();
            pub.attach(s, caller).watch();
        } catch (SocketException e) {
            LOG.log(System.Logger.Level.DEBUG, "TCPROS connection closed: " + e.getMessage());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "TCPROS handshake from " + s.getRemoteSocketAddress() + " failed: "
                    + e.getMessage());
        } finally {
            open.decrementAndGet();
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** Stops accepting; links already made are closed by their publications. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
