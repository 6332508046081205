package dev.triage.ros2.dds;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A DDS data reader with its own thread: it waits on a read condition, takes up to 8 loaned samples at a time,
 * converts each (copying what it needs out of the loan), returns the loan and calls back. Cyclone's reader history
 * (keep last, {@link QosProfile} depth) bounds what can wait here; nothing queues in Java.
 */
public final class DdsReader<T> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DdsReader.class.getName());
    private static final int BATCH = 8;

    private final Ddsc dds;
    private final int handle;
    private final int waitset;
    private final String topic;
    private final TopicType<T> type;
    private final Consumer<T> onSample;
    private final Consumer<RuntimeException> onMalformed;
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    DdsReader(Ddsc dds, int participant, int handle, String topic, TopicType<T> type, Consumer<T> onSample,
              Consumer<RuntimeException> onMalformed) {
        this.dds = dds;
        this.handle = handle;
        this.topic = topic;
        this.type = type;
        this.onSample = onSample;
        this.onMalformed = onMalformed;
        int cond = DdsException.check(dds, dds.dds_create_readcondition(handle, Ddsc.DDS_ANY_STATE),
                "dds_create_readcondition");
        this.waitset = DdsException.check(dds, dds.dds_create_waitset(participant), "dds_create_waitset");
        DdsException.check(dds, dds.dds_waitset_attach(waitset, cond, 1), "dds_waitset_attach");
        this.thread = new Thread(this::loop, "dds-reader " + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Pointer[] samples = new Pointer[BATCH];
        Memory infos = new Memory((long) Ddsc.SAMPLE_INFO_SIZE * BATCH);
        while (!closed.get()) {
            int rc = dds.dds_waitset_wait(waitset, null, 0, 200_000_000L);
            if (closed.get()) {
                break;
            }
            if (rc < 0) {
                LOG.log(System.Logger.Level.WARNING, topic + ": waitset: " + dds.dds_strretcode(rc));
                sleepQuietly();
                continue;
            }
            while (!closed.get()) {
                java.util.Arrays.fill(samples, null);
                int n = dds.dds_take(handle, samples, infos, BATCH, BATCH);
                if (n <= 0) {
                    break;
                }
                try {
                    for (int i = 0; i < n; i++) {
                        if (infos.getByte((long) i * Ddsc.SAMPLE_INFO_SIZE + Ddsc.SAMPLE_INFO_VALID_DATA) == 0) {
                            continue;  // an instance state change, no data
                        }
                        deliver(samples[i]);
                    }
                } finally {
                    dds.dds_return_loan(handle, samples, n);
                }
            }
        }
    }

    private void deliver(Pointer sample) {
        T msg;
        try {
            msg = type.read(sample);
        } catch (RuntimeException e) {
            malformed.incrementAndGet();
            safely(() -> onMalformed.accept(e));
            return;
        }
        received.incrementAndGet();
        safely(() -> onSample.accept(msg));
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, topic + ": callback failed: " + e);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Valid samples delivered. */
    public long received() {
        return received.get();
    }

    /** Samples that Cyclone delivered but that broke the message's rules. */
    public long malformed() {
        return malformed.get();
    }

    /** Writers matched now. */
    public int matchedWriters() {
        return DdsParticipant.matched(dds, handle, false);
    }

    /** The DDS topic name. */
    public String topic() {
        return topic;
    }

    /** Stops the thread and deletes the reader. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        dds.dds_waitset_set_trigger(waitset, true);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dds.dds_delete(waitset);
        dds.dds_delete(handle);
    }
}
