package dev.triage.ros.tcpros;

import dev.triage.ros.msg.MessageFormatException;
import dev.triage.ros.xmlrpc.XmlRpcClient;
import dev.triage.ros.xmlrpc.XmlRpcException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The connection of a {@link Subscription} to one publisher: asks the publisher's slave API for a TCPROS endpoint
 * (requestTopic), connects, exchanges headers, and reads messages until the connection breaks; then it tries
 * again with a backoff of 100 ms doubling to 1 s, for as long as the publisher stays in the subscription's list.
 */
final class PublisherLink implements Runnable {

    private static final System.Logger LOG = System.getLogger(PublisherLink.class.getName());
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 1000;
    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final int id = ConnectionIds.next();
    private final Subscription<?> subscription;
    private final String publisherUri;
    private final XmlRpcClient rpc;
    private final Thread thread;
    private volatile boolean active = true;
    private volatile Socket socket;
    private volatile boolean connected;
    private long bytes;
    private long messages;
    private String lastProblem = "";

    PublisherLink(Subscription<?> subscription, String publisherUri, XmlRpcClient rpc) {
        this.subscription = subscription;
        this.publisherUri = publisherUri;
        this.rpc = rpc;
        this.thread = new Thread(this, "tcpros-in-" + subscription.topic() + "-" + id);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        long backoff = MIN_BACKOFF_MS;
        while (active) {
            try {
                if (session()) {
                    backoff = MIN_BACKOFF_MS;
                }
            } catch (OversizedMessageException e) {
                subscription.countOversized();
                problem(System.Logger.Level.WARNING, "from " + publisherUri + ": " + e.getMessage());
            } catch (RefusedException e) {
                subscription.countRefused();
                problem(System.Logger.Level.WARNING, e.getMessage());
                backoff = MAX_BACKOFF_MS;
            } catch (IOException e) {
                problem(System.Logger.Level.DEBUG, "publisher " + publisherUri + ": " + e.getMessage());
            } finally {
                connected = false;
                closeSocket();
            }
            if (!active) {
                break;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                break;
            }
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    /** One connection, from requestTopic to the broken socket; true when the handshake succeeded. */
    private boolean session() throws IOException {
        InetSocketAddress endpoint = requestTopic();
        Socket s = new Socket();
        socket = s;
        if (!active) {
            return false;
        }
        s.setTcpNoDelay(subscription.options().tcpNoDelay());
        s.connect(endpoint, CONNECT_TIMEOUT_MS);
        OutputStream out = s.getOutputStream();
        out.write(subscription.requestHeader().encode());
        out.flush();
        DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
        ConnectionHeader theirs = ConnectionHeader.read(in);
        Optional<String> refusal = HeaderCheck.mismatch(subscription.topic(), subscription.type().name(),
                subscription.type().md5(), theirs);
        if (refusal.isPresent()) {
            throw new RefusedException("publisher " + publisherUri + " on " + subscription.topic() + ": "
                    + refusal.get());
        }
        connected = true;
        lastProblem = "";
        subscription.countConnect();
        int max = subscription.maxMessageBytes();
        while (active) {
            byte[] payload = Frames.read(in, max);
            bytes += payload.length;
            messages++;
            try {
                subscription.deliver(payload);
            } catch (MessageFormatException e) {
                subscription.countMalformed();
                problem(System.Logger.Level.WARNING, "malformed message on " + subscription.topic() + " from "
                        + publisherUri + ": " + e.getMessage());
            }
        }
        return true;
    }

    private InetSocketAddress requestTopic() throws IOException {
        Object reply;
        try {
            reply = rpc.call(URI.create(publisherUri), "requestTopic", subscription.callerId(), subscription.topic(),
                    List.of(List.of("TCPROS")));
        } catch (IllegalArgumentException e) {
            throw new RefusedException("bad publisher URI " + publisherUri);
        }
        if (reply instanceof List<?> r && r.size() == 3 && r.get(0) instanceof Integer code) {
            if (code == 1 && r.get(2) instanceof List<?> p && p.size() >= 3 && "TCPROS".equals(p.get(0))
                    && p.get(1) instanceof String host && p.get(2) instanceof Integer port) {
                return new InetSocketAddress(host, port);
            }
            throw new RefusedException("publisher " + publisherUri + " refused requestTopic for "
                    + subscription.topic() + ": " + r.get(1));
        }
        throw new XmlRpcException("requestTopic at " + publisherUri + ": unexpected reply " + reply);
    }

    private void problem(System.Logger.Level level, String message) {
        if (!message.equals(lastProblem)) {
            LOG.log(level, message);
            lastProblem = message;
        }
    }

    private void closeSocket() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** The publisher's slave URI. */
    String publisherUri() {
        return publisherUri;
    }

    /** Whether the handshake is done and the socket up. */
    boolean isConnected() {
        return connected;
    }

    /** This connection for getBusInfo. */
    BusConnection describe() {
        return new BusConnection(id, publisherUri, "i", subscription.topic(), connected, bytes, messages, 0);
    }

    /** Stops the link and closes its socket. */
    void close() {
        active = false;
        closeSocket();
        thread.interrupt();
    }

    /** The peer refused or does not fit; retried at the slowest backoff. */
    static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }
}
