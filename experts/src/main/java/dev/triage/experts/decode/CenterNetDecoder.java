package dev.triage.experts.decode;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.image.InputSize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Decodes an anchor-free CenterNet-style head (see {@code training/CONTRACTS.md}) into detections in frame pixels.
 * Layout of one batch item: {@code [C + 4, gridH, gridW]} row-major; channels {@code 0..C-1} are class heatmaps in
 * [0, 1], channels {@code C..C+3} the distances {@code l, t, r, b} in input pixels from the cell centre
 * {@code ((j + 0.5) * stride, (i + 0.5) * stride)}.
 *
 * <p>A cell is a candidate when its score reaches the threshold and is the maximum of its 3x3 neighbourhood in that
 * class. The best candidates (at most {@link DetectionParams#CANDIDATES_BEFORE_NMS}) become boxes, scaled from the
 * input to the frame and clipped to it; then class-wise NMS, and the best {@link DetectionParams#maxDetections()}
 * survivors come out. Pure Java, stateless, thread-safe.
 */
public final class CenterNetDecoder {

    private final List<String> classes;
    private final int stride;
    private final DetectionParams params;

    /**
     * @param classes label of each heatmap channel, in channel order
     * @param stride  input pixels per grid cell
     * @param params  thresholds
     */
    public CenterNetDecoder(List<String> classes, int stride, DetectionParams params) {
        this.classes = List.copyOf(classes);
        if (this.classes.isEmpty()) {
            throw new IllegalArgumentException("at least one class is needed");
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1: " + stride);
        }
        this.stride = stride;
        this.params = Objects.requireNonNull(params, "params");
    }

    /** Number of channels the head must have: classes plus four distances. */
    public int channels() {
        return classes.size() + 4;
    }

    /**
     * Decodes one head.
     *
     * @param values      {@code (C + 4) * gridH * gridW} floats
     * @param gridH       rows of the grid
     * @param gridW       columns of the grid
     * @param input       the model's input size (the frame was resized to it)
     * @param frameWidth  frame width; boxes come out in frame pixels
     * @param frameHeight frame height
     * @return detections after NMS, best first
     */
    public List<Detection> decode(float[] values, int gridH, int gridW, InputSize input, int frameWidth,
                                  int frameHeight) {
        int plane = gridH * gridW;
        if (values.length != channels() * plane) {
            throw new IllegalArgumentException("head has " + values.length + " values, expected " + channels()
                    + "x" + gridH + "x" + gridW);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            collectPeaks(values, c * plane, gridH, gridW, c, candidates);
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        double sx = (double) frameWidth / input.width();
        double sy = (double) frameHeight / input.height();
        int cClasses = classes.size();
        List<Detection> boxes = new ArrayList<>();
        for (int n = 0; n < candidates.size() && n < DetectionParams.CANDIDATES_BEFORE_NMS; n++) {
            Candidate k = candidates.get(n);
            int cell = k.i() * gridW + k.j();
            double cx = (k.j() + 0.5) * stride;
            double cy = (k.i() + 0.5) * stride;
            double l = distance(values[cClasses * plane + cell]);
            double t = distance(values[(cClasses + 1) * plane + cell]);
            double r = distance(values[(cClasses + 2) * plane + cell]);
            double b = distance(values[(cClasses + 3) * plane + cell]);
            BoundingBox box = new BoundingBox(cx - l, cy - t, cx + r, cy + b).scaled(sx, sy)
                    .clippedTo(frameWidth, frameHeight);
            if (box.area() > 0) {
                boxes.add(new Detection(classes.get(k.cls()), Math.min(1.0, k.score()), box));
            }
        }
        return Nms.best(Nms.perClass(boxes, params.nmsIouThreshold()), params.maxDetections());
    }

    private void collectPeaks(float[] v, int base, int gridH, int gridW, int cls, List<Candidate> out) {
        double threshold = params.scoreThreshold();
        for (int i = 0; i < gridH; i++) {
            for (int j = 0; j < gridW; j++) {
                float s = v[base + i * gridW + j];
                if (s >= threshold && isLocalMax(v, base, gridH, gridW, i, j, s)) {
                    out.add(new Candidate(cls, i, j, s));
                }
            }
        }
    }

    private static boolean isLocalMax(float[] v, int base, int gridH, int gridW, int i, int j, float s) {
        for (int di = -1; di <= 1; di++) {
            int ii = i + di;
            if (ii < 0 || ii >= gridH) {
                continue;
            }
            for (int dj = -1; dj <= 1; dj++) {
                int jj = j + dj;
                if (jj < 0 || jj >= gridW || (di == 0 && dj == 0)) {
                    continue;
                }
                if (v[base + ii * gridW + jj] > s) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double distance(float d) {
        return Float.isFinite(d) ? Math.max(0, d) : 0;
    }

    private record Candidate(int cls, int i, int j, double score) {
    }
}
