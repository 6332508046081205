package dev.triage.ros2.msg;

import java.util.List;

/** vision_msgs/msg/Detection2DArray. */
public record Detection2DArray(Header header, List<Detection2D> detections) {
    public Detection2DArray {
        detections = List.copyOf(detections);
    }
}
