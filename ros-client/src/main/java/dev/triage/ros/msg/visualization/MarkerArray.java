package dev.triage.ros.msg.visualization;

import java.util.List;

/**
 * visualization_msgs/MarkerArray.
 *
 * @param markers the markers
 */
public record MarkerArray(List<Marker> markers) {

    public MarkerArray {
        markers = List.copyOf(markers);
    }
}
