package dev.triage.ros;

import dev.triage.ros.fault.SlowLoris;
import dev.triage.ros.msg.std.Float32;
import dev.triage.ros.msg.std.StdMsgs;
import dev.triage.ros.tcpros.SubscriptionOptions;
import dev.triage.ros.xmlrpc.XmlRpcClient;
import dev.triage.ros.xmlrpc.XmlRpcServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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
}
