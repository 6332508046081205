package dev.triage.datasets.labels;

import dev.triage.perception.core.LaneRows;
import dev.triage.perception.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns LaneNet ground-truth masks into TuSimple rows, at the mask's own resolution (the image's).
 * <ul>
 *   <li>{@code gt_instance_image}: 0 = background, one grey value per lane. Each value with at least
 *       {@value #MIN_LANE_PIXELS} pixels is a lane.</li>
 *   <li>{@code gt_binary_image} (used only when there is no instance mask): lane pixels are non-zero; each
 *       8-connected component with at least {@value #MIN_LANE_PIXELS} pixels is a lane.</li>
 * </ul>
 * Sample rows follow TuSimple: every {@code step = max(1, round(H / 72))} pixels (10 at 720) upwards from
 * {@code H - step} (710 at 720), up to the highest row any lane reaches. A lane's x on a row is the mean column of
 * its pixels on that row, {@link LaneRows#ABSENT} if none. Lanes are ordered left to right by their x at their
 * lowest sampled row. A lane with fewer than 2 sampled points is dropped.
 */
public final class LaneNetMasks {
    /** Fewer pixels than this are noise, not a lane. */
    public static final int MIN_LANE_PIXELS = 50;

    private LaneNetMasks() {
    }

    /** Reads an instance mask file. */
    public static LaneRows fromInstanceMask(Path file) throws IOException {
        Mat mask = readGrey(file);
        try {
            return fromInstanceMask(mask);
        } finally {
            mask.release();
        }
    }

    /** Reads a binary mask file (lanes = connected components). */
    public static LaneRows fromBinaryMask(Path file) throws IOException {
        Mat mask = readGrey(file);
        Mat labels = new Mat();
        Mat binary = new Mat();
        try {
            Imgproc.threshold(mask, binary, 0, 255, Imgproc.THRESH_BINARY);
            Imgproc.connectedComponents(binary, labels, 8, CvType.CV_32S);
            return rows(labels);
        } finally {
            mask.release();
            labels.release();
            binary.release();
        }
    }

    /** Lanes of an 8-bit single-channel instance mask already in memory. */
    public static LaneRows fromInstanceMask(Mat mask) {
        Mat ints = new Mat();
        try {
            mask.convertTo(ints, CvType.CV_32S);
            return rows(ints);
        } finally {
            ints.release();
        }
    }

    private static Mat readGrey(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        OpenCv.load();
        Mat m = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_GRAYSCALE);
        if (m.empty()) {
            m.release();
            throw new LabelFormatException(file + ": not a readable image mask");
        }
        return m;
    }

    /** {@code ids}: CV_32S, 0 = background, other values = lane ids. */
    private static LaneRows rows(Mat ids) {
        int h = ids.rows();
        int w = ids.cols();
        int[] data = new int[w * h];
        ids.get(0, 0, data);
        Map<Integer, Integer> counts = new TreeMap<>();
        int top = h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = data[y * w + x];
                if (v != 0) {
                    counts.merge(v, 1, Integer::sum);
                    top = Math.min(top, y);
                }
            }
        }
        int step = Math.max(1, (int) Math.round(h / 72.0));
        List<Integer> sampleRows = new ArrayList<>();
        for (int y = h - step; y >= top && y >= 0; y -= step) {
            sampleRows.add(0, y);
        }
        List<Integer> laneIds = counts.entrySet().stream().filter(e -> e.getValue() >= MIN_LANE_PIXELS)
                .map(Map.Entry::getKey).toList();
        record Candidate(List<Double> xs, double bottomX) {
        }
        List<Candidate> lanes = new ArrayList<>();
        for (int id : laneIds) {
            List<Double> xs = new ArrayList<>(sampleRows.size());
            int points = 0;
            double bottomX = Double.NaN;
            for (int y : sampleRows) {
                double sum = 0;
                int n = 0;
                for (int x = 0; x < w; x++) {
                    if (data[y * w + x] == id) {
                        sum += x;
                        n++;
                    }
                }
                if (n > 0) {
                    double x = sum / n;
                    xs.add(x);
                    points++;
                    bottomX = x;
                } else {
                    xs.add(LaneRows.ABSENT);
                }
            }
            if (points >= 2) {
                lanes.add(new Candidate(xs, bottomX));
            }
        }
        lanes.sort(Comparator.comparingDouble(Candidate::bottomX));
        return new LaneRows(sampleRows, lanes.stream().map(Candidate::xs).toList());
    }
}
