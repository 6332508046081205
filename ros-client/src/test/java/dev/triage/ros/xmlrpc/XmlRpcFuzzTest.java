package dev.triage.ros.xmlrpc;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.triage.ros.ThreadPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz targets (Jazzer) for the XML-RPC side of the node.
 * <ul>
 *   <li>{@link #codec}: the input's first byte says call ({@code C}) or response (anything else); the rest is decoded.
 *   Allowed: {@link XmlRpcException} (faults included). A value that decodes must encode and decode again to the same
 *   encoding (no value the decoder accepts is one the encoder cannot write back).</li>
 *   <li>{@link #http}: the input is sent as one HTTP request to a live {@link XmlRpcServer} on 127.0.0.1 (then
 *   half-closed); whatever it answers, no server thread may die, and the server must answer a well-formed call
 *   afterwards.</li>
 * </ul>
 * Seeds: Python's xmlrpc.client encodings, as rospy and rosmaster send them ({@code scripts/make_fuzz_seeds.py}).
 */
class XmlRpcFuzzTest {

    /** The longest one codec input may take (Jazzer only notes slow inputs): far above any seed's time. */
    static final long SLOW_MILLIS = 3000;

    @FuzzTest(maxDuration = "5s")
    void codec(byte[] data) throws XmlRpcException {
        if (data.length == 0) {
            return;
        }
        byte[] xml = Arrays.copyOfRange(data, 1, data.length);
        long t0 = System.nanoTime();
        try {
            if (data[0] == 'C') {
                XmlRpcCall call = XmlRpcCodec.decodeCall(xml);
                String once = XmlRpcCodec.encodeCall(call.method(), call.params());
                XmlRpcCall again = XmlRpcCodec.decodeCall(once.getBytes(StandardCharsets.UTF_8));
                String twice = XmlRpcCodec.encodeCall(again.method(), again.params());
                if (!once.equals(twice)) {
                    throw new IllegalStateException("call does not round-trip:\n" + once + "\n" + twice);
                }
            } else {
                Object value = XmlRpcCodec.decodeResponse(xml);
                String once = XmlRpcCodec.encodeResponse(value);
                String twice = XmlRpcCodec.encodeResponse(XmlRpcCodec.decodeResponse(
                        once.getBytes(StandardCharsets.UTF_8)));
                if (!once.equals(twice)) {
                    throw new IllegalStateException("response does not round-trip:\n" + once + "\n" + twice);
                }
            }
        } catch (XmlRpcException e) {
            // refused: a fault for the caller
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (millis > SLOW_MILLIS) {
            throw new IllegalStateException("decoding " + data.length + " bytes took " + millis + " ms");
        }
    }

    private static final ThreadPolicy THREADS = new ThreadPolicy((t, e) -> {
        throw new IllegalStateException("out of memory in " + t.getName(), e);
    });
    private static XmlRpcServer server;
    private static long sent;

    private static synchronized XmlRpcServer server() throws IOException {
        if (server == null) {
            server = new XmlRpcServer("127.0.0.1", 0, (m, p) -> List.of(1, "", p.size()), THREADS);
        }
        return server;
    }

    @FuzzTest(maxDuration = "5s")
    void http(byte[] data) throws Exception {
        XmlRpcServer s = server();
        // the one connection this target makes on purpose (Jazzer's SSRF detector flags any other)
        BugDetectors.allowNetworkConnections((host, port) -> (host.equals("127.0.0.1") || host.equals("localhost")) && port == s.port());
        try (Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(data);
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[4096];
            try {
                while (in.read(sink) >= 0) {
                    // drain the answer
                }
            } catch (SocketTimeoutException e) {
                throw new IllegalStateException("no answer and no close within 10 s", e);
            } catch (IOException e) {
                // reset by the server: fine
            }
        }
        if (THREADS.threadsDied() > 0) {
            throw new IllegalStateException(THREADS.threadsDied() + " server threads died");
        }
        if (++sent % 200 == 0) {
            Object r = new XmlRpcClient(java.time.Duration.ofSeconds(5)).call(
                    java.net.URI.create("http://127.0.0.1:" + s.port() + "/"), "getPid", "/fuzz");
            if (!List.of(1, "", 1).equals(r)) {
                throw new IllegalStateException("server answered a good call with " + r);
            }
        }
    }
}
