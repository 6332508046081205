package dev.triage.perception.render;

import dev.triage.perception.core.Detection;
import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.Lane;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.Point;
import dev.triage.perception.core.SceneContext;
import dev.triage.perception.core.SceneProbabilities;
import dev.triage.perception.spi.FrameProblem;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Draws one frame's outcome onto its BGR pixels, in place: detection boxes in their class colour with the score,
 * lanes as polylines coloured by slot (thinner where a lane was continued past what the network saw, i.e. between
 * points of {@link Lane#pointConfidence()} 0), and a top banner with the decided scene in its colour ({@link ScenePalette}),
 * its smoothed and raw probability, a bar of every scene's smoothed probability with ticks at the raw ones, the
 * experts that ran, the end-to-end latency against the budget and, when known, the true scene.
 * A frame without a result gets a red banner that says why. Stateless apart from the budget; not thread-safe only
 * in that OpenCV drawing on one {@link Mat} from two threads is not.
 *
 * <pre>{@code
 * OverlayRenderer renderer = new OverlayRenderer(50.0);
 * renderer.drawResult(bgrCopy, result);
 * }</pre>
 */
public final class OverlayRenderer {
    /** BGR colour of {@link ObjectClass#PEDESTRIAN} boxes (orange). */
    public static final Scalar PEDESTRIAN = new Scalar(0, 140, 255);
    /** BGR colour of {@link ObjectClass#CYCLIST} boxes (purple). */
    public static final Scalar CYCLIST = new Scalar(230, 40, 190);
    /** BGR colour of {@link ObjectClass#VEHICLE} boxes (light blue). */
    public static final Scalar VEHICLE = new Scalar(255, 190, 0);
    /** BGR colour of boxes of any other class (light grey). */
    public static final Scalar OTHER = new Scalar(210, 210, 210);
    /** BGR colours of lane slots 0 (second left) to 3 (second right). */
    public static final List<Scalar> LANE_SLOTS = List.of(new Scalar(255, 80, 0), new Scalar(0, 230, 0),
            new Scalar(0, 230, 255), new Scalar(200, 120, 255));
    /** BGR colour of the banner of a frame without result (red). */
    public static final Scalar PROBLEM = new Scalar(0, 0, 190);
    /** BGR grey of a frame whose pixels are unknown. */
    public static final Scalar PLACEHOLDER = new Scalar(96, 96, 96);

    private static final Scalar WHITE = new Scalar(255, 255, 255);
    private static final Scalar BLACK = new Scalar(0, 0, 0);
    private static final Scalar OK_GREEN = new Scalar(80, 220, 80);
    private static final Scalar MISS_RED = new Scalar(60, 60, 255);
    private static final int FONT = Imgproc.FONT_HERSHEY_SIMPLEX;

    private final double budgetMs;

    /** @param budgetMs the latency budget drawn next to each frame's end-to-end latency */
    public OverlayRenderer(double budgetMs) {
        this.budgetMs = budgetMs;
    }

    /** BGR colour of a detection class. */
    public static Scalar classColour(String label) {
        return switch (label) {
            case ObjectClass.PEDESTRIAN -> PEDESTRIAN;
            case ObjectClass.CYCLIST -> CYCLIST;
            case ObjectClass.VEHICLE -> VEHICLE;
            default -> OTHER;
        };
    }

    /** BGR colour of a lane slot. */
    public static Scalar laneColour(int slot) {
        return LANE_SLOTS.get(Math.floorMod(slot, LANE_SLOTS.size()));
    }

    /** BGR colour of {@code scene} among the gate's {@code scenes}, as used in the banner and the report. */
    public static Scalar sceneColour(String scene, List<String> scenes) {
        return new Scalar(ScenePalette.of(scenes).bgr(scene));
    }

    /** A grey 8-bit BGR image of the given size, for frames whose pixels are unknown. The caller releases it. */
    public static Mat placeholder(int width, int height) {
        Mat m = new Mat(height, width, CvType.CV_8UC3, PLACEHOLDER);
        Style s = new Style(width);
        String text = "no image";
        Size size = Imgproc.getTextSize(text, FONT, s.scale * 1.6, s.thickness + 1, null);
        Imgproc.putText(m, text, new org.opencv.core.Point((width - size.width) / 2, (height + size.height) / 2),
                FONT, s.scale * 1.6, new Scalar(150, 150, 150), s.thickness + 1, Imgproc.LINE_AA);
        return m;
    }

    /**
     * The overlay of {@code r} on a copy of {@code bgr} ({@code bgr} itself is left alone), as packed bgr8 bytes,
     * {@code bgr.cols() * 3} a row: what the ROS debug-image taps publish.
     */
    public byte[] drawOnCopy(Mat bgr, PerceptionResult r) {
        Mat canvas = bgr.clone();
        try {
            drawResult(canvas, r);
            byte[] data = new byte[(int) (canvas.total() * canvas.channels())];
            canvas.get(0, 0, data);
            return data;
        } finally {
            canvas.release();
        }
    }

    /** Draws a processed frame's lanes, boxes and banner onto {@code bgr} (8-bit BGR, the result's frame size). */
    public void drawResult(Mat bgr, PerceptionResult r) {
        Style s = new Style(bgr.cols());
        double sx = r.width() > 0 ? bgr.cols() / (double) r.width() : 1;
        double sy = r.height() > 0 ? bgr.rows() / (double) r.height() : 1;
        drawLanes(bgr, r.lanes(), sx, sy, s);
        drawDetections(bgr, r.detections(), sx, sy, s);

        SceneContext c = r.context();
        String line1 = String.format(Locale.ROOT, "#%d %s  p %.2f raw %.2f%s", r.seq(),
                c.scene().toUpperCase(Locale.ROOT), c.probabilities().of(c.scene()), c.raw().of(c.scene()),
                c.uncertain() ? "  UNCERTAIN" : "");
        double e2e = r.latencyNanos() / 1e6;
        List<Segment> line2 = new ArrayList<>();
        line2.add(new Segment(String.format(Locale.ROOT, "e2e %.1f/%.0f ms ", e2e, budgetMs), WHITE));
        line2.add(r.deadlineMet() ? new Segment("met", OK_GREEN) : new Segment("MISSED", MISS_RED));
        line2.add(new Segment("  ran: " + (r.expertsRun().isEmpty() ? "none" : String.join("+", r.expertsRun())),
                WHITE));
        truthScene(r.truth()).ifPresent(truth -> {
            line2.add(new Segment("  truth: " + truth, WHITE));
            line2.add(truth.equals(c.scene()) ? new Segment(" right", OK_GREEN) : new Segment(" WRONG", MISS_RED));
        });
        int bannerHeight = s.lineHeight * 2 + s.pad * 2;
        darken(bgr, bannerHeight);
        Imgproc.rectangle(bgr, new org.opencv.core.Point(0, 0), new org.opencv.core.Point(s.pad * 0.6, bannerHeight),
                sceneColour(c.scene(), c.probabilities().scenes()), -1);
        int barWidth = Math.max(40, bgr.cols() / 6);
        int textRight = bgr.cols() - barWidth - s.pad * 3;
        putFitted(bgr, line1, s.pad * 2, s.pad + s.lineHeight - s.descent, textRight - s.pad * 2, WHITE, s);
        int x = s.pad * 2;
        for (Segment seg : line2) {
            int room = bgr.cols() - s.pad - x;
            if (room <= 0) {
                break;
            }
            putFitted(bgr, seg.text, x, s.pad + 2 * s.lineHeight - s.descent, room, seg.colour, s);
            x += (int) Imgproc.getTextSize(seg.text, FONT, s.scale, s.thickness, null).width;
        }
        drawProbabilityBar(bgr, c, bgr.cols() - barWidth - s.pad, s.pad + s.lineHeight / 4, barWidth,
                s.lineHeight / 2);
    }

    /**
     * Draws a frame without result: a red banner with the kind and message, and a red frame border.
     *
     * @param truth the frame's ground truth, shown when it knows the scene
     */
    public void drawProblem(Mat bgr, FrameProblem p, Optional<GroundTruth> truth) {
        Style s = new Style(bgr.cols());
        int bannerHeight = s.lineHeight * 2 + s.pad * 2;
        Imgproc.rectangle(bgr, new Rect(0, 0, bgr.cols(), Math.min(bgr.rows(), bannerHeight)), PROBLEM, -1);
        int border = Math.max(2, s.thickness * 3);
        Imgproc.rectangle(bgr, new org.opencv.core.Point(border / 2.0, 0),
                new org.opencv.core.Point(bgr.cols() - 1 - border / 2.0, bgr.rows() - 1 - border / 2.0), PROBLEM,
                border);
        String title = "#" + p.seq() + " NO RESULT: " + p.kind().name().toLowerCase(Locale.ROOT)
                + truthScene(truth).map(t -> "   truth: " + t).orElse("");
        putFitted(bgr, title, s.pad, s.pad + s.lineHeight - s.descent, bgr.cols() - 2 * s.pad, WHITE, s);
        putFitted(bgr, p.message(), s.pad, s.pad + 2 * s.lineHeight - s.descent, bgr.cols() - 2 * s.pad, WHITE, s);
    }

    private static Optional<String> truthScene(Optional<GroundTruth> truth) {
        return truth.flatMap(GroundTruth::scene);
    }

    private static void drawLanes(Mat bgr, List<Lane> lanes, double sx, double sy, Style s) {
        for (Lane lane : lanes) {
            if (lane.points().size() < 2) {
                continue;
            }
            List<Double> seen = lane.pointConfidence();
            for (int i = 1; i < lane.points().size(); i++) {
                Point a = lane.points().get(i - 1);
                Point b = lane.points().get(i);
                boolean continued = !seen.isEmpty() && (seen.get(i - 1) == 0 || seen.get(i) == 0);
                Imgproc.line(bgr, new org.opencv.core.Point(a.x() * sx, a.y() * sy),
                        new org.opencv.core.Point(b.x() * sx, b.y() * sy), laneColour(lane.slot()),
                        continued ? Math.max(1, s.thickness) : s.thickness + 2, Imgproc.LINE_AA);
            }
        }
    }

    private static void drawDetections(Mat bgr, List<Detection> detections, double sx, double sy, Style s) {
        for (Detection d : detections) {
            Scalar colour = classColour(d.label());
            var b = d.box();
            org.opencv.core.Point tl = new org.opencv.core.Point(b.x1() * sx, b.y1() * sy);
            org.opencv.core.Point br = new org.opencv.core.Point(b.x2() * sx, b.y2() * sy);
            Imgproc.rectangle(bgr, tl, br, colour, s.thickness + 1);
            String label = String.format(Locale.ROOT, "%s %.2f", d.label(), d.score());
            int[] baseline = new int[1];
            Size size = Imgproc.getTextSize(label, FONT, s.scale * 0.8, s.thickness, baseline);
            double top = tl.y - size.height - baseline[0] - 2;
            if (top < 0) {
                top = tl.y;
            }
            Imgproc.rectangle(bgr, new org.opencv.core.Point(tl.x, top),
                    new org.opencv.core.Point(tl.x + size.width + 4, top + size.height + baseline[0] + 2), colour, -1);
            Imgproc.putText(bgr, label, new org.opencv.core.Point(tl.x + 2, top + size.height + 1), FONT,
                    s.scale * 0.8, BLACK, s.thickness, Imgproc.LINE_AA);
        }
    }

    /**
     * The smoothed probabilities as one bar of segments in class order, each in its scene's colour, with a white
     * tick at each boundary of the raw probabilities (for two scenes: one tick where the raw split lies).
     */
    private static void drawProbabilityBar(Mat bgr, SceneContext c, int x, int y, int w, int h) {
        SceneProbabilities p = c.probabilities();
        ScenePalette palette = ScenePalette.of(p.scenes());
        double left = 0;
        for (int i = 0; i < p.size(); i++) {
            int from = (int) Math.round(w * left);
            left += p.values().get(i);
            int to = i == p.size() - 1 ? w : (int) Math.round(w * left);
            if (to > from) {
                Imgproc.rectangle(bgr, new Rect(x + from, y, to - from, h), new Scalar(palette.bgr(p.scenes().get(i))),
                        -1);
            }
        }
        double rawLeft = 0;
        for (int i = 0; i < c.raw().size() - 1; i++) {
            rawLeft += c.raw().values().get(i);
            int raw = x + (int) Math.round(w * rawLeft);
            Imgproc.line(bgr, new org.opencv.core.Point(raw, y - 3), new org.opencv.core.Point(raw, y + h + 3), WHITE,
                    2);
        }
        Imgproc.line(bgr, new org.opencv.core.Point(x + w / 2.0, y + h), new org.opencv.core.Point(x + w / 2.0,
                y + h + 5), WHITE, 1);
    }

    private static void darken(Mat bgr, int height) {
        Mat roi = bgr.submat(0, Math.min(bgr.rows(), height), 0, bgr.cols());
        try {
            roi.convertTo(roi, -1, 0.3, 0);
        } finally {
            roi.release();
        }
    }

    /** Puts {@code text} at (x, baseline y) and returns the x after it. */
    private static int putText(Mat bgr, String text, int x, int y, Scalar colour, Style s) {
        Imgproc.putText(bgr, text, new org.opencv.core.Point(x, y), FONT, s.scale, colour, s.thickness,
                Imgproc.LINE_AA);
        return x + (int) Imgproc.getTextSize(text, FONT, s.scale, s.thickness, null).width;
    }

    /** Puts {@code text}, cut with "..." to fit {@code maxWidth} pixels. */
    private static void putFitted(Mat bgr, String text, int x, int y, int maxWidth, Scalar colour, Style s) {
        String t = text;
        double width = Imgproc.getTextSize(t, FONT, s.scale, s.thickness, null).width;
        if (width > maxWidth && t.length() > 4) {
            int keep = Math.max(1, (int) (t.length() * maxWidth / width) - 3);
            t = t.substring(0, Math.min(t.length(), keep)) + "...";
            while (t.length() > 4 && Imgproc.getTextSize(t, FONT, s.scale, s.thickness, null).width > maxWidth) {
                t = t.substring(0, t.length() - 4) + "...";
            }
        }
        putText(bgr, t, x, y, colour, s);
    }

    private record Segment(String text, Scalar colour) {
    }

    /** Font size, line height and padding for a frame width: readable from 320 to 1920 pixels. */
    private static final class Style {
        final double scale;
        final int thickness;
        final int lineHeight;
        final int pad;
        final int descent;

        Style(int width) {
            scale = Math.max(0.35, Math.min(1.2, width / 1400.0));
            thickness = width >= 1200 ? 2 : 1;
            lineHeight = (int) Math.ceil(28 * scale) + 4;
            pad = Math.max(3, (int) (6 * scale));
            descent = Math.max(2, (int) (7 * scale));
        }
    }
}
