package dev.triage.ros.fault;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: holds connections to a server open the way a slow-loris client (or a peer that died mid-request)
 * does. Half of them send only a request line, the others complete headers announcing a body that never comes. A
 * background thread re-opens every connection the server closes, so the pressure stays on for as long as it runs.
 */
public final class SlowLoris implements AutoCloseable {

    private final InetSocketAddress target;
    private final byte[][] openings;
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread keeper;
    private volatile boolean running = true;
    private volatile long reopened;

    /**
     * @param target      the server
     * @param lineOnly    connections that send only {@code POST / HTTP/1.1\r\n}
     * @param headersOnly connections that send complete headers announcing a 1000-byte body, and no body
     */
    public SlowLoris(InetSocketAddress target, int lineOnly, int headersOnly) throws IOException {
        this(target, lineOnly, headersOnly, "POST / HTTP/1.1\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<?xml");
    }

    /** Holds {@code a} connections that send {@code openingA} and {@code b} that send {@code openingB}, then stall. */
    public SlowLoris(InetSocketAddress target, int a, int b, String openingA, String openingB) throws IOException {
        this.target = target;
        this.openings = new byte[a + b][];
        for (int i = 0; i < a + b; i++) {
            openings[i] = (i < a ? openingA : openingB).getBytes(StandardCharsets.ISO_8859_1);
            sockets.add(open(openings[i]));
        }
        keeper = new Thread(this::keep, "slow-loris");
        keeper.setDaemon(true);
        keeper.start();
    }

    private Socket open(byte[] opening) {
        Socket s = new Socket();
        try {
            s.connect(target, 2000);
            s.setSoTimeout(1);
            s.getOutputStream().write(opening);
            s.getOutputStream().flush();
        } catch (IOException e) {
            // refused or closed at once: the keeper tries again
        }
        return s;
    }

    private void keep() {
        byte[] sink = new byte[4096];
        while (running) {
            for (int i = 0; i < sockets.size() && running; i++) {
                Socket s = sockets.get(i);
                boolean dead;
                try {
                    InputStream in = s.getInputStream();
                    dead = in.read(sink) < 0;
                } catch (SocketTimeoutException e) {
                    dead = false;
                } catch (IOException e) {
                    dead = true;
                }
                if (dead || s.isClosed() || !s.isConnected()) {
                    close(s);
                    sockets.set(i, open(openings[i]));
                    reopened++;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Connections the server closed and this client opened again. */
    public long reopened() {
        return reopened;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        keeper.interrupt();
        keeper.join(5000);
        sockets.forEach(SlowLoris::close);
    }
}
