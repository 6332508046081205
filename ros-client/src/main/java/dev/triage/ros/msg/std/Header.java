package dev.triage.ros.msg.std;

import dev.triage.ros.msg.Time;

import java.util.Objects;

/**
 * std_msgs/Header: sequence number, stamp and coordinate frame of stamped data.
 *
 * @param seq     sequence number, unsigned 32-bit (publishers may leave it 0)
 * @param stamp   acquisition time
 * @param frameId coordinate frame
 */
public record Header(int seq, Time stamp, String frameId) {

    public Header {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(frameId, "frameId");
    }
}
