package dev.triage.ros.tcpros;

import dev.triage.ros.ThreadPolicy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Accepts TCPROS connections from subscribers: reads the subscriber's header, checks topic, type and md5sum,
 * answers with the publisher header (or an {@code error} header and a close), and hands the socket to the
 * topic's {@link Publication}.
 *
 * <p>Limits, so that no client can hold the server: at most {@link #MAX_CONNECTIONS} connections (more are closed at
 * once); a handshake must complete within {@value #HANDSHAKE_MS} ms however slowly its bytes trickle in; and at most
 * {@link #MAX_PENDING_HANDSHAKES} handshakes wait at once: a new connection beyond that closes the oldest pending
 * one, so a slow-loris client delays a real subscriber by milliseconds, not forever.
 */
public final class TcpRosServer implements AutoCloseable {

    /** Connections beyond this many are closed at once. */
    public static final int MAX_CONNECTIONS = 256;
    /** Handshakes waiting at once; a new connection beyond this evicts the oldest. */
    public static final int MAX_PENDING_HANDSHAKES = 32;
    /** Time a subscriber has for its whole connection header. */
    public static final int HANDSHAKE_MS = 5000;

    private static final System.Logger LOG = System.getLogger(TcpRosServer.class.getName());

    private final ServerSocket server;
    private final String callerId;
    private final Function<String, Publication> publications;
    private final ThreadPolicy threads;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<Socket, Long> pending = new LinkedHashMap<>();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong refusedConnections = new AtomicLong();
    private final AtomicLong badHeaders = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * Binds to {@code bindAddress} on a free port and starts accepting.
     *
     * @param publications finds the publication of a topic, or null
     */
    public TcpRosServer(String bindAddress, String callerId, Function<String, Publication> publications,
                        ThreadPolicy threads) throws IOException {
        this.server = new ServerSocket(0, 64, InetAddress.getByName(bindAddress));
        this.callerId = callerId;
        this.publications = publications;
        this.threads = threads;
        this.acceptor = threads.supervise("tcpros-accept", this::acceptLoop, () -> !closed);
        acceptor.start();
    }

    /** The bound port. */
    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "TCPROS accept failed: " + e.getMessage());
                    try {
                        Thread.sleep(100);  // out of file descriptors, say: do not spin
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
                continue;
            }
            if (open.incrementAndGet() > MAX_CONNECTIONS) {
                open.decrementAndGet();
                refusedConnections.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "TCPROS connection from " + s.getRemoteSocketAddress()
                        + " refused: " + MAX_CONNECTIONS + " connections open");
                closeQuietly(s);
                continue;
            }
            admit(s);
            try {
                threads.start("tcpros-conn-" + s.getPort(), () -> serve(s));
            } catch (RuntimeException | OutOfMemoryError e) {
                open.decrementAndGet();
                settled(s);
                closeQuietly(s);
                throw e;
            }
        }
    }

    /** Records a pending handshake, evicting the oldest when too many wait. */
    private void admit(Socket s) {
        Socket oldest = null;
        synchronized (pending) {
            if (pending.size() >= MAX_PENDING_HANDSHAKES) {
                Iterator<Socket> it = pending.keySet().iterator();
                oldest = it.next();
                it.remove();
            }
            pending.put(s, System.nanoTime());
        }
        if (oldest != null) {
            evicted.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "TCPROS handshake from " + oldest.getRemoteSocketAddress()
                    + " evicted: " + MAX_PENDING_HANDSHAKES + " handshakes pending");
            closeQuietly(oldest);
        }
    }

    private void settled(Socket s) {
        synchronized (pending) {
            pending.remove(s);
        }
    }

    private void serve(Socket s) {
        try {
            s.setSoTimeout(DeadlineInputStream.POLL_MS);
            DeadlineInputStream timing = new DeadlineInputStream(s.getInputStream(), () -> !closed && !s.isClosed());
            timing.expect("subscriber connection header", HANDSHAKE_MS * 1_000_000L, HANDSHAKE_MS * 1_000_000L);
            InputStream in = new BufferedInputStream(timing, 4096);
            ConnectionHeader theirs = ConnectionHeader.read(in);
            settled(s);
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
        } catch (MalformedHeaderException e) {
            badHeaders.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "TCPROS subscriber " + s.getRemoteSocketAddress()
                    + " sent a malformed header: " + e.getMessage());
        } catch (SocketException e) {
            LOG.log(System.Logger.Level.DEBUG, "TCPROS connection closed: " + e.getMessage());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "TCPROS handshake from " + s.getRemoteSocketAddress() + " failed: "
                    + e.getMessage());
        } finally {
            settled(s);
            open.decrementAndGet();
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Connections open now (pending handshakes included). */
    public int openConnections() {
        return open.get();
    }

    /** Connections refused at the cap, and pending handshakes evicted by newer connections. */
    public long refusedConnections() {
        return refusedConnections.get() + evicted.get();
    }

    /** Subscribers whose header was malformed. */
    public long badHeaders() {
        return badHeaders.get();
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
