package dev.triage.perception.render;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Two overlays of the same frame next to each other (an A/B comparison), each with a caption strip under it:
 * {@code left} on the left, {@code right} scaled to its size on the right. The result's width and height are even,
 * ready for a yuv420p video.
 *
 * <pre>{@code
 * Mat pair = SideBySide.compose(candidateOverlay, "candidate: gated", baselineOverlay, "baseline: always_urban");
 * }</pre>
 */
public final class SideBySide {
    private static final Scalar STRIP = new Scalar(32, 32, 32);
    private static final Scalar TEXT = new Scalar(255, 255, 255);

    private SideBySide() {
    }

    /** The pair as a new 8-bit BGR image; the caller releases it. Inputs are left alone. */
    public static Mat compose(Mat left, String leftCaption, Mat right, String rightCaption) {
        int w = left.cols();
        int h = left.rows();
        int strip = Math.max(16, (h / 18) & ~1);
        int height = (h + strip) & ~1;
        Mat out = new Mat(height, (2 * w) & ~1, CvType.CV_8UC3, STRIP);
        Mat rightSized = right;
        if (right.cols() != w || right.rows() != h) {
            rightSized = new Mat();
            Imgproc.resize(right, rightSized, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
        }
        try {
            int rightWidth = Math.min(w, out.cols() - w);
            int rows = Math.min(h, height);
            left.submat(new Rect(0, 0, w, rows)).copyTo(out.submat(new Rect(0, 0, w, rows)));
            rightSized.submat(new Rect(0, 0, rightWidth, rows)).copyTo(out.submat(new Rect(w, 0, rightWidth, rows)));
            caption(out, leftCaption, 0, h, strip);
            caption(out, rightCaption, w, h, strip);
            return out;
        } finally {
            if (rightSized != right) {
                rightSized.release();
            }
        }
    }

    private static void caption(Mat out, String text, int x, int y, int strip) {
        double scale = strip / 30.0;
        int thickness = Math.max(1, strip / 16);
        Imgproc.putText(out, text, new Point(x + strip / 3.0, y + strip * 0.72), Imgproc.FONT_HERSHEY_SIMPLEX, scale,
                TEXT, thickness, Imgproc.LINE_AA);
        Imgproc.line(out, new Point(x, y), new Point(x, y + strip), TEXT, 1);
    }
}
