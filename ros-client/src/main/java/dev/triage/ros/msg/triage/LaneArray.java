package dev.triage.ros.msg.triage;

import dev.triage.ros.msg.std.Header;

import java.util.List;
import java.util.Objects;

/**
 * triage_msgs/LaneArray: every lane boundary of one image.
 *
 * @param header      stamp and frame_id of the source image
 * @param imageWidth  source image width in pixels, unsigned 32-bit
 * @param imageHeight source image height in pixels, unsigned 32-bit
 * @param lanes       the boundaries
 */
public record LaneArray(Header header, int imageWidth, int imageHeight, List<Lane> lanes) {

    public LaneArray {
        Objects.requireNonNull(header, "header");
        lanes = List.copyOf(lanes);
    }
}
