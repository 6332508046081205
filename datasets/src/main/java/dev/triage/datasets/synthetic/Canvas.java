package dev.triage.datasets.synthetic;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Anti-aliased drawing on the frame, in image pixels (sub-pixel precise) or in road coordinates
 * (lateral offset, height, forward distance) projected through the frame's camera. Owns one reusable point buffer;
 * close it to free the native memory.
 */
final class Canvas implements AutoCloseable {
    private static final int SHIFT = 4;
    private static final double ONE = 1 << SHIFT;
    private static final double LIMIT = 30000;

    private final Mat mat;
    private final MatOfPoint poly = new MatOfPoint();
    private final int[][] buffers = new int[33][];
    private FrameView view;
    private GroundView ground;

    Canvas(Mat mat) {
        this.mat = mat;
    }

    void setView(FrameView view, GroundView ground) {
        this.view = view;
        this.ground = ground;
    }

    FrameView view() {
        return view;
    }

    Camera camera() {
        return view.camera();
    }

    /** The frame's road surface (slopes, where a crest hides the road). */
    GroundView ground() {
        return ground;
    }

    /** Projects road coordinates: lateral offset, height above the road and forward distance. */
    ImagePoint road(double offset, double y, double z) {
        return view.camera().project(view.road().worldX(offset, z), y + ground.elevation(z), z);
    }

    /** Projects camera-world coordinates, the height measured above the road. */
    ImagePoint world(double x, double y, double z) {
        return view.camera().project(x, y + ground.elevation(z), z);
    }

    /** Fills a convex polygon of image points; does nothing when any point is null. */
    void fill(Scalar colour, ImagePoint... pts) {
        int n = pts.length;
        int[] buf = buffer(n);
        for (int i = 0; i < n; i++) {
            ImagePoint p = pts[i];
            if (p == null) {
                return;
            }
            buf[2 * i] = fixed(p.u());
            buf[2 * i + 1] = fixed(p.v());
        }
        poly.create(n, 1, CvType.CV_32SC2);
        poly.put(0, 0, buf);
        Imgproc.fillConvexPoly(mat, poly, colour, Imgproc.LINE_AA, SHIFT);
    }

    /** Fills a convex polygon given as coordinate arrays. */
    void fill(Scalar colour, double[] us, double[] vs, int n) {
        int[] buf = buffer(n);
        for (int i = 0; i < n; i++) {
            buf[2 * i] = fixed(us[i]);
            buf[2 * i + 1] = fixed(vs[i]);
        }
        poly.create(n, 1, CvType.CV_32SC2);
        poly.put(0, 0, buf);
        Imgproc.fillConvexPoly(mat, poly, colour, Imgproc.LINE_AA, SHIFT);
    }

    /** A thick anti-aliased line with round caps. */
    void line(double u0, double v0, double u1, double v1, double thickness, Scalar colour) {
        int t = (int) Math.max(1, Math.round(thickness));
        Imgproc.line(mat, new Point(fixed(u0), fixed(v0)), new Point(fixed(u1), fixed(v1)), colour, t,
                Imgproc.LINE_AA, SHIFT);
    }

    /** A filled disc. */
    void disc(double u, double v, double radius, Scalar colour) {
        Imgproc.circle(mat, new Point(fixed(u), fixed(v)), (int) Math.max(1, Math.round(radius * ONE)), colour, -1,
                Imgproc.LINE_AA, SHIFT);
    }

    /** A circle outline of the given stroke width. */
    void ring(double u, double v, double radius, double thickness, Scalar colour) {
        Imgproc.circle(mat, new Point(fixed(u), fixed(v)), (int) Math.max(1, Math.round(radius * ONE)), colour,
                (int) Math.max(1, Math.round(thickness)), Imgproc.LINE_AA, SHIFT);
    }

    /** A filled ellipse with half axes {@code ax}, {@code ay}. */
    void ellipse(double u, double v, double ax, double ay, double angleDeg, Scalar colour) {
        Imgproc.ellipse(mat, new Point(fixed(u), fixed(v)),
                new Size(Math.max(1, Math.round(ax * ONE)), Math.max(1, Math.round(ay * ONE))), angleDeg, 0, 360,
                colour, -1, Imgproc.LINE_AA, SHIFT);
    }

    /**
     * Fills a band along the road between two edges {@code (offA, yA)} and {@code (offB, yB)} from {@code z0} to
     * {@code z1}, as overlapping quads sampled evenly in image rows, so that curves stay smooth and no seams show.
     */
    void roadStrip(double offA, double yA, double offB, double yB, double z0, double zEnd, int pieces, Bgr base) {
        double near = Math.max(z0, 1.0);
        double z1 = Math.min(zEnd, ground.visibleTo());
        if (z1 <= near) {
            return;
        }
        double inv0 = 1 / near;
        double inv1 = 1 / z1;
        double prevZ = z1;
        for (int i = pieces - 1; i >= 0; i--) {
            double za = 1 / (inv0 + (inv1 - inv0) * i / pieces);
            double zb = i + 2 <= pieces ? 1 / (inv0 + (inv1 - inv0) * (i + 2) / pieces) : prevZ;
            Scalar c = view.light().shade(base, za).scalar();
            fill(c, road(offA, yA, za), road(offB, yB, za), road(offB, yB, zb), road(offA, yA, zb));
        }
    }

    private int[] buffer(int n) {
        if (n < buffers.length) {
            if (buffers[n] == null) {
                buffers[n] = new int[2 * n];
            }
            return buffers[n];
        }
        return new int[2 * n];
    }

    private static int fixed(double v) {
        double c = v < -LIMIT ? -LIMIT : (v > LIMIT ? LIMIT : v);
        return (int) Math.round(c * ONE - ONE / 2);
    }

    @Override
    public void close() {
        poly.release();
    }
}
