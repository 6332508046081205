package dev.triage.ros2.node;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.ResultSink;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsWriter;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.msg.Detection2D;
import dev.triage.ros2.msg.Detection2DArray;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.Ros2Types;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes each {@link PerceptionResult} on ROS 2 {@code ~detections} (vision_msgs/msg/Detection2DArray, Humble+
 * layout, reliable keep-last 10): {@code results[0].hypothesis.class_id} is the label name ("pedestrian",
 * "cyclist", "vehicle", ...), {@code score} its score, {@code bbox.center.position} the box centre in pixels,
 * {@code theta} 0, {@code id} the detection's index in the frame. Every header keeps the input image's stamp and
 * frame_id. Runs on the worker thread. (Lanes, context and markers are not published on ROS 2 yet.)
 */
public final class Ros2ResultSink implements ResultSink {

    private final DdsWriter<Detection2DArray> detections;

    /** Creates the writer of DDS topic {@code rt<detectionsTopic>}. */
    public Ros2ResultSink(DdsParticipant participant, String detectionsTopic) {
        this.detections = participant.createWriter(DdsParticipant.rosTopic(detectionsTopic),
                Ros2Types.DETECTION_2D_ARRAY, QosProfile.RELIABLE);
    }

    /** The message for {@code r}. */
    public static Detection2DArray detectionArray(PerceptionResult r) {
        Header header = Header.ofNanos(r.stampNanos(), r.frameId());
        List<Detection2D> out = new ArrayList<>(r.detections().size());
        int i = 0;
        for (Detection d : r.detections()) {
            BoundingBox b = d.box();
            out.add(new Detection2D(header, List.of(new Detection2D.Hypothesis(d.label(), d.score())),
                    (b.x1() + b.x2()) / 2, (b.y1() + b.y2()) / 2, 0, b.width(), b.height(), Integer.toString(i++)));
        }
        return new Detection2DArray(header, out);
    }

    @Override
    public void accept(PerceptionResult r) {
        detections.write(detectionArray(r));
    }

    /** Messages written. */
    public long written() {
        return detections.written();
    }

    @Override
    public void close() {
        detections.close();
    }
}
