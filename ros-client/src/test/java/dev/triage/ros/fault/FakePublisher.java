package dev.triage.ros.fault;

import dev.triage.ros.msg.MessageType;
import dev.triage.ros.tcpros.ConnectionHeader;
import dev.triage.ros.xmlrpc.XmlRpcServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test helper: a hostile or broken ROS publisher on 127.0.0.1. Its slave API answers requestTopic with a TCPROS
 * endpoint (its own, or a port it names, such as 70000); its TCPROS side reads the subscriber's header and then does
 * what its {@link Behaviour} says. Register it with a subscriber by calling the subscriber's publisherUpdate (as a
 * master would) or with a master's registerPublisher.
 */
public final class FakePublisher implements AutoCloseable {

    /** What the TCPROS side does with one subscriber connection after reading its header. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket s, ConnectionHeader theirs) throws Exception;
    }

    private final XmlRpcServer slave;
    private final ServerSocket tcp;
    private final Thread acceptor;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong requestTopics = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param advertisedPort the port to answer requestTopic with, or 0 for the real TCPROS port
     */
    public FakePublisher(int advertisedPort, Behaviour behaviour) throws IOException {
        tcp = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        int port = advertisedPort == 0 ? tcp.getLocalPort() : advertisedPort;
        slave = new XmlRpcServer("127.0.0.1", 0, (method, params) -> {
            requestTopics.incrementAndGet();
            return switch (method) {
                case "requestTopic" -> List.of(1, "ready", List.of("TCPROS", "127.0.0.1", port));
                case "getPid" -> List.of(1, "", 4242);
                default -> List.of(1, "", 0);
            };
        });
        acceptor = new Thread(() -> {
            while (!closed) {
                try {
                    Socket s = tcp.accept();
                    open.add(s);
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> {
                        try {
                            behaviour.serve(s, ConnectionHeader.read(s.getInputStream()));
                        } catch (Exception e) {
                            // the victim hung up
                        }
                    }, "fake-pub-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-pub-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The fake slave API's URI. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + slave.port() + "/");
    }

    /** requestTopic (and other slave) calls answered. */
    public long slaveCalls() {
        return requestTopics.get();
    }

    /** TCPROS connections accepted. */
    public long connections() {
        return connections.get();
    }

    /** A valid publisher header for {@code type} on {@code topic}. */
    public static byte[] header(String topic, MessageType<?> type) {
        return new ConnectionHeader(Map.of("callerid", "/fake", "topic", topic, "type", type.name(), "md5sum",
                type.md5(), "message_definition", type.definition())).encode();
    }

    /** Sends a valid header, announces {@code announced} bytes, sends {@code sent} of them and stalls. */
    public static Behaviour stuckAnnouncing(String topic, MessageType<?> type, int announced, int sent) {
        return (s, theirs) -> {
            OutputStream out = s.getOutputStream();
            out.write(header(topic, type));
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(announced).array());
            out.write(new byte[sent]);
            out.flush();
            while (!s.isClosed() && s.getInputStream().read() >= 0) {
                // stalled: hold the connection until the victim hangs up
            }
        };
    }

    /** Sends {@code raw} as the connection header (garbage), then holds the connection. */
    public static Behaviour rawHeader(byte[] raw) {
        return (s, theirs) -> {
            s.getOutputStream().write(raw);
            s.getOutputStream().flush();
            while (!s.isClosed() && s.getInputStream().read() >= 0) {
                // hold
            }
        };
    }

    @Override
    public void close() throws IOException {
        closed = true;
        slave.close();
        tcp.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
