package dev.triage.ros.xmlrpc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An XML-RPC server on the JDK's HTTP server: a small fixed pool with a bounded queue, a cap on request size,
 * and XML parsed by {@link SafeXml}.
 */
public final class XmlRpcServer implements AutoCloseable {

    /** Largest request accepted. */
    public static final int MAX_REQUEST_BYTES = 8 << 20;

    private static final System.Logger LOG = System.getLogger(XmlRpcServer.class.getName());

    private final HttpServer server;
    private final ThreadPoolExecutor pool;

    /**
     * Binds to {@code bindAddress:port} (port 0 picks a free one) and starts serving.
     *
     * @throws IOException when the address cannot be bound
     */
    public XmlRpcServer(String bindAddress, int port, XmlRpcHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bindAddress, port), 32);
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "ros-xmlrpc-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        server.setExecutor(pool);
        server.createContext("/", exchange -> serve(exchange, handler));
        server.start();
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void serve(HttpExchange ex, XmlRpcHandler handler) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            String reply;
            try (InputStream in = ex.getRequestBody()) {
                XmlRpcCall call = XmlRpcCodec.decodeCall(BoundedBody.read(in, MAX_REQUEST_BYTES));
                try {
                    reply = XmlRpcCodec.encodeResponse(handler.handle(call.method(), call.params()));
                } catch (XmlRpcFault f) {
                    reply = XmlRpcCodec.encodeFault(f.code(), f.faultString());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "XML-RPC " + call.method() + " failed", e);
                    reply = XmlRpcCodec.encodeFault(-1, call.method() + " failed: " + e);
                }
            } catch (XmlRpcException e) {
                LOG.log(System.Logger.Level.WARNING, "refused XML-RPC request from " + ex.getRemoteAddress() + ": "
                        + e.getMessage());
                reply = XmlRpcCodec.encodeFault(-32700, e.getMessage());
            }
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/xml");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops serving; calls in progress get up to 100 ms. */
    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
