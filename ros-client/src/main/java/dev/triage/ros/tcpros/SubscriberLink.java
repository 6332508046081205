package dev.triage.ros.tcpros;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One subscriber connected to a {@link Publication}: a bounded drop-oldest queue of framed messages and a writer
 * thread, so a subscriber that never reads fills its own queue and never blocks the publisher.
 */
public final class SubscriberLink {

    private static final System.Logger LOG = System.getLogger(SubscriberLink.class.getName());

    private final int id = ConnectionIds.next();
    private final Socket socket;
    private final String topic;
    private final String subscriber;
    private final DropOldestQueue<byte[]> queue;
    private final Consumer<SubscriberLink> onClose;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    SubscriberLink(Socket socket, String topic, String subscriber, int queueSize, Consumer<SubscriberLink> onClose,
                   dev.triage.ros.ThreadPolicy threads) {
        this.socket = socket;
        this.topic = topic;
        this.subscriber = subscriber;
        this.queue = new DropOldestQueue<>(queueSize);
        this.onClose = onClose;
        this.writer = threads.newThread("tcpros-out-" + topic + "-" + id, this::writeLoop);
    }

    void start() {
        writer.start();
    }

    /** Queues one framed message; never blocks. */
    void offer(byte[] framed) {
        queue.offer(framed);
    }

    private void writeLoop() {
        try {
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                byte[] frame = queue.poll(250, TimeUnit.MILLISECONDS);
                if (frame == null) {
                    continue;
                }
                out.write(frame);
                out.flush();
                sent.incrementAndGet();
                bytes.addAndGet(frame.length - 4L);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "subscriber " + subscriber + " on " + topic + " gone: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /**
     * Blocks until the subscriber closes its end (subscribers never send after the handshake), then closes. The
     * socket's read timeout, if any, only wakes this loop to check whether the link was closed.
     */
    void watch() {
        try {
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[256];
            while (!closed) {
                try {
                    if (in.read(sink) < 0) {
                        break;
                    }
                } catch (java.net.SocketTimeoutException idle) {
                    // a quiet subscriber is a normal one
                }
            }
        } catch (IOException e) {
            // closed under us
        } finally {
            close();
        }
    }

    /** Closes the socket and stops the writer; idempotent. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        queue.close();
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        onClose.accept(this);
    }

    /** Messages dropped by this link's queue. */
    long dropped() {
        return queue.dropped();
    }

    /** Messages written. */
    long sent() {
        return sent.get();
    }

    /** This connection for getBusInfo. */
    BusConnection describe() {
        return new BusConnection(id, subscriber, "o", topic, !closed, bytes.get(), sent.get(), queue.dropped());
    }
}
