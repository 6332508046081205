package dev.triage.ros;

import dev.triage.ros.fault.SlowLoris;
import dev.triage.ros.msg.std.Float32;
import dev.triage.ros.msg.std.StdMsgs;
import dev.triage.ros.tcpros.SubscriptionOptions;
import dev.triage.ros.xmlrpc.XmlRpcClient;
import dev.triage.ros.xmlrpc.XmlRpcCodec;
import dev.triage.ros.xmlrpc.XmlRpcServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clients that hold a node's server sockets: neither its slave API nor its TCPROS port can be exhausted (D1). */
@Timeout(90)
class HostileSubscriberTest {

    /**
     * 300 connections to the TCPROS port that send two bytes of a header and stall (more than the 256-connection
     * cap); a real subscriber still connects and receives within 3 s.
     */
    @Test
    void stalledTcprosHandshakesDoNotLockOutARealSubscriber() throws Exception {
        AtomicLong got = new AtomicLong();
        try (RosNode pubNode = HostilePublisherTest.node("/loris_pub");
             RosNode subNode = HostilePublisherTest.node("/loris_sub")) {
            Publisher<Float32> pub = pubNode.advertise("/t_loris", StdMsgs.FLOAT32, PublisherOptions.defaults());
            AtomicBoolean on = RosInteropTest.keepPublishing(pub, new Float32(1f));
            List<?> r = (List<?>) new XmlRpcClient(Duration.ofSeconds(2)).call(pubNode.slaveUri(), "requestTopic",
                    "/x", "/t_loris", List.of(List.of("TCPROS")));
            int port = (Integer) ((List<?>) r.get(2)).get(2);
            try (SlowLoris loris = new SlowLoris(new InetSocketAddress("127.0.0.1", port), 300, 0,
                    "\u0010\u0000", "")) {
                Thread.sleep(1000);
                subNode.subscribe("/t_loris", StdMsgs.FLOAT32, SubscriptionOptions.defaults().withQueueSize(100),
                        (Float32 m) -> got.incrementAndGet());
                new XmlRpcClient(Duration.ofSeconds(2)).call(subNode.slaveUri(), "publisherUpdate", "/master",
                        "/t_loris", List.of(pubNode.slaveUri().toString()));
                RosInteropTest.await(() -> got.get() >= 10, Duration.ofSeconds(3),
                        "10 messages to a real subscriber while 300 handshakes stall");
                assertTrue(pubNode.connectionsShed() > 0, "the stalled handshakes were shed");
            } finally {
                on.set(false);
            }
        }
    }

    /**
     * 200 connections that send only a request line and 64 that announce a body they never send (four times the
     * server's connection cap): calls still answer at once, and incomplete requests are closed after their 5 s.
     */
    @Test
    void slaveApiAnswersDuringASlowLorisAndClosesIncompleteRequests() throws Exception {
        try (XmlRpcServer server = new XmlRpcServer("127.0.0.1", 0, (m, p) -> List.of(1, "", 42))) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
            XmlRpcClient client = new XmlRpcClient(Duration.ofSeconds(2));
            try (SlowLoris loris = new SlowLoris(new InetSocketAddress("127.0.0.1", server.port()), 200, 64)) {
                Thread.sleep(500);
                for (int i = 0; i < 20; i++) {
                    long t0 = System.nanoTime();
                    assertTrue(List.of(1, "", 42).equals(client.call(uri, "getPid", "/x")));
                    double ms = (System.nanoTime() - t0) / 1e6;
                    assertTrue(ms < 1000, "call " + i + " took " + ms + " ms");
                }
                assertTrue(server.openConnections() <= XmlRpcServer.MAX_CONNECTIONS, server.openConnections() + "");
                RosInteropTest.await(() -> loris.reopened() >= 64, Duration.ofSeconds(15),
                        "incomplete requests closed by the server");
            }
        }
    }

    /**
     * A client's kept-alive connection, answered once, is still answered after 264 stalling connections have churned
     * through the 64 slots (each new one evicts a waiting one): the cap evicts stallers before real clients. It used
     * to evict the longest-waiting connection of any kind, which made such a client's next call fail now and then.
     */
    @Test
    void keptAliveClientConnectionOutlivesTheLorisChurn() throws Exception {
        try (XmlRpcServer server = new XmlRpcServer("127.0.0.1", 0, (m, p) -> List.of(1, "", 42));
             Socket client = new Socket("127.0.0.1", server.port())) {
            client.setSoTimeout(5000);
            assertEquals(List.of(1, "", 42), callOn(client));
            try (SlowLoris loris = new SlowLoris(new InetSocketAddress("127.0.0.1", server.port()), 200, 64)) {
                RosInteropTest.await(() -> loris.reopened() >= 64, Duration.ofSeconds(15), "connections evicted");
                assertEquals(List.of(1, "", 42), callOn(client));
            }
        }
    }

    /** One getPid call over a raw keep-alive HTTP/1.1 connection; the decoded result. */
    private static Object callOn(Socket socket) throws Exception {
        byte[] body = XmlRpcCodec.encodeCall("getPid", List.of("/x")).getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        String headers = readHeaders(in);
        int length = Integer.parseInt(headers.replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
        return XmlRpcCodec.decodeResponse(in.readNBytes(length));
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by the server after " + head.size() + " bytes");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
