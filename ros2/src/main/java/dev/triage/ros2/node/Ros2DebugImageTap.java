package dev.triage.ros2.node;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.render.OverlayRenderer;
import dev.triage.perception.spi.FrameTap;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsWriter;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.Image;
import dev.triage.ros2.msg.Ros2Types;
import org.opencv.core.Mat;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ~debug/image} over ROS 2: the input image with the same overlay as the ROS 1 node's debug image and replay's
 * overlay.mp4 ({@link OverlayRenderer}), as sensor_msgs/msg/Image bgr8 with the input's stamp and frame_id, with
 * SensorDataQoS (best effort: a viewer wants the newest overlay, not retransmitted megabytes). Nothing is copied or drawn
 * while no reader is matched.
 */
public final class Ros2DebugImageTap implements FrameTap {

    private final DdsWriter<Image> writer;
    private final OverlayRenderer renderer;
    private final AtomicLong drawn = new AtomicLong();

    /** Creates the writer of {@code topic} on {@code dds}; {@code budgetMs} is drawn beside each frame's latency. */
    public Ros2DebugImageTap(DdsParticipant dds, String topic, double budgetMs) {
        this.writer = dds.createWriter(DdsParticipant.rosTopic(topic), Ros2Types.IMAGE, QosProfile.SENSOR_DATA);
        this.renderer = new OverlayRenderer(budgetMs);
    }

    /** Active only while a reader is matched, so the worker makes no full-size BGR copy for nobody. */
    @Override
    public boolean isActive() {
        return writer.matchedReaders() > 0;
    }

    @Override
    public void onResult(Frame frame, Mat bgr, PerceptionResult result) {
        if (writer.matchedReaders() == 0) {
            return;
        }
        writer.write(new Image(Header.ofNanos(result.stampNanos(), result.frameId()), bgr.rows(), bgr.cols(), "bgr8",
                false, bgr.cols() * 3, renderer.drawOnCopy(bgr, result)));
        drawn.incrementAndGet();
    }

    /** Overlay images built (only while a reader is matched). */
    public long imagesDrawn() {
        return drawn.get();
    }

    /** Deletes the writer. */
    @Override
    public void close() {
        writer.close();
    }
}
