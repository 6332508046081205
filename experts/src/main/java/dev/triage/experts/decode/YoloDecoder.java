package dev.triage.experts.decode;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.image.InputSize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes the raw head of a YOLOv5- or YOLOv8-style detector exported to TorchScript (no NMS inside the model) into
 * detections in frame pixels.
 * <ul>
 *   <li>YOLOv8 layout {@code [1, 4 + C, N]}: per candidate {@code cx, cy, w, h} in input pixels, then C class scores.</li>
 *   <li>YOLOv5 layout {@code [1, N, 5 + C]}: per candidate {@code cx, cy, w, h, objectness}, then C class scores; the
 *       score is objectness times the class score.</li>
 * </ul>
 * The layout follows from the shape and the number of classes. Each candidate takes its best class; candidates at or
 * above the score threshold (at most {@link DetectionParams#CANDIDATES_BEFORE_NMS}, the best) are scaled from the
 * input to the frame, clipped and go through class-wise NMS under the model's class names; the {@link RiderRule} then
 * merges each person on a bicycle or motorcycle into one rider detection, the rest are renamed through the label map
 * (a class without an entry is dropped when a map is given), and a second class-wise NMS runs under the final labels
 * (so that a car and a truck box on one object leave one vehicle). The best {@link DetectionParams#maxDetections()}
 * survivors come out. Pure Java, stateless, thread-safe.
 */
public final class YoloDecoder {

    /** Where the boxes and scores sit in the output tensor. */
    public enum Layout {
        /** {@code [1, 4 + C, N]}, no objectness (Ultralytics YOLOv8 and later). */
        V8,
        /** {@code [1, N, 5 + C]}, with objectness (YOLOv5 and its relatives). */
        V5
    }

    private final List<String> classes;
    private final Map<String, String> labelMap;
    private final RiderRule riders;
    private final DetectionParams params;

    /**
     * @param classes  the model's class names in output order
     * @param labelMap model class name → Triage label (e.g. person → pedestrian); empty keeps the model's names
     * @param riders   how persons on mounts become riders ({@link RiderRule#none()} for none)
     * @param params   thresholds
     */
    public YoloDecoder(List<String> classes, Map<String, String> labelMap, RiderRule riders, DetectionParams params) {
        this.classes = List.copyOf(classes);
        if (this.classes.isEmpty()) {
            throw new IllegalArgumentException("at least one class is needed");
        }
        this.labelMap = Map.copyOf(labelMap);
        checkLabelMap(this.classes, this.labelMap);
        this.riders = Objects.requireNonNull(riders, "riders");
        checkRiders(this.classes, riders);
        this.params = Objects.requireNonNull(params, "params");
    }

    /**
     * Checks that a rider rule names only model classes.
     *
     * @throws IllegalArgumentException naming the first unknown class
     */
    public static void checkRiders(List<String> classes, RiderRule riders) {
        if (riders.mounts().isEmpty()) {
            return;
        }
        if (!classes.contains(riders.riderClass())) {
            throw new IllegalArgumentException("riders need the class '" + riders.riderClass()
                    + "', which is not one of the classes " + classes);
        }
        for (String mount : riders.mounts().keySet()) {
            if (!classes.contains(mount)) {
                throw new IllegalArgumentException("riders names '" + mount + "', which is not one of the classes "
                        + classes);
            }
        }
    }

    /**
     * Checks that every key of {@code labelMap} is one of {@code classes}.
     *
     * @throws IllegalArgumentException naming the first unknown key
     */
    public static void checkLabelMap(List<String> classes, Map<String, String> labelMap) {
        for (String k : labelMap.keySet()) {
            if (!classes.contains(k)) {
                throw new IllegalArgumentException("label_map names '" + k + "', which is not one of the classes "
                        + classes);
            }
        }
    }

    /** The layout of an output of shape {@code [1, a, b]}, or empty when it fits neither for this class count. */
    public Optional<Layout> layoutOf(long a, long b) {
        int c = classes.size();
        if (a == 4 + c && b != 5 + c) {
            return Optional.of(Layout.V8);
        }
        if (b == 5 + c && a != 4 + c) {
            return Optional.of(Layout.V5);
        }
        if (a == 4 + c) {
            return Optional.of(b > a ? Layout.V8 : Layout.V5);  // both fit: candidates outnumber attributes
        }
        return Optional.empty();
    }

    /**
     * Decodes one output.
     *
     * @param values      the output's floats, row-major
     * @param a           its second dimension
     * @param b           its third dimension
     * @param input       the model's input size (the frame was resized to it)
     * @param frameWidth  frame width; boxes come out in frame pixels
     * @param frameHeight frame height
     * @throws IllegalArgumentException when the shape fits neither layout
     */
    public List<Detection> decode(float[] values, int a, int b, InputSize input, int frameWidth, int frameHeight) {
        Layout layout = layoutOf(a, b).orElseThrow(() -> new IllegalArgumentException("output [1, " + a + ", " + b
                + "] is neither YOLOv8 [1, 4+" + classes.size() + ", N] nor YOLOv5 [1, N, 5+" + classes.size()
                + "]"));
        if (values.length != (long) a * b) {
            throw new IllegalArgumentException("output has " + values.length + " values, expected " + a + "x" + b);
        }
        int n = layout == Layout.V8 ? b : a;
        int attributes = layout == Layout.V8 ? a : b;
        int firstClass = layout == Layout.V8 ? 4 : 5;
        List<Candidate> candidates = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double objectness = layout == Layout.V5 ? at(values, layout, n, attributes, k, 4) : 1.0;
            int best = -1;
            double bestScore = 0;
            for (int c = 0; c < classes.size(); c++) {
                double s = objectness * at(values, layout, n, attributes, k, firstClass + c);
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            if (best >= 0 && bestScore >= params.scoreThreshold() && wanted(best)) {
                candidates.add(new Candidate(k, best, Math.min(1.0, bestScore)));
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        double sx = (double) frameWidth / input.width();
        double sy = (double) frameHeight / input.height();
        List<Detection> boxes = new ArrayList<>();
        for (int i = 0; i < candidates.size() && i < DetectionParams.CANDIDATES_BEFORE_NMS; i++) {
            Candidate k = candidates.get(i);
            double cx = at(values, layout, n, attributes, k.index(), 0);
            double cy = at(values, layout, n, attributes, k.index(), 1);
            double w = Math.max(0, at(values, layout, n, attributes, k.index(), 2));
            double h = Math.max(0, at(values, layout, n, attributes, k.index(), 3));
            if (!Double.isFinite(cx + cy + w + h)) {
                continue;
            }
            BoundingBox box = new BoundingBox(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2).scaled(sx, sy)
                    .clippedTo(frameWidth, frameHeight);
            if (box.area() > 0) {
                boxes.add(new Detection(classes.get(k.cls()), k.score(), box));
            }
        }
        RiderRule.Split split = riders.apply(Nms.perClass(boxes, params.nmsIouThreshold()));
        List<Detection> labelled = new ArrayList<>(split.riders());
        for (Detection d : split.rest()) {
            String label = label(d.label());
            if (label != null) {
                labelled.add(new Detection(label, d.score(), d.box()));
            }
        }
        return Nms.best(Nms.perClass(labelled, params.nmsIouThreshold()), params.maxDetections());
    }

    /** Whether a candidate of this class can end up in the output: it has a label, rides or is ridden. */
    private boolean wanted(int cls) {
        String name = classes.get(cls);
        return label(name) != null || riders.isMount(name)
                || (!riders.mounts().isEmpty() && riders.riderClass().equals(name));
    }

    private String label(String modelClass) {
        return labelMap.isEmpty() ? modelClass : labelMap.get(modelClass);
    }

    private static double at(float[] v, Layout layout, int n, int attributes, int candidate, int attribute) {
        float x = layout == Layout.V8 ? v[attribute * n + candidate] : v[candidate * attributes + attribute];
        return Float.isFinite(x) ? x : Double.NaN;
    }

    private record Candidate(int index, int cls, double score) {
    }
}
