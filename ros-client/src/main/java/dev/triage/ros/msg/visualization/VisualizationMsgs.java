package dev.triage.ros.msg.visualization;

import dev.triage.ros.msg.MessageType;

/** The visualization_msgs types this client speaks. */
public final class VisualizationMsgs {

    /** visualization_msgs/Marker. */
    public static final MessageType<Marker> MARKER = MessageType.of("visualization_msgs/Marker", Marker.class);
    /** visualization_msgs/MarkerArray. */
    public static final MessageType<MarkerArray> MARKER_ARRAY =
            MessageType.of("visualization_msgs/MarkerArray", MarkerArray.class);

    private VisualizationMsgs() {
    }
}
