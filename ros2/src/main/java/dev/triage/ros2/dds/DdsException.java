package dev.triage.ros2.dds;

/** A Cyclone DDS call returned an error code. */
public final class DdsException extends RuntimeException {
    public DdsException(String message) {
        super(message);
    }

    static int check(Ddsc dds, int rc, String what) {
        if (rc < 0) {
            throw new DdsException(what + " failed: " + dds.dds_strretcode(rc) + " (" + rc + ")");
        }
        return rc;
    }
}
