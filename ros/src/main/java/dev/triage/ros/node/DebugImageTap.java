package dev.triage.ros.node;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.render.OverlayRenderer;
import dev.triage.perception.spi.FrameTap;
import dev.triage.ros.Publisher;
import dev.triage.ros.PublisherOptions;
import dev.triage.ros.RosNode;
import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.sensor.SensorMsgs;
import org.opencv.core.Mat;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ~debug/image}: the input image with boxes, lanes and the decided scene drawn on it by the same
 * {@link OverlayRenderer} as replay's overlay.mp4 (one palette, one look), as sensor_msgs/Image bgr8 with the
 * input's stamp and frame_id. A {@link FrameTap} (the worker's hook for outputs that need the decoded
 * pixels, shared with the replay overlay video). Nothing is copied or drawn while nobody subscribes; when somebody
 * does, the copy and drawing (about 1-2 ms at 640x480) are charged to the frame's publish stage.
 */
public final class DebugImageTap implements FrameTap {

    private final Publisher<Image> publisher;
    private final AtomicLong drawn = new AtomicLong();
    private final OverlayRenderer renderer;

    /** Advertises {@link NodeOptions#debugImageTopic()} on {@code node}. */
    public DebugImageTap(RosNode node, NodeOptions options) {
        // a queue of one per subscriber: an image viewer wants the newest overlay, not a backlog of megabytes
        this.publisher = node.advertise(options.debugImageTopic(), SensorMsgs.IMAGE, new PublisherOptions(false, 1));
        this.renderer = new OverlayRenderer(options.budget().toNanos() / 1e6);
    }

    /** Active only while somebody subscribes: otherwise the worker makes no full-size BGR copy of the frame. */
    @Override
    public boolean isActive() {
        return publisher.hasSubscribers();
    }

    @Override
    public void onResult(Frame frame, Mat bgr, PerceptionResult result) {
        if (!publisher.hasSubscribers()) {
            return;
        }
        publisher.publish(new Image(RosResultSink.header(result), bgr.rows(), bgr.cols(), "bgr8", false,
                bgr.cols() * 3, renderer.drawOnCopy(bgr, result)));
        drawn.incrementAndGet();
    }

    /** Overlay images built (only while subscribed). */
    public long imagesDrawn() {
        return drawn.get();
    }

    /** Unadvertises the topic. */
    @Override
    public void close() {
        publisher.close();
    }
}
