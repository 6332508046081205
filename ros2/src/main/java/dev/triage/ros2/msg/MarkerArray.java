package dev.triage.ros2.msg;

import java.util.List;

/** visualization_msgs/msg/MarkerArray. */
public record MarkerArray(List<Marker> markers) {
    public MarkerArray {
        markers = List.copyOf(markers);
    }
}
