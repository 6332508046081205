package dev.triage.ros.xmlrpc;

import dev.triage.ros.ThreadPolicy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An XML-RPC server over HTTP/1.1 that no client can hold: one I/O thread reads every request without blocking
 * (selector), and only complete requests go to a small pool of workers that run the handler and never touch a
 * socket; the I/O thread writes the answers. So a slow-loris client, or a peer that died mid-request, costs a
 * connection slot and a few bytes, never a worker.
 *
 * <p>Limits: a request's headers ({@value #MAX_HEADER_BYTES} bytes at most) and body ({@link #MAX_REQUEST_BYTES} at
 * most, Content-Length required) must arrive within {@value #REQUEST_TIMEOUT_MS} ms of its first byte; an idle
 * keep-alive connection is closed after {@value #IDLE_TIMEOUT_MS} ms; an answer must be taken within
 * {@value #REQUEST_TIMEOUT_MS} ms; at most {@value #MAX_CONNECTIONS} connections: a new one beyond that closes the
 * idle or incomplete one that has waited longest, stalled first requests first and clients already answered last (so
 * a real client's connection outlives a slow loris's churn); request bytes buffered across all connections are
 * capped at {@value #MAX_BUFFERED_BYTES}; XML is parsed by {@link SafeXml} with a depth limit. Work beyond
 * {@value #WORKERS} workers and {@value #QUEUE} queued requests is answered with HTTP 503.
 */
public final class XmlRpcServer implements AutoCloseable {

    /** Largest request body accepted. */
    public static final int MAX_REQUEST_BYTES = 8 << 20;
    /** Largest request line plus headers. */
    public static final int MAX_HEADER_BYTES = 16 << 10;
    /** Connections at most. */
    public static final int MAX_CONNECTIONS = 64;
    /** Time for a whole request once its first byte arrived, and for a client to take its answer. */
    public static final long REQUEST_TIMEOUT_MS = 5000;
    /** Time a keep-alive connection may sit idle between requests. */
    public static final long IDLE_TIMEOUT_MS = 30_000;
    /** Request bytes buffered across all connections at most. */
    public static final long MAX_BUFFERED_BYTES = 32L << 20;
    /** Handler threads. */
    public static final int WORKERS = 4;
    /** Complete requests waiting for a worker. */
    public static final int QUEUE = 64;

    private static final System.Logger LOG = System.getLogger(XmlRpcServer.class.getName());

    private final ServerSocketChannel server;
    private final Selector selector;
    private final XmlRpcHandler handler;
    private final ThreadPoolExecutor pool;
    private final Thread io;
    private final Set<Conn> conns = new LinkedHashSet<>();
    private final Queue<Conn> answered = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(16 << 10);
    private final AtomicLong closedForTime = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private long buffered;
    private volatile boolean closed;

    /**
     * Binds to {@code bindAddress:port} (port 0 picks a free one) and starts serving, with threads that only count
     * their deaths (tests, tools).
     *
     * @throws IOException when the address cannot be bound
     */
    public XmlRpcServer(String bindAddress, int port, XmlRpcHandler handler) throws IOException {
        this(bindAddress, port, handler, new ThreadPolicy((t, e) -> { }));
    }

    /**
     * Binds to {@code bindAddress:port} (port 0 picks a free one) and starts serving.
     *
     * @throws IOException when the address cannot be bound
     */
    public XmlRpcServer(String bindAddress, int port, XmlRpcHandler handler, ThreadPolicy threads) throws IOException {
        this.handler = handler;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(bindAddress, port), 64);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            server.close();
            selector.close();
            throw e;
        }
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> threads.newThread("ros-xmlrpc-" + n.incrementAndGet(), r), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        this.io = threads.supervise("ros-xmlrpc-io", this::ioLoop, () -> !closed);
        io.start();
    }

    /** The bound port. */
    public int port() {
        return server.socket().getLocalPort();
    }

    /** Connections closed for taking too long, evicted at the connection cap, or refused (503, 4xx). */
    public long connectionsShed() {
        return closedForTime.get() + evicted.get() + refused.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return conns.size();
    }

    private enum State { IDLE, READING, HANDLING, WRITING }

    /** One connection, touched only by the I/O thread (workers only fill {@link #reply}). */
    private final class Conn {
        final SocketChannel ch;
        final SelectionKey key;
        State state = State.IDLE;
        long since = System.nanoTime();
        byte[] buf = new byte[0];
        int len;
        int headerEnd = -1;
        int contentLength = -1;
        int scanned = 3;
        boolean keepAlive;
        /** Whether this connection has been answered at least once: a real client's, kept alive; evicted last. */
        boolean answered;
        ByteBuffer out;
        volatile byte[] reply;
        volatile boolean replyCloses;

        Conn(SocketChannel ch, SelectionKey key) {
            this.ch = ch;
            this.key = key;
        }
    }

    private void ioLoop() {
        while (!closed) {
            try {
                selector.select(250);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "XML-RPC selector failed: " + e.getMessage());
                continue;
            }
            if (closed) {
                break;
            }
            for (Conn c; (c = answered.poll()) != null; ) {
                startWriting(c);
            }
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    acceptAll();
                    continue;
                }
                Conn c = (Conn) key.attachment();
                try {
                    if (key.isReadable()) {
                        read(c);
                    } else if (key.isWritable()) {
                        write(c);
                    }
                } catch (IOException e) {
                    drop(c);
                }
            }
            expire();
        }
        for (Conn c : new ArrayList<>(conns)) {
            drop(c);
        }
    }

    private void acceptAll() {
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "XML-RPC accept failed: " + e.getMessage());
                return;
            }
            if (ch == null) {
                return;
            }
            if (conns.size() >= MAX_CONNECTIONS && !evictOne()) {
                refused.incrementAndGet();
                closeQuietly(ch);
                continue;
            }
            Conn c = null;
            try {
                ch.configureBlocking(false);
                SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
                c = new Conn(ch, key);
                key.attach(c);
                conns.add(c);
                read(c);  // a real client has usually sent its request already
            } catch (IOException e) {
                if (c != null) {
                    drop(c);
                } else {
                    closeQuietly(ch);
                }
            }
        }
    }

    /**
     * Closes the idle or incomplete connection that has waited longest (a real client sends its request at once, so
     * the oldest waiting one is the likeliest staller), stalled first requests before new connections that have sent
     * nothing yet, and both before the keep-alive connections of clients already answered ({@link #goesBefore});
     * false when every connection is busy being answered.
     */
    private boolean evictOne() {
        Conn victim = null;
        for (Conn c : conns) {
            boolean waiting = c.state == State.IDLE || c.state == State.READING;
            if (waiting && (victim == null || goesBefore(c, victim))) {
                victim = c;
            }
        }
        if (victim == null) {
            return false;
        }
        evicted.incrementAndGet();
        if (evicted.get() == 1 || evicted.get() % 1000 == 0) {
            LOG.log(System.Logger.Level.WARNING, "XML-RPC: " + MAX_CONNECTIONS + " connections open; closing the "
                    + "longest-waiting " + victim.state.name().toLowerCase(Locale.ROOT) + " one (" + evicted.get()
                    + " so far)");
        }
        drop(victim);
        return true;
    }

    /**
     * Whether {@code candidate} is evicted before {@code victim}. By rank: a first request stalled part-way (the slow
     * loris), then a new connection that has sent nothing yet (a client about to send), then a client's kept-alive
     * connection answered before; within a rank, the one waiting longer.
     */
    private static boolean goesBefore(Conn candidate, Conn victim) {
        int a = evictionRank(candidate);
        int b = evictionRank(victim);
        return a != b ? a < b : candidate.since - victim.since < 0;
    }

    private static int evictionRank(Conn c) {
        if (c.answered) {
            return 2;
        }
        return c.state == State.READING ? 0 : 1;
    }

    private void read(Conn c) throws IOException {
        readBuffer.clear();
        int n = c.ch.read(readBuffer);
        if (n < 0) {
            drop(c);
            return;
        }
        if (n == 0 || c.state == State.HANDLING || c.state == State.WRITING) {
            return;  // a client that sends more while it waits for its answer: ignored
        }
        if (c.state == State.IDLE) {
            c.state = State.READING;
            c.since = System.nanoTime();
        }
        int take = Math.min(n, capacity(c) - c.len);  // bytes past the request (pipelining) are ignored
        if (!grow(c, c.len + take)) {
            respond(c, 503, "server busy: too many request bytes buffered", true);
            return;
        }
        readBuffer.flip();
        readBuffer.get(c.buf, c.len, take);
        c.len += take;
        if (c.headerEnd < 0 && !parseHeaders(c)) {
            if (c.state == State.READING && c.len > MAX_HEADER_BYTES) {
                respond(c, 431, "request headers larger than " + MAX_HEADER_BYTES + " bytes", true);
            }
            return;
        }
        if (c.len >= c.headerEnd + c.contentLength) {
            dispatch(c);
        }
    }

    /** The most bytes this request may still need buffered. */
    private int capacity(Conn c) {
        return c.headerEnd < 0 ? MAX_HEADER_BYTES + readBuffer.capacity() : c.headerEnd + c.contentLength;
    }

    private boolean grow(Conn c, int needed) {
        if (needed <= c.buf.length) {
            return true;
        }
        int size = Math.max(needed, Math.min(Math.max(4096, c.buf.length * 2), capacity(c)));
        if (buffered + size - c.buf.length > MAX_BUFFERED_BYTES) {
            return false;
        }
        buffered += size - c.buf.length;
        c.buf = Arrays.copyOf(c.buf, size);
        return true;
    }

    /** Finds the end of the headers and reads what matters; false while they are incomplete or when refused. */
    private boolean parseHeaders(Conn c) {
        int end = -1;
        for (int i = c.scanned; i < c.len; i++) {
            if (c.buf[i] == '\n' && c.buf[i - 1] == '\r' && c.buf[i - 2] == '\n' && c.buf[i - 3] == '\r') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            c.scanned = Math.max(3, c.len);
            return false;
        }
        // limit -1: "\r\n\r\n" alone must give empty lines, not an empty array (found by XmlRpcFuzzTest#http)
        String[] lines = new String(c.buf, 0, end, StandardCharsets.ISO_8859_1).split("\r\n", -1);
        String[] request = lines[0].split(" ");
        if (request.length != 3 || !request[2].startsWith("HTTP/1.")) {
            respond(c, 400, "bad request line", true);
            return false;
        }
        boolean http11 = request[2].equals("HTTP/1.1");
        String connection = "";
        long length = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        respond(c, 400, "bad Content-Length", true);
                        return false;
                    }
                }
                case "connection" -> connection = value.toLowerCase(Locale.ROOT);
                case "transfer-encoding" -> chunked = !value.equalsIgnoreCase("identity");
                default -> {
                    // not needed
                }
            }
        }
        c.keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");
        if (!request[0].equals("POST")) {
            respond(c, 405, "XML-RPC takes POST only", true);
            return false;
        }
        if (chunked || length < 0) {
            respond(c, 411, "Content-Length required", true);
            return false;
        }
        if (length > MAX_REQUEST_BYTES) {
            respond(c, 413, "XML-RPC body larger than " + MAX_REQUEST_BYTES + " bytes refused", true);
            return false;
        }
        c.headerEnd = end;
        c.contentLength = (int) length;
        return true;
    }

    private void dispatch(Conn c) {
        byte[] body = Arrays.copyOfRange(c.buf, c.headerEnd, c.headerEnd + c.contentLength);
        release(c);
        c.state = State.HANDLING;
        c.key.interestOps(0);
        try {
            pool.execute(() -> {
                c.reply = answer(body, c);
                answered.add(c);
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            refused.incrementAndGet();
            respond(c, 503, "server busy", true);
        }
    }

    /** Runs on a worker: decodes, calls the handler, encodes; every failure becomes a fault. */
    private byte[] answer(byte[] body, Conn c) {
        String reply;
        try {
            XmlRpcCall call = XmlRpcCodec.decodeCall(body);
            try {
                reply = XmlRpcCodec.encodeResponse(handler.handle(call.method(), call.params()));
            } catch (XmlRpcFault f) {
                reply = XmlRpcCodec.encodeFault(f.code(), f.faultString());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "XML-RPC " + call.method() + " failed", e);
                reply = XmlRpcCodec.encodeFault(-1, call.method() + " failed: " + e);
            }
        } catch (XmlRpcException e) {
            LOG.log(System.Logger.Level.WARNING, "refused XML-RPC request from " + remote(c) + ": " + e.getMessage());
            reply = XmlRpcCodec.encodeFault(-32700, e.getMessage());
        } catch (StackOverflowError e) {
            LOG.log(System.Logger.Level.WARNING, "refused XML-RPC request from " + remote(c) + ": nested too deep");
            reply = XmlRpcCodec.encodeFault(-32700, "XML nested too deep");
        }
        return httpResponse(200, "OK", reply.getBytes(StandardCharsets.UTF_8), "text/xml", c.keepAlive);
    }

    private static String remote(Conn c) {
        try {
            return String.valueOf(c.ch.getRemoteAddress());
        } catch (IOException e) {
            return "?";
        }
    }

    private void respond(Conn c, int status, String message, boolean close) {
        if (status >= 400) {
            refused.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "XML-RPC request from " + remote(c) + " answered " + status + ": "
                    + message);
        }
        c.keepAlive = c.keepAlive && !close;
        c.reply = httpResponse(status, reason(status), (message + "\n").getBytes(StandardCharsets.UTF_8),
                "text/plain", c.keepAlive);
        release(c);
        startWriting(c);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 405 -> "Method Not Allowed";
            case 411 -> "Length Required";
            case 413 -> "Payload Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private static byte[] httpResponse(int status, String reason, byte[] body, String type, boolean keepAlive) {
        byte[] head = ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                + body.length + "\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private void startWriting(Conn c) {
        if (!c.key.isValid()) {
            return;
        }
        c.out = ByteBuffer.wrap(c.reply);
        c.reply = null;
        c.state = State.WRITING;
        c.since = System.nanoTime();
        try {
            write(c);
        } catch (IOException e) {
            drop(c);
        }
    }

    private void write(Conn c) throws IOException {
        c.ch.write(c.out);
        if (c.out.hasRemaining()) {
            c.key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        c.out = null;
        if (!c.keepAlive) {
            drop(c);
            return;
        }
        c.state = State.IDLE;
        c.answered = true;
        c.since = System.nanoTime();
        c.buf = new byte[0];
        c.len = 0;
        c.headerEnd = -1;
        c.contentLength = -1;
        c.scanned = 3;
        c.key.interestOps(SelectionKey.OP_READ);
        conns.remove(c);
        conns.add(c);  // most recently used last: eviction takes the oldest
    }

    private void expire() {
        long now = System.nanoTime();
        for (Conn c : new ArrayList<>(conns)) {
            long limitMs = switch (c.state) {
                case IDLE -> IDLE_TIMEOUT_MS;
                case READING, WRITING -> REQUEST_TIMEOUT_MS;
                case HANDLING -> Long.MAX_VALUE;
            };
            if (limitMs != Long.MAX_VALUE && now - c.since > limitMs * 1_000_000L) {
                if (c.state != State.IDLE) {
                    long n = closedForTime.incrementAndGet();
                    if (n == 1 || n % 1000 == 0) {
                        LOG.log(System.Logger.Level.WARNING, "XML-RPC connection from " + remote(c) + " closed: "
                                + (c.state == State.READING ? "request incomplete" : "answer not taken") + " after "
                                + limitMs + " ms (" + n + " so far)");
                    }
                }
                drop(c);
            }
        }
    }

    private void release(Conn c) {
        buffered -= c.buf.length;
        c.buf = new byte[0];
    }

    private void drop(Conn c) {
        if (conns.remove(c)) {
            release(c);
        }
        c.key.cancel();
        closeQuietly(c.ch);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Stops serving; calls in progress are abandoned. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            io.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        try {
            server.close();
            selector.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
