package dev.triage.datasets.synthetic;

import java.util.SplittableRandom;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Camera effects applied to a finished frame: lens vignetting, Gaussian sensor noise (from a precomputed noise
 * image at a random offset, so it costs one pass) and optical blur.
 */
final class PostProcessor implements AutoCloseable {
    private static final int MARGIN = 32;
    private static final double NOISE_SIGMA = 24;

    private final int width;
    private final int height;
    private final Mat noise;
    private final Mat vignette;

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

    /**
     * Applies the effects in place.
     *
     * @param vignetteStrength 0..1
     * @param noiseSigma       standard deviation of the added noise in grey levels
     * @param blurSigma        Gaussian blur sigma in pixels (0 for none)
     */
    void apply(Mat frame, SplittableRandom rng, double vignetteStrength, double noiseSigma, double blurSigma) {
        if (blurSigma > 0.2) {
            Imgproc.GaussianBlur(frame, frame, new Size(5, 5), blurSigma);
        }
        if (vignetteStrength > 0) {
            Core.addWeighted(frame, 1, vignette, -vignetteStrength, 0, frame);
        }
        int ox = rng.nextInt(MARGIN + 1);
        int oy = rng.nextInt(MARGIN + 1);
        Mat roi = noise.submat(oy, oy + height, ox, ox + width);
        double k = noiseSigma / NOISE_SIGMA;
        Core.addWeighted(frame, 1, roi, k, -128 * k, frame);
        roi.release();
    }

    @Override
    public void close() {
        noise.release();
        vignette.release();
    }
}
