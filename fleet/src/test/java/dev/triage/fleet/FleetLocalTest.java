package dev.triage.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.triage.fleet.exec.StackPool;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fleet job in {@code local[2]} over the test fleet (videos, a ROS 1 bag, a corrupt file), A/B against the
 * {@code always_urban} policy: the corrupt drive is reported with its error and the rest is processed; every frame
 * lands in the Parquet table under its drive; the frames the gate sends to the highway flip scene against the
 * baseline and gain lanes, the frames it sends to the urban expert alone are identical; two task slots load at most
 * two model stacks for all tasks and closes them when the executor ends; latency percentiles come from the merged histograms.
 */
class FleetLocalTest {
    @TempDir
    static Path tmp;
    static TestDrives.Fleet fleet;
    static FleetRun run;
    static Path out;
    static final TableReader TABLES = new TableReader();

    @BeforeAll
    static void runJob() throws Exception {
        assumeTrue(TestDrives.pythonRosbag(), "Debian's python rosbag is missing (scripts/install-deps.sh installs it)");
        fleet = TestDrives.write(tmp.resolve("drives"));
        out = tmp.resolve("out");
        run = FleetRun.run(out, fleet.dir().toString(), "--out", out.toString(), "--master", "local[2]",
                "--baseline-policy", "always_urban");
    }

    @AfterAll
    static void stopReader() {
        TABLES.close();
    }

    @Test
    void theCorruptDriveFailsWithItsErrorAndTheOthersAreProcessed() {
        assertEquals(3, run.exitCode(), run.stderr());
        JsonNode s = run.summary();
        assertEquals(fleet.frames().size(), s.get("drives_ok").asInt(), s.toPrettyString());
        assertEquals(1, s.get("drives_failed").size(), s.toPrettyString());
        JsonNode failed = s.get("drives_failed").get(0);
        assertEquals(TestDrives.CORRUPT, failed.get("drive").asText());
        assertTrue(failed.get("error").asText().contains(TestDrives.CORRUPT), failed.toString());
        assertTrue(run.stderr().contains(TestDrives.CORRUPT), "the error is printed too");
        assertEquals(fleet.totalFrames(), s.get("frames").asLong(), s.toPrettyString());
        assertEquals(0, s.get("frames_failed").asLong());
    }

    @Test
    void whatADrivesReaderSaysThatCostsNoFrameIsKeptWithTheDrive() {
        JsonNode noted = run.summary().get("drives_with_notes");
        assertEquals(1, noted.size(), noted.toPrettyString());
        assertEquals(TestDrives.STILLS, noted.get(0).get("drive").asText());
        assertEquals(1, noted.get(0).get("notes").size(), noted.toPrettyString());
        String note = noted.get(0).get("notes").get(0).asText();
        assertTrue(note.contains("1 file is not read") && note.endsWith("(first: " + TestDrives.STILLS_README + ")"),
                note);
        Row stills = TABLES.parquet(out.resolve("drives").toString()).where("drive = '" + TestDrives.STILLS + "'")
                .first();
        assertEquals(List.of(note), stills.getList(stills.fieldIndex("notes")));
    }

    @Test
    void everyFrameIsInTheParquetTablePartitionedByDrive() {
        Dataset<Row> frames = TABLES.parquet(out.resolve("frames").toString());
        assertEquals(fleet.totalFrames(), frames.count());
        Set<String> drives = frames.select("drive").distinct().collectAsList().stream().map(r -> r.getString(0))
                .collect(Collectors.toSet());
        assertEquals(fleet.frames().keySet(), drives);
        for (String drive : drives) {
            assertTrue(Files.isDirectory(out.resolve("frames").resolve("drive=" + drive)), drive);
        }
        Row first = frames.where("drive = 'synthetic_1.avi'").orderBy("seq").first();
        assertFalse(first.<String>getAs("scene").isEmpty());
        assertEquals(1.0, first.<scala.collection.Map<String, Double>>getAs("scene_probs").values()
                .foldLeft(0.0, (a, b) -> a + b), 1e-3);
        assertFalse(first.<scala.collection.Map<String, Double>>getAs("timings_ms").isEmpty(), first.toString());
        Dataset<Row> drivesTable = TABLES.parquet(out.resolve("drives").toString());
        assertEquals(fleet.frames().size() + 1, drivesTable.count());
        Row corrupt = drivesTable.where("drive = '" + TestDrives.CORRUPT + "'").first();
        assertFalse(corrupt.<Boolean>getAs("ok"));
        assertTrue(corrupt.<String>getAs("error").contains(TestDrives.CORRUPT));
    }

    @Test
    void theAlwaysUrbanBaselineDiffersExactlyWhereTheGateLeftTheUrbanExpert() {
        Dataset<Row> frames = TABLES.parquet(out.resolve("frames").toString());
        List<Row> rows = frames.collectAsList();
        long highway = 0;
        for (Row r : rows) {
            List<String> experts = r.getList(r.fieldIndex("experts"));
            String scene = r.getAs("scene");
            assertEquals("urban", r.getAs("baseline_scene"));
            assertEquals(!scene.equals("urban"), r.<Boolean>getAs("scene_flip"), r.toString());
            if (experts.equals(List.of("urban"))) {
                assertTrue(r.<scala.collection.Map<String, Integer>>getAs("detections_gained").isEmpty(), r.toString());
                assertTrue(r.<scala.collection.Map<String, Integer>>getAs("detections_lost").isEmpty(), r.toString());
                assertEquals(0, r.<Integer>getAs("lane_delta"), r.toString());
            }
            if (scene.equals("highway")) {
                highway++;
            }
        }
        assertTrue(highway >= TestDrives.FRAMES, "the highway drives were routed to the highway: " + highway);
        JsonNode ab = run.summary().get("ab");
        assertEquals(fleet.totalFrames(), ab.get("frames_compared").asLong());
        assertEquals(highway, ab.get("scene_flips").asLong());
        assertTrue(ab.get("lane_count_changes").asLong() > 0, ab.toString());
        String report = readReport();
        assertTrue(report.contains("Drives that changed most"), "ranking in the report");
        assertTrue(report.indexOf("synthetic_1.avi") < report.indexOf("synthetic_0.avi"),
                "the highway drive ranks above the urban one");
    }

    @Test
    void twoTaskSlotsLoadAtMostTwoModelStacksForEveryTask() {
        JsonNode s = run.summary();
        assertEquals(fleet.frames().size() + 1, s.get("tasks").asInt());
        JsonNode loads = s.get("model_loads_by_executor");
        assertEquals(1, loads.size(), loads.toString());
        long n = loads.elements().next().asLong();
        assertTrue(n >= 1 && n <= 2, "models loaded " + n + " times for " + s.get("tasks") + " tasks and 2 slots");
        assertEquals(0, StackPool.shared().openStacks(), "the executor's end (SparkSession.stop) closed the models");
    }

    @Test
    void latencyPercentilesComeFromTheMergedHistograms() {
        JsonNode lat = run.summary().get("latency_ms");
        assertEquals(fleet.totalFrames(), lat.get("count").asLong());
        double p50 = lat.get("p50").asDouble();
        double p90 = lat.get("p90").asDouble();
        double p99 = lat.get("p99").asDouble();
        assertTrue(p50 > 0 && p50 <= p90 && p90 <= p99, lat.toString());
        Dataset<Row> frames = TABLES.parquet(out.resolve("frames").toString());
        List<Double> sorted = frames.select("latency_ms").collectAsList().stream().map(r -> r.getDouble(0))
                .sorted().toList();
        double exactP50 = sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1);
        assertEquals(exactP50, p50, 0.1 + 1e-9, "p50 within one 0.1 ms bucket of the exact value");
    }

    @Test
    void theMostChangedDrivesGetReadableSideBySideClipsLinkedFromTheReport() throws Exception {
        List<String> changed = TABLES.parquet(out.resolve("drives").toString())
                .where("changed_frames > 0").orderBy(org.apache.spark.sql.functions.desc("changed_share"),
                        org.apache.spark.sql.functions.asc("drive")).limit(5)
                .select("drive").collectAsList().stream().map(r -> r.getString(0)).toList();
        assertFalse(changed.isEmpty(), "the highway drives changed against always_urban");
        JsonNode clips = run.summary().get("clips");
        assertEquals(changed.size(), clips.get("rendered").asInt(), clips.toString());
        assertEquals(0, clips.get("failed").size(), clips.toString());
        String report = readReport();
        try (var files = Files.list(out.resolve("clips"))) {
            List<Path> videos = files.sorted().toList();
            assertEquals(changed.size(), videos.size(), "only the top drives' segments: " + videos);
            for (String drive : changed) {
                Path clip = videos.stream().filter(v -> v.getFileName().toString().startsWith(drive + "_"))
                        .findFirst().orElseThrow(() -> new AssertionError("no clip of " + drive + ": " + videos));
                String[] range = clip.getFileName().toString().replaceAll(".*_(\\d+-\\d+)\\.mp4", "$1")
                        .split("-");
                int frames = Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
                int[] source = drive.endsWith(".avi") ? videoSize(fleet.dir().resolve(drive)) : new int[] {320, 240};
                int[] read = readVideo(clip);
                assertEquals(frames, read[0], clip + ": one video frame per segment frame");
                assertEquals(source[0] * 2, read[1], clip + ": candidate and baseline side by side");
                assertTrue(read[2] > source[1] && read[2] < source[1] * 2, clip + ": caption strip, " + read[2]);
                assertTrue(report.contains("href=\"clips/" + clip.getFileName() + "\""), "report links " + clip);
            }
        }
    }

    /** Width and height of a video's first frame. */
    private static int[] videoSize(Path video) throws Exception {
        int[] r = readVideo(video);
        return new int[] {r[1], r[2]};
    }

    /**
     * Frames, width and height of a video, decoded with FFmpeg (the build's OpenCV {@code VideoCapture} has no FFmpeg
     * backend and opens no mp4, see FACTS).
     */
    private static int[] readVideo(Path video) throws Exception {
        try (org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(
                video.toFile())) {
            grabber.start();
            int n = 0;
            int w = 0;
            int h = 0;
            for (org.bytedeco.javacv.Frame f = grabber.grabImage(); f != null; f = grabber.grabImage()) {
                n++;
                w = f.imageWidth;
                h = f.imageHeight;
            }
            grabber.stop();
            return new int[] {n, w, h};
        }
    }

    private static String readReport() {
        try {
            return Files.readString(out.resolve("fleet_report.html"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
