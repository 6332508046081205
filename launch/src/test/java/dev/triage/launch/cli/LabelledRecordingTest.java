package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.datasets.bag.RosTools;
import dev.triage.datasets.rosbag2.Rosbag2Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A labelled drive through the real CLI: the six test frames as an image folder with labels.csv, boxes.csv and
 * TuSimple JSON, and as recordings (an MCAP written by npm {@code @mcap/core}, a ROS 1 bag written by Debian's rosbag
 * API, a rosbag2 sqlite3 folder written by Python's sqlite3) with the same labels keyed by header stamp, give the same {@code eval} metrics.json (latencies aside); a
 * sidecar that misses a frame and names a stamp no frame has is reported, in replay's metrics.json and on stderr.
 */
class LabelledRecordingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BASE = Rosbag2Fixtures.BASE_NS;
    private static final long STEP = 100_000_000L;
    private static final String[] SCENES = {"urban", "urban", "urban", "highway", "highway", "highway"};
    @TempDir
    static Path dir;

    @BeforeAll
    static void needsModels() {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
    }

    /** The frames' labels: by file name for the folder, by stamp for the sidecar (frames {@code only}). */
    private static void writeLabels(Path set, boolean stamped, List<Integer> only, long extraStamp)
            throws IOException {
        Files.createDirectories(set);
        String key = stamped ? "stamp" : "filename";
        StringBuilder labels = new StringBuilder(key + ",scene,source\n");
        StringBuilder boxes = new StringBuilder(key + ",class,x1,y1,x2,y2\n");
        StringBuilder lanes = new StringBuilder();
        List<Path> pngs = RosTools.framePngs();
        for (int i : only) {
            String name = stamped ? Long.toString(BASE + i * STEP) : "images/" + pngs.get(i).getFileName();
            labels.append(name).append(',').append(SCENES[i]).append(",test\n");
            boxes.append(name).append(",pedestrian,").append(40 + 10 * i).append(",60,").append(80 + 10 * i)
                    .append(",200\n").append(name).append(",car,150,110,260,190\n");
            if (SCENES[i].equals("highway")) {
                lanes.append("{\"lanes\": [[-2, 120, 60], [-2, 200, 260]], \"h_samples\": [120, 170, 220], ")
                        .append(stamped ? "\"stamp\": \"" : "\"raw_file\": \"").append(name).append("\"}\n");
            }
        }
        if (extraStamp > 0) {
            labels.append(extraStamp).append(",urban,not in the drive\n");
        }
        Files.writeString(set.resolve("labels.csv"), labels);
        Files.writeString(set.resolve("boxes.csv"), boxes);
        Files.writeString(set.resolve("lanes.json"), lanes);
    }

    private static Path folderDataset() throws IOException {
        Path set = dir.resolve("folder/drive");
        if (Files.isDirectory(set)) {
            return set;
        }
        Files.createDirectories(set.resolve("images"));
        for (Path png : RosTools.framePngs()) {
            Files.copy(png, set.resolve("images").resolve(png.getFileName()));
        }
        writeLabels(set, false, List.of(0, 1, 2, 3, 4, 5), 0);
        return set;
    }

    private static JsonNode eval(String name, String... args) throws IOException {
        Path out = dir.resolve("eval-" + name);
        String[] all = new String[args.length + 5];
        all[0] = "eval";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(new String[]{"--out", out.toString(), "--budget-ms", "1000"}, 0, all, args.length + 1, 4);
        CliRun run = CliRun.run(all);
        assertEquals(0, run.exitCode(), run.stderr());
        return JSON.readTree(out.resolve("metrics.json").toFile());
    }

    /** The metrics without what legitimately differs: input paths, notes, latencies and label matching. */
    private static JsonNode scored(JsonNode metrics) {
        ObjectNode copy = metrics.deepCopy();
        copy.remove(List.of("dataset", "notes", "labels"));
        stripLatency(copy);
        return copy;
    }

    private static void stripLatency(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("latency_ms");
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            stripLatency(it.next());
        }
    }

    @Test
    void aLabelledMcapBagAndSqlite3FolderScoreLikeTheSameFramesAsALabelledFolder() throws Exception {
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
        assumeTrue(RosTools.pythonRosbag(), RosTools.skipReason());
        Path sidecar = dir.resolve("sidecar/drive");
        writeLabels(sidecar, true, List.of(0, 1, 2, 3, 4, 5), 0);
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("drive.mcap"), Rosbag2Fixtures.drive(),
                Map.of("compression", "zstd"));
        Path bag = RosTools.writeBag(dir.resolve("drive.bag"), "--stream", "/cam/image_raw:raw:bgr8");
        Path bagFolder = Files.createDirectories(dir.resolve("drive_db3"));
        Rosbag2Fixtures.writeDb3(bagFolder.resolve("drive_db3_0.db3"), Rosbag2Fixtures.drive());
        Rosbag2Fixtures.writeMetadata(bagFolder, "sqlite3", List.of("drive_db3_0.db3"), 13);

        JsonNode folder = eval("folder", folderDataset().toString());
        JsonNode fromMcap = eval("mcap", mcap.toString(), "--labels", sidecar.toString(), "--topic",
                "/cam/compressed");
        JsonNode fromBag = eval("bag", bag.toString(), "--labels", sidecar.toString());
        JsonNode fromDb3 = eval("db3", bagFolder.toString(), "--labels", sidecar.toString(), "--topic",
                "/cam/compressed");

        assertEquals(6, folder.get("frames").asInt());
        assertTrue(folder.path("gate").has("accuracy") && folder.path("urban").has("pedestrian")
                && folder.path("highway").has("lane") && folder.path("baselines").has("hough_lanes"),
                "every part is scored: " + folder);
        assertEquals(scored(folder), scored(fromMcap));
        assertEquals(scored(folder), scored(fromBag));
        assertEquals(scored(folder), scored(fromDb3));
        for (JsonNode recorded : List.of(fromMcap, fromBag, fromDb3)) {
            assertEquals(6, recorded.get("labels").get("matched").asInt());
            assertEquals(0, recorded.get("labels").get("frames_without_label").asInt());
            assertEquals(0, recorded.get("labels").get("labels_without_frame").asInt());
        }
    }

    @Test
    void replayWithLabelsCountsFramesAndStampsThatDoNotMeet() throws Exception {
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
        Path sidecar = dir.resolve("partial/drive");
        writeLabels(sidecar, true, List.of(0, 1, 2, 4, 5), BASE + STEP / 2);
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("replay.mcap"), Rosbag2Fixtures.drive(),
                Map.of("compression", "lz4"));
        Path out = dir.resolve("replay-partial");
        CliRun run = CliRun.run("replay", mcap.toString(), "--out", out.toString(), "--budget-ms", "1000",
                "--no-video", "--labels", sidecar.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("note: 1 of 6 frames have no label in " + sidecar + " (first at stamp "
                + (BASE + 3 * STEP) + " ns)"), run.stderr());
        assertTrue(run.stderr().contains("note: 1 of 6 labelled stamps in " + sidecar + " match no frame (first: "
                + (BASE + STEP / 2) + " ns)"), run.stderr());
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(5, metrics.get("gate").get("frames").asInt(), "the five labelled frames are scored");
        assertEquals(6, metrics.get("frames").asInt());
        JsonNode labels = metrics.get("labels");
        assertEquals(List.of(6, 6, 5, 1, 1), List.of(labels.get("labelled_stamps").asInt(),
                labels.get("frames").asInt(), labels.get("matched").asInt(),
                labels.get("frames_without_label").asInt(), labels.get("labels_without_frame").asInt()));

        CliRun folderWithLabels = CliRun.run("replay", folderDataset().resolve("images").toString(), "--out",
                dir.resolve("replay-refused").toString(), "--labels", sidecar.toString());
        assertEquals(2, folderWithLabels.exitCode());
        assertTrue(folderWithLabels.stderr().contains("--labels applies to recordings"), folderWithLabels.stderr());
    }

    @Test
    void evalOfACutRecordingScoresTheFramesBeforeTheCutAndExits3() throws Exception {
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
        Path sidecar = dir.resolve("cut-labels/drive");
        writeLabels(sidecar, true, List.of(0, 1, 2, 3, 4, 5), 0);
        byte[] whole = Files.readAllBytes(Rosbag2Fixtures.writeMcap(dir.resolve("whole.mcap"),
                Rosbag2Fixtures.drive(), Map.of("compression", "zstd", "chunkSize", 300_000)));
        Path cut = Files.write(dir.resolve("cut.mcap"), Arrays.copyOf(whole, whole.length * 2 / 3));
        Path out = dir.resolve("eval-cut");
        CliRun run = CliRun.run("eval", cut.toString(), "--labels", sidecar.toString(), "--out", out.toString(),
                "--budget-ms", "1000", "--policies", "gated", "--no-baselines");
        assertEquals(3, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("triage: " + cut + ": truncated or corrupt at byte "), run.stderr());
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        int matched = metrics.get("labels").get("matched").asInt();
        assertTrue(matched >= 1 && matched < 6, "the frames before the cut: " + matched);
        assertEquals(6 - matched, metrics.get("labels").get("labels_without_frame").asInt());
        assertEquals(matched, metrics.get("gate").get("frames").asInt());
        assertTrue(metrics.get("notes").toString().contains("the recording broke off: " + cut), metrics.toString());
    }
}
