package dev.triage.ros2.dds;

import com.sun.jna.Pointer;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A DDS data writer for ROS 2 messages of type {@code T}. {@link #write} builds the C struct in native memory, lets
 * Cyclone serialise it (XCDR1) and frees it; with keep-last history a slow reliable reader costs at most the
 * history depth, never an unbounded queue. Thread-safe.
 */
public final class DdsWriter<T> implements AutoCloseable {

    private final Ddsc dds;
    private final int handle;
    private final String topic;
    private final TopicType<T> type;
    private final AtomicLong written = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    DdsWriter(Ddsc dds, int handle, String topic, TopicType<T> type) {
        this.dds = dds;
        this.handle = handle;
        this.topic = topic;
        this.type = type;
    }

    /** Serialises and sends {@code msg}. */
    public void write(T msg) {
        if (closed.get()) {
            throw new IllegalStateException("writer closed: " + topic);
        }
        try (NativeArena arena = new NativeArena()) {
            Pointer sample = arena.allocate(type.size());
            type.write(msg, sample, arena);
            DdsException.check(dds, dds.dds_write(handle, sample), "dds_write " + topic);
            written.incrementAndGet();
        }
    }

    /** Readers matched now. */
    public int matchedReaders() {
        return DdsParticipant.matched(dds, handle, true);
    }

    /** Samples written. */
    public long written() {
        return written.get();
    }

    /** The DDS topic name. */
    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            dds.dds_delete(handle);
        }
    }
}
