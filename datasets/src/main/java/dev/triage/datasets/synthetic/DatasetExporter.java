package dev.triage.datasets.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.LaneRows;
import dev.triage.perception.image.OpenCv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Writes a labelled synthetic dataset in the layout of {@code training/CONTRACTS.md}:
 * {@code images/NNNNNN.jpg} (JPEG quality 92), {@code labels.jsonl} (one object per image, same order) and
 * {@code labels.csv} ({@code filename,scene,source}); and the same boxes and lanes in the formats that
 * {@code triage eval} reads: {@code boxes.csv} ({@code filename,class,x1,y1,x2,y2}, ignore regions as
 * {@code DontCare}) and {@code lanes.json} (TuSimple JSON lines, for the frames with at least one lane).
 *
 * <pre>{@code
 * ExportSummary s = new DatasetExporter().exportSamples(Path.of("/tmp/synth"), 2000, 7, 640, 480);
 * }</pre>
 */
public final class DatasetExporter {
    /** JPEG quality of the images. */
    public static final int JPEG_QUALITY = 92;

    private final ObjectMapper json = new ObjectMapper();

    /**
     * Exports {@code frames} independent samples, half urban and half highway (urban gets the odd one), in a
     * seeded random order.
     */
    public ExportSummary exportSamples(Path dir, int frames, long seed, int width, int height) throws IOException {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1, got " + frames);
        }
        List<Scene> scenes = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            scenes.add(i < (frames + 1) / 2 ? Scene.URBAN : Scene.HIGHWAY);
        }
        SplittableRandom rng = Seeds.stream(seed, 0x5EED);
        for (int i = frames - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Scene tmp = scenes.get(i);
            scenes.set(i, scenes.get(j));
            scenes.set(j, tmp);
        }
        try (SceneSampler sampler = new SceneSampler(seed, width, height)) {
            return write(dir, frames, width, height, i -> sampler.sample(i, scenes.get(i)),
                    i -> "synthetic sample seed=" + seed + " index=" + i);
        }
    }

    /**
     * Exports the first {@code frames} frames of a drive ({@code frames <= 0} or more than the route: all of it).
     */
    public ExportSummary exportDrive(Path dir, SyntheticConfig config, int frames) throws IOException {
        try (SyntheticDrive drive = new SyntheticDrive(config)) {
            int n = frames <= 0 ? drive.frameCount() : Math.min(frames, drive.frameCount());
            String spec = SyntheticSpec.format(config).replace(',', ' ');
            return write(dir, n, config.width(), config.height(), drive::render, i -> spec + " frame=" + i);
        }
    }

    private interface Renderer {
        SyntheticFrame render(int index);
    }

    private interface Source {
        String describe(int index);
    }

    private ExportSummary write(Path dir, int frames, int width, int height, Renderer renderer, Source source)
            throws IOException {
        OpenCv.load();
        long start = System.nanoTime();
        Files.createDirectories(dir.resolve("images"));
        long renderNanos = 0;
        int urban = 0;
        long boxes = 0;
        long ignored = 0;
        Mat mat = new Mat(height, width, CvType.CV_8UC3);
        MatOfByte encoded = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, JPEG_QUALITY);
        try (BufferedWriter jsonl = Files.newBufferedWriter(dir.resolve("labels.jsonl"), StandardCharsets.UTF_8);
             BufferedWriter csv = Files.newBufferedWriter(dir.resolve("labels.csv"), StandardCharsets.UTF_8);
             BufferedWriter boxesCsv = Files.newBufferedWriter(dir.resolve("boxes.csv"), StandardCharsets.UTF_8);
             BufferedWriter lanesJson = Files.newBufferedWriter(dir.resolve("lanes.json"), StandardCharsets.UTF_8)) {
            csv.write("filename,scene,source\n");
            boxesCsv.write("filename,class,x1,y1,x2,y2\n");
            for (int i = 0; i < frames; i++) {
                long t0 = System.nanoTime();
                SyntheticFrame f = renderer.render(i);
                renderNanos += System.nanoTime() - t0;
                String file = String.format("images/%06d.jpg", i);
                mat.put(0, 0, f.bgr());
                if (!Imgcodecs.imencode(".jpg", mat, encoded, params)) {
                    throw new IOException("JPEG encoding failed for " + file);
                }
                Files.write(dir.resolve(file), encoded.toArray());
                ObjectNode labels = toJson(file, f);
                jsonl.write(json.writeValueAsString(labels));
                jsonl.write('\n');
                writeEvalLabels(file, f.truth(), labels, boxesCsv, lanesJson);
                csv.write(file + "," + f.scene().wireName() + "," + source.describe(i) + "\n");
                if (f.scene() == Scene.URBAN) {
                    urban++;
                }
                boxes += f.truth().objects().size();
                ignored += f.truth().ignore().size();
            }
        } finally {
            mat.release();
            encoded.release();
            params.release();
        }
        double total = (System.nanoTime() - start) / 1e9;
        return new ExportSummary(dir, frames, urban, frames - urban, boxes, ignored, renderNanos / 1e6 / frames, total);
    }

    /** One frame's boxes as {@code boxes.csv} rows and, when it has a lane, its TuSimple JSON line. */
    private void writeEvalLabels(String file, GroundTruth gt, ObjectNode labels, BufferedWriter boxesCsv,
                                 BufferedWriter lanesJson) throws IOException {
        for (Detection d : gt.objects()) {
            boxesCsv.write(boxRow(file, d.label(), d.box()));
        }
        for (BoundingBox b : gt.ignore()) {
            boxesCsv.write(boxRow(file, "DontCare", b));
        }
        boolean anyLane = gt.lanes().orElseThrow().lanes().stream()
                .anyMatch(lane -> lane.stream().anyMatch(x -> x != LaneRows.ABSENT));
        if (anyLane) {
            ObjectNode tusimple = json.createObjectNode();
            tusimple.set("lanes", labels.get("lanes"));
            tusimple.set("h_samples", labels.get("h_samples"));
            tusimple.put("raw_file", file);
            lanesJson.write(json.writeValueAsString(tusimple));
            lanesJson.write('\n');
        }
    }

    private static String boxRow(String file, String cls, BoundingBox b) {
        return String.format(java.util.Locale.ROOT, "%s,%s,%.1f,%.1f,%.1f,%.1f%n", file, cls, b.x1(), b.y1(), b.x2(),
                b.y2());
    }

    /** The {@code labels.jsonl} object of one frame. */
    ObjectNode toJson(String file, SyntheticFrame f) {
        GroundTruth gt = f.truth();
        ObjectNode o = json.createObjectNode();
        o.put("file", file);
        o.put("scene", f.scene().wireName());
        o.put("width", f.width());
        o.put("height", f.height());
        ArrayNode boxes = o.putArray("boxes");
        for (Detection d : gt.objects()) {
            ObjectNode b = boxes.addObject();
            b.put("cls", d.label());
            box(b, d.box());
        }
        ArrayNode ignore = o.putArray("ignore");
        for (BoundingBox b : gt.ignore()) {
            box(ignore.addObject(), b);
        }
        LaneRows lanes = gt.lanes().orElseThrow();
        ArrayNode rows = o.putArray("h_samples");
        lanes.hSamples().forEach(rows::add);
        ArrayNode ls = o.putArray("lanes");
        for (List<Double> lane : lanes.lanes()) {
            ArrayNode xs = ls.addArray();
            for (double x : lane) {
                if (x == LaneRows.ABSENT) {
                    xs.add(-2);
                } else {
                    xs.add(x);
                }
            }
        }
        return o;
    }

    private static ObjectNode box(ObjectNode n, BoundingBox b) {
        n.put("x1", b.x1());
        n.put("y1", b.y1());
        n.put("x2", b.x2());
        n.put("y2", b.y2());
        return n;
    }
}
