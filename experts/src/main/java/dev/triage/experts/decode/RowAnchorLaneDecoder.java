package dev.triage.experts.decode;

import dev.triage.perception.core.Lane;
import dev.triage.perception.core.Point;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes a row-anchor lane head (see {@code training/CONTRACTS.md}) into polylines in frame pixels.
 * Layout of one batch item: {@code [slots, R, G + 1]} row-major, softmax probabilities over G horizontal cells plus a
 * last "absent" cell, for each lane slot and row anchor.
 *
 * <p>A row is absent when its argmax is the absent cell. Otherwise its x is the soft-argmax over the G cells,
 * {@code sum_k p_k (k + 0.5) / sum_k p_k}, in cells, times {@code frameWidth / G}; its y is the row anchor (a fraction
 * of the height) times {@code frameHeight}; its confidence is the probability mass on the G cells. A lane keeps its
 * slot index in {@link Lane#slot()} and is dropped with fewer than {@code minPoints} present rows. With
 * {@link RowAnchorParams#continueLanes()} a kept lane is continued one row anchor above its far end and from its near
 * end to the frame's bottom or side edge ({@link LaneContinuation}); its confidence stays the mean over the present
 * rows. Every point carries its row's confidence ({@link Lane#pointConfidence()}); continued points carry 0.
 * Pure Java, stateless, thread-safe.
 */
public final class RowAnchorLaneDecoder {

    private final int gridCells;
    private final double[] rowAnchors;
    private final RowAnchorParams params;

    /**
     * @param gridCells  G, horizontal cells (without the absent cell)
     * @param rowAnchors row positions as fractions of the image height, strictly increasing, in [0, 1]
     * @param params     thresholds
     */
    public RowAnchorLaneDecoder(int gridCells, List<Double> rowAnchors, RowAnchorParams params) {
        if (gridCells < 1) {
            throw new IllegalArgumentException("gridCells must be >= 1: " + gridCells);
        }
        this.gridCells = gridCells;
        this.rowAnchors = rowAnchors.stream().mapToDouble(Double::doubleValue).toArray();
        validateAnchors(this.rowAnchors);
        this.params = Objects.requireNonNull(params, "params");
    }

    /**
     * Checks that anchors are non-empty, strictly increasing fractions in [0, 1] (also for the spec read from a
     * sidecar, so that a bad file is named before its model loads).
     */
    public static void validateAnchors(double[] anchors) {
        if (anchors.length == 0) {
            throw new IllegalArgumentException("at least one row anchor is needed");
        }
        for (int r = 0; r < anchors.length; r++) {
            if (!(anchors[r] >= 0 && anchors[r] <= 1) || (r > 0 && !(anchors[r] > anchors[r - 1]))) {
                throw new IllegalArgumentException("row anchors must be strictly increasing fractions in [0, 1], "
                        + "bad value at index " + r + ": " + anchors[r]);
            }
        }
    }

    /** A continued lane's point confidences: the decoded points keep theirs, the continued points get 0. */
    private static List<Double> continuedConfidences(List<Point> continued, List<Point> decoded,
                                                     List<Double> decodedConfidences) {
        int above = continued.indexOf(decoded.get(0));
        List<Double> out = new ArrayList<>(continued.size());
        for (int i = 0; i < continued.size(); i++) {
            int d = i - above;
            out.add(d >= 0 && d < decoded.size() ? decodedConfidences.get(d) : 0.0);
        }
        return out;
    }

    private double[] anchorRows(int frameHeight) {
        double[] ys = new double[rowAnchors.length];
        for (int r = 0; r < ys.length; r++) {
            ys[r] = rowAnchors[r] * frameHeight;
        }
        return ys;
    }

    /**
     * Decodes one head.
     *
     * @param values      {@code slots * R * (G + 1)} probabilities
     * @param slots       lane slots in the head (4 in the contract)
     * @param frameWidth  frame width; points come out in frame pixels
     * @param frameHeight frame height
     * @return the kept lanes in slot order
     */
    public List<Lane> decode(float[] values, int slots, int frameWidth, int frameHeight) {
        int rows = rowAnchors.length;
        int cells = gridCells + 1;
        if (values.length != slots * rows * cells) {
            throw new IllegalArgumentException("lane head has " + values.length + " values, expected " + slots + "x"
                    + rows + "x" + cells);
        }
        double cellWidth = (double) frameWidth / gridCells;
        List<Lane> lanes = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            List<Point> points = new ArrayList<>(rows);
            List<Double> confidences = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                int base = (s * rows + r) * cells;
                int argmax = 0;
                for (int k = 1; k < cells; k++) {
                    if (values[base + k] > values[base + argmax]) {
                        argmax = k;
                    }
                }
                if (argmax == gridCells) {
                    continue;
                }
                double mass = 0;
                double weighted = 0;
                for (int k = 0; k < gridCells; k++) {
                    double p = Math.max(0, values[base + k]);
                    mass += p;
                    weighted += p * (k + 0.5);
                }
                if (!(mass > 0) || !Double.isFinite(weighted)) {
                    continue;
                }
                points.add(new Point(weighted / mass * cellWidth, rowAnchors[r] * frameHeight));
                confidences.add(Math.min(1, mass));
            }
            if (points.size() >= params.minPoints()) {
                double confidence = confidences.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                if (params.continueLanes()) {
                    List<Point> continued = LaneContinuation.extend(points, anchorRows(frameHeight), frameWidth);
                    confidences = continuedConfidences(continued, points, confidences);
                    points = continued;
                }
                lanes.add(new Lane(s, points, confidence, confidences));
            }
        }
        return lanes;
    }
}
