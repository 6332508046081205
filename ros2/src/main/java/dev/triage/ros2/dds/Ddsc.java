package dev.triage.ros2.dds;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The part of Eclipse Cyclone DDS's C API ({@code libddsc}, 0.10.x as in Debian 12 and ROS 2 Humble) that Triage
 * uses, bound through JNA. Entities are {@code int} handles (negative = error code). Load with {@link #load()};
 * the plain {@code libddsc.so} comes with Debian's {@code cyclonedds-dev}.
 */
public interface Ddsc extends Library {

    int DDS_DOMAIN_DEFAULT = 0xffffffff;
    int RELIABILITY_BEST_EFFORT = 0;
    int RELIABILITY_RELIABLE = 1;
    int HISTORY_KEEP_LAST = 0;
    int DURABILITY_VOLATILE = 0;
    int DURABILITY_TRANSIENT_LOCAL = 1;
    int DDS_ANY_STATE = 1 | 2 | 4 | 8 | 16 | 32 | 64;
    /** sizeof(dds_sample_info_t) on x86_64 / aarch64, and the offset of its {@code valid_data} flag. */
    int SAMPLE_INFO_SIZE = 64;
    int SAMPLE_INFO_VALID_DATA = 12;

    /** Loads {@code libddsc.so} (throws {@link UnsatisfiedLinkError} when Cyclone DDS is not installed). */
    static Ddsc load() {
        return Native.load("ddsc", Ddsc.class);
    }

    int dds_create_participant(int domain, Pointer qos, Pointer listener);

    int dds_create_topic(int participant, Pointer descriptor, String name, Pointer qos, Pointer listener);

    int dds_create_reader(int participantOrSubscriber, int topic, Pointer qos, Pointer listener);

    int dds_create_writer(int participantOrPublisher, int topic, Pointer qos, Pointer listener);

    int dds_delete(int entity);

    Pointer dds_create_qos();

    void dds_delete_qos(Pointer qos);

    void dds_qset_reliability(Pointer qos, int kind, long maxBlockingTimeNanos);

    void dds_qset_history(Pointer qos, int kind, int depth);

    void dds_qset_durability(Pointer qos, int kind);

    int dds_write(int writer, Pointer sample);

    int dds_take(int reader, Pointer[] samples, Pointer infos, long bufsz, int maxs);

    int dds_return_loan(int reader, Pointer[] samples, int bufsz);

    int dds_create_readcondition(int reader, int mask);

    int dds_create_waitset(int owner);

    int dds_waitset_attach(int waitset, int entity, long attach);

    int dds_waitset_wait(int waitset, Pointer triggered, long nxs, long relTimeoutNanos);

    int dds_waitset_set_trigger(int waitset, boolean trigger);

    int dds_get_publication_matched_status(int writer, Pointer status);

    int dds_get_subscription_matched_status(int reader, Pointer status);

    String dds_strretcode(int rc);
}
