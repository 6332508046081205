package dev.triage.ros2.dds;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A Cyclone DDS domain participant: the ROS 2 node's presence on the DDS graph. Topic names given here are DDS
 * names (a ROS topic {@code /x} is {@code rt/x}: {@link #rosTopic(String)}). Cyclone reads its configuration from
 * {@code CYCLONEDDS_URI} (interface, peers, multicast); the domain is ROS_DOMAIN_ID's value.
 *
 * <pre>{@code
 * try (DdsParticipant p = DdsParticipant.create(0)) {
 *     DdsWriter<Detection2DArray> w = p.createWriter(DdsParticipant.rosTopic("/triage/detections"),
 *             Ros2Types.DETECTION_2D_ARRAY, QosProfile.RELIABLE);
 *     w.write(msg);
 * }
 * }</pre>
 */
public final class DdsParticipant implements AutoCloseable {

    private final Ddsc dds;
    private final int handle;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DdsParticipant(Ddsc dds, int handle) {
        this.dds = dds;
        this.handle = handle;
    }

    /** Joins DDS domain {@code domainId} (ROS_DOMAIN_ID, 0 by default). */
    public static DdsParticipant create(int domainId) {
        Ddsc dds = Ddsc.load();
        int h = DdsException.check(dds, dds.dds_create_participant(domainId, null, null), "dds_create_participant");
        return new DdsParticipant(dds, h);
    }

    /** The DDS topic name of ROS topic {@code rosName} (absolute): {@code /a/b} → {@code rt/a/b}. */
    public static String rosTopic(String rosName) {
        if (!rosName.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute ROS name: " + rosName);
        }
        return "rt" + rosName;
    }

    Ddsc dds() {
        return dds;
    }

    private Pointer qos(QosProfile profile) {
        Pointer q = dds.dds_create_qos();
        dds.dds_qset_reliability(q, profile.reliability, 100_000_000L);
        dds.dds_qset_history(q, Ddsc.HISTORY_KEEP_LAST, profile.depth);
        dds.dds_qset_durability(q, profile.durability);
        return q;
    }

    private int topic(String name, TopicType<?> type) {
        return DdsException.check(dds, dds.dds_create_topic(handle, type.descriptor(), name, null, null),
                "dds_create_topic " + name);
    }

    /** A writer on DDS topic {@code name}. */
    public <T> DdsWriter<T> createWriter(String name, TopicType<T> type, QosProfile profile) {
        Pointer q = qos(profile);
        try {
            int w = DdsException.check(dds, dds.dds_create_writer(handle, topic(name, type), q, null),
                    "dds_create_writer " + name);
            return new DdsWriter<>(dds, w, name, type);
        } finally {
            dds.dds_delete_qos(q);
        }
    }

    /**
     * A reader on DDS topic {@code name} whose own thread hands each valid sample to {@code onSample}, and each
     * sample that fails {@link TopicType#read} to {@code onMalformed}. Exceptions from the callbacks are caught.
     */
    public <T> DdsReader<T> createReader(String name, TopicType<T> type, QosProfile profile, Consumer<T> onSample,
                                         Consumer<RuntimeException> onMalformed) {
        Pointer q = qos(profile);
        try {
            int r = DdsException.check(dds, dds.dds_create_reader(handle, topic(name, type), q, null),
                    "dds_create_reader " + name);
            return new DdsReader<>(dds, handle, r, name, type, Objects.requireNonNull(onSample),
                    Objects.requireNonNull(onMalformed));
        } finally {
            dds.dds_delete_qos(q);
        }
    }

    static int matched(Ddsc dds, int entity, boolean writer) {
        Memory status = new Memory(24);
        status.clear();
        int rc = writer ? dds.dds_get_publication_matched_status(entity, status)
                : dds.dds_get_subscription_matched_status(entity, status);
        return rc < 0 ? 0 : status.getInt(8);   // current_count
    }

    /** Deletes the participant and everything it created (readers stop first). */
    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            dds.dds_delete(handle);
        }
    }
}
