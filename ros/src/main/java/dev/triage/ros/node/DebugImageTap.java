package dev.triage.ros.node;

import dev.triage.perception.core.Detection;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.FrameTap;
import dev.triage.ros.Publisher;
import dev.triage.ros.PublisherOptions;
import dev.triage.ros.RosNode;
import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.msg.std.ColorRGBA;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ~debug/image}: the input image with boxes, lanes and the decided scene drawn on it, as sensor_msgs/Image
 * bgr8 with the input's stamp and frame_id. A {@link FrameTap} (the worker's hook for outputs that need the decoded
 * pixels, shared with the replay overlay video). Nothing is copied or drawn while nobody subscribes; when somebody
 * does, the copy and drawing (about 1-2 ms at 640x480) are charged to the frame's publish stage.
 */
public final class DebugImageTap implements FrameTap {

    private final Publisher<Image> publisher;
    private final AtomicLong drawn = new AtomicLong();

    /** Advertises {@link NodeOptions#debugImageTopic()} on {@code node}. */
    public DebugImageTap(RosNode node, NodeOptions options) {
        // a queue of one per subscriber: an image viewer wants the newest overlay, not a backlog of megabytes
        this.publisher = node.advertise(options.debugImageTopic(), SensorMsgs.IMAGE, new PublisherOptions(false, 1));
    }

    @Override
    public void onResult(Frame frame, Mat bgr, PerceptionResult result) {
        if (!publisher.hasSubscribers()) {
            return;
        }
        Mat canvas = bgr.clone();
        try {
            for (Detection d : result.detections()) {
                var b = d.box();
                Scalar colour = bgrScalar(RosResultSink.classColour(d.label()));
                Imgproc.rectangle(canvas, new org.opencv.core.Point(b.x1(), b.y1()),
                        new org.opencv.core.Point(b.x2(), b.y2()), colour, 2);
                Imgproc.putText(canvas, String.format(Locale.ROOT, "%s %.2f", d.label(), d.score()),
                        new org.opencv.core.Point(b.x1(), Math.max(12, b.y1() - 3)), Imgproc.FONT_HERSHEY_SIMPLEX,
                        0.4, colour, 1);
            }
            List<MatOfPoint> lines = new ArrayList<>();
            for (var lane : result.lanes()) {
                org.opencv.core.Point[] pts = lane.points().stream()
                        .map(p -> new org.opencv.core.Point(p.x(), p.y())).toArray(org.opencv.core.Point[]::new);
                MatOfPoint line = new MatOfPoint(pts);
                Imgproc.polylines(canvas, List.of(line), false, bgrScalar(RosResultSink.slotColour(lane.slot())), 2);
                lines.add(line);
            }
            lines.forEach(Mat::release);
            String banner = String.format(Locale.ROOT, "%s  p=%.2f  %s  %.1f ms%s",
                    result.context().scene(), result.context().probabilities().of(result.context().scene()),
                    String.join("+", result.expertsRun()), result.latencyNanos() / 1e6,
                    result.deadlineMet() ? "" : "  LATE");
            Imgproc.putText(canvas, banner, new org.opencv.core.Point(8, 18), Imgproc.FONT_HERSHEY_SIMPLEX, 0.5,
                    new Scalar(255, 255, 255), 1);
            byte[] data = new byte[(int) (canvas.total() * canvas.channels())];
            canvas.get(0, 0, data);
            publisher.publish(new Image(RosResultSink.header(result), canvas.rows(), canvas.cols(), "bgr8", false,
                    canvas.cols() * 3, data));
            drawn.incrementAndGet();
        } finally {
            canvas.release();
        }
    }

    private static Scalar bgrScalar(ColorRGBA c) {
        return new Scalar(c.b() * 255, c.g() * 255, c.r() * 255);
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
