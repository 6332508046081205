package dev.triage.ros.tcpros;

import dev.triage.ros.msg.MessageFormatException;
import dev.triage.ros.xmlrpc.XmlRpcClient;
import dev.triage.ros.xmlrpc.XmlRpcException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * Every way a publisher can fail is counted on the subscription: refused or invalid requestTopic answers
 * ({@code refused}, slowest backoff), malformed headers ({@code bad_header}), oversized messages, the in-flight
 * budget ({@code over_budget}) and bodies or headers that stop arriving ({@code timeouts}).
 *
 * <p>A link the master stops listing while it is connected (a restarted master that does not know a rospy or roscpp
 * driver, which does not register again) is kept, as roscpp keeps it, until its connection breaks or it has been
 * silent for {@link #ORPHAN_IDLE_NANOS}; it is then dropped, not retried.
 */
final class PublisherLink implements Runnable {

    private static final System.Logger LOG = System.getLogger(PublisherLink.class.getName());
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 1000;
    private static final int CONNECT_TIMEOUT_MS = 2000;
    private static final long HANDSHAKE_NANOS = 5_000_000_000L;
    /** An unlisted link that delivers nothing for this long is dropped. */
    static final long ORPHAN_IDLE_NANOS = 10_000_000_000L;

    private final int id = ConnectionIds.next();
    private final Subscription<?> subscription;
    private final String publisherUri;
    private final XmlRpcClient rpc;
    private final Thread thread;
    private volatile boolean active = true;
    private volatile boolean listed = true;
    private volatile Socket socket;
    private volatile boolean connected;
    private volatile long lastMessageNanos = System.nanoTime();
    private long bytes;
    private long messages;
    private String lastProblem = "";

    PublisherLink(Subscription<?> subscription, String publisherUri, XmlRpcClient rpc) {
        this.subscription = subscription;
        this.publisherUri = publisherUri;
        this.rpc = rpc;
        this.thread = subscription.threads().supervise("tcpros-in-" + subscription.topic() + "-" + id, this,
                () -> active);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        long backoff = MIN_BACKOFF_MS;
        while (active) {
            FrameReader[] reader = new FrameReader[1];
            try {
                if (session(reader)) {
                    backoff = MIN_BACKOFF_MS;
                }
            } catch (OversizedMessageException e) {
                subscription.countOversized();
                problem(System.Logger.Level.WARNING, "from " + publisherUri + ": " + e.getMessage());
            } catch (MessageBudgetException e) {
                subscription.countOverBudget();
                problem(System.Logger.Level.WARNING, "from " + publisherUri + " on " + subscription.topic() + ": "
                        + e.getMessage());
            } catch (DeadlineInputStream.ReadTimeoutException e) {
                subscription.countTimeout();
                problem(System.Logger.Level.WARNING, "publisher " + publisherUri + " on " + subscription.topic()
                        + ": " + e.getMessage() + "; connection dropped");
            } catch (MalformedHeaderException e) {
                subscription.countBadHeader();
                problem(System.Logger.Level.WARNING, "publisher " + publisherUri + " on " + subscription.topic()
                        + " sent a malformed header: " + e.getMessage());
                backoff = MAX_BACKOFF_MS;
            } catch (RefusedException e) {
                subscription.countRefused();
                problem(System.Logger.Level.WARNING, e.getMessage());
                backoff = MAX_BACKOFF_MS;
            } catch (IOException e) {
                problem(System.Logger.Level.DEBUG, "publisher " + publisherUri + ": " + e.getMessage());
            } finally {
                connected = false;
                closeSocket();
                if (reader[0] != null) {
                    reader[0].release();
                }
            }
            if (!listed) {
                active = false;
                LOG.log(System.Logger.Level.INFO, "link to " + publisherUri + " on " + subscription.topic()
                        + " ended; the master no longer lists it, so it is not retried");
                subscription.linkEnded(this);
                break;
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

    /** Whether the connection should stay up: the link is active, and not an orphan gone quiet. */
    private boolean wanted() {
        return active && (listed || System.nanoTime() - lastMessageNanos < ORPHAN_IDLE_NANOS);
    }

    /** One connection, from requestTopic to the broken socket; true when the handshake succeeded. */
    private boolean session(FrameReader[] readerOut) throws IOException {
        InetSocketAddress endpoint = requestTopic();
        Socket s = new Socket();
        socket = s;
        if (!active) {
            return false;
        }
        s.setTcpNoDelay(subscription.options().tcpNoDelay());
        s.connect(endpoint, CONNECT_TIMEOUT_MS);
        s.setSoTimeout(DeadlineInputStream.POLL_MS);
        OutputStream out = s.getOutputStream();
        out.write(subscription.requestHeader().encode());
        out.flush();
        DeadlineInputStream timing = new DeadlineInputStream(s.getInputStream(), this::wanted);
        InputStream in = new BufferedInputStream(timing, 1 << 16);
        timing.expect("connection header", HANDSHAKE_NANOS, HANDSHAKE_NANOS);
        ConnectionHeader theirs = ConnectionHeader.read(in);
        Optional<String> refusal = HeaderCheck.mismatch(subscription.topic(), subscription.type().name(),
                subscription.type().md5(), theirs);
        if (refusal.isPresent()) {
            throw new RefusedException("publisher " + publisherUri + " on " + subscription.topic() + ": "
                    + refusal.get());
        }
        connected = true;
        lastMessageNanos = System.nanoTime();
        lastProblem = "";
        subscription.countConnect();
        FrameReader reader = new FrameReader(timing, in, subscription.maxMessageBytes(), subscription.budget(),
                subscription.options().bodyTimeout().toNanos());
        readerOut[0] = reader;
        while (active) {
            FrameReader.Payload payload = reader.next();
            bytes += payload.length();
            messages++;
            lastMessageNanos = System.nanoTime();
            try {
                subscription.deliver(payload.bytes(), payload.length());
            } catch (MessageFormatException e) {
                subscription.countMalformed();
                problem(System.Logger.Level.WARNING, "malformed message on " + subscription.topic() + " from "
                        + publisherUri + ": " + e.getMessage());
            } finally {
                reader.release();
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
                if (host.isBlank() || port < 1 || port > 65535) {
                    throw new RefusedException("publisher " + publisherUri + " answered requestTopic for "
                            + subscription.topic() + " with the invalid endpoint '" + host + "':" + port);
                }
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

    /** Marks whether the master lists this publisher; an unlisted link ends with its connection. */
    void setListed(boolean listed) {
        this.listed = listed;
    }

    /** Whether the master listed this publisher last time. */
    boolean isListed() {
        return listed;
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
