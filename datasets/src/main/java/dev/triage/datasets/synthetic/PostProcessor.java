package dev.triage.datasets.synthetic;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Camera effects applied to a finished frame: the ego headlights' pool of light at night, rain streaks, optical blur,
 * lens vignetting, exposure error, Gaussian sensor noise (from a precomputed noise image at a random offset, so it
 * costs one pass) and JPEG compression artefacts.
 */
final class PostProcessor implements AutoCloseable {
    private static final int MARGIN = 32;
    private static final double NOISE_SIGMA = 24;
    /** Fixed-point 1.0 of the headlight gain image (values up to 255, so gains up to 4). */
    private static final double GAIN_ONE = 64;

    private final int width;
    private final int height;
    private final Mat noise;
    private final Mat vignette;
    private final Map<Integer, Mat> headlightCache = new HashMap<>();

    PostProcessor(int width, int height, long seed) {
        this.width = width;
        this.height = height;
        SplittableRandom rng = Seeds.stream(seed, 0x401);
        java.util.Random gauss = new java.util.Random(rng.nextLong());
        int nw = width + MARGIN;
        int nh = height + MARGIN;
        byte[] nb = new byte[nw * nh * 3];
        for (int i = 0; i < nb.length; i++) {
            double v = 128 + gauss.nextGaussian() * NOISE_SIGMA;
            nb[i] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
        }
        noise = new Mat(nh, nw, CvType.CV_8UC3);
        noise.put(0, 0, nb);
        byte[] vb = new byte[width * height * 3];
        double cx = width / 2.0;
        double cy = height / 2.0;
        double norm = cx * cx + cy * cy;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double r2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / norm;
                byte d = (byte) Math.min(255, (int) Math.round(60 * r2 * r2));
                int i = (y * width + x) * 3;
                vb[i] = d;
                vb[i + 1] = d;
                vb[i + 2] = d;
            }
        }
        vignette = new Mat(height, width, CvType.CV_8UC3);
        vignette.put(0, 0, vb);
    }

    /** Applies {@code fx} in place, in the order light reaches the sensor. */
    void apply(Mat frame, SplittableRandom rng, Effects fx) {
        if (fx.headlights() > 0) {
            Core.multiply(frame, headlightGain(fx.headlights()), frame, 1.0 / GAIN_ONE);
        }
        if (fx.rain() > 0) {
            drawRain(frame, rng, fx.rain());
        }
        if (fx.blurSigma() > 0.2) {
            Imgproc.GaussianBlur(frame, frame, new Size(5, 5), fx.blurSigma());
        }
        if (fx.vignette() > 0) {
            Core.addWeighted(frame, 1, vignette, -fx.vignette(), 0, frame);
        }
        if (fx.exposure() != 1) {
            frame.convertTo(frame, -1, fx.exposure(), 0);
        }
        int ox = rng.nextInt(MARGIN + 1);
        int oy = rng.nextInt(MARGIN + 1);
        Mat roi = noise.submat(oy, oy + height, ox, ox + width);
        double k = fx.noiseSigma() / NOISE_SIGMA;
        Core.addWeighted(frame, 1, roi, k, -128 * k, frame);
        roi.release();
        if (fx.jpegQuality() > 0) {
            MatOfByte jpeg = new MatOfByte();
            Imgcodecs.imencode(".jpg", frame, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, fx.jpegQuality()));
            Mat decoded = Imgcodecs.imdecode(jpeg, Imgcodecs.IMREAD_COLOR);
            decoded.copyTo(frame);
            decoded.release();
            jpeg.release();
        }
    }

    /**
     * Per-pixel gain (scaled by {@link #GAIN_ONE}) of low beams on the road: an elliptical pool below the image
     * centre, brightest near the bottom, fading towards the horizon and the sides; 1 elsewhere.
     */
    private Mat headlightGain(double strength) {
        int level = (int) Math.round(strength * 10);
        return headlightCache.computeIfAbsent(level, l -> {
            double s = l / 10.0;
            byte[] g = new byte[width * height * 3];
            double cx = width / 2.0;
            for (int y = 0; y < height; y++) {
                double below = Math.max(0, (y - height * 0.5) / (height * 0.5)); // 0 at mid-height, 1 at the bottom
                double halfWidth = width * (0.15 + 0.45 * below);
                for (int x = 0; x < width; x++) {
                    double dx = (x - cx) / halfWidth;
                    double pool = Math.sqrt(below) * Math.exp(-dx * dx);
                    int v = (int) Math.round(GAIN_ONE * (1 + 2.6 * s * pool));
                    byte b = (byte) Math.min(255, v);
                    int i = (y * width + x) * 3;
                    g[i] = b;
                    g[i + 1] = b;
                    g[i + 2] = b;
                }
            }
            Mat m = new Mat(height, width, CvType.CV_8UC3);
            m.put(0, 0, g);
            return m;
        });
    }

    /** Thin, bright, slightly slanted streaks of falling rain, blended at low opacity. */
    private void drawRain(Mat frame, SplittableRandom rng, double density) {
        Mat layer = Mat.zeros(height, width, CvType.CV_8UC3);
        int count = (int) (density * width * height / 900.0);
        double slant = rng.nextDouble(-0.25, 0.25);
        for (int i = 0; i < count; i++) {
            double x = rng.nextDouble(0, width);
            double y = rng.nextDouble(0, height);
            double len = rng.nextDouble(6, 22) * height / 480.0;
            int grey = rng.nextInt(110, 200);
            Imgproc.line(layer, new Point(x, y), new Point(x + slant * len, y + len), new Scalar(grey, grey, grey), 1,
                    Imgproc.LINE_AA);
        }
        Core.addWeighted(frame, 1, layer, 0.35, 0, frame);
        layer.release();
    }

    @Override
    public void close() {
        noise.release();
        vignette.release();
        headlightCache.values().forEach(Mat::release);
    }
}
