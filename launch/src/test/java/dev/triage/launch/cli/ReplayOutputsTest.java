package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The visual outputs of {@code triage replay} through the real CLI and the shipped networks: overlay.mp4 has one h264
 * frame per frame in, and report.html is a self-contained page with the timeline, histograms and samples.
 */
class ReplayOutputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXTERNAL = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)");

    @TempDir
    Path out;

    @Test
    void overlayVideoHasEveryFrameAndTheReportIsSelfContained() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        CliRun run = CliRun.run("replay", "synthetic:seed=3,route=urban:40/highway:40,width=480,height=360",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        long framesIn = summary.get("frames_in").asLong();
        assertEquals(80, framesIn);
        assertEquals(framesIn, summary.at("/overlay/frames_written").asLong());

        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.resolve("overlay.mp4").toFile())) {
            g.start();
            int frames = 0;
            while (g.grabImage() != null) {
                frames++;
            }
            assertEquals(framesIn, frames, "one video frame per frame in");
            assertEquals("h264", g.getVideoCodecName());
            assertEquals(480, g.getImageWidth());
            assertEquals(360, g.getImageHeight());
            assertEquals(20.0, g.getFrameRate(), 0.01, "the synthetic drive's nominal rate");
            g.stop();
        }

        String html = Files.readString(out.resolve("report.html"));
        assertFalse(EXTERNAL.matcher(html).find(), "no external references");
        assertTrue(html.contains("<svg id=\"gate-timeline\""));
        assertTrue(html.contains("aria-label=\"end_to_end latency histogram\""));
        assertTrue(html.contains("data:image/jpeg;base64,"));
        assertTrue(html.contains("id=\"gate-confusion\""), "synthetic drives have labels");
    }

    @Test
    void noVideoSkipsTheVideoButStillWritesTheReport() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        CliRun run = CliRun.run("replay", "--out", out.toString(), "--frames", "30", "--no-video");
        assertEquals(0, run.exitCode(), run.stderr());
        assertFalse(Files.exists(out.resolve("overlay.mp4")));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("overlay video off"));
        assertTrue(html.contains("data:image/jpeg;base64,"), "sample frames without the video");
    }

    @Test
    void whatTheSourceSaysThatCostsNoFrameIsPrintedAndKeptInTheSummary() throws Exception {
        assumeTrue(CliRun.modelsShipped(), "shipped models missing under " + CliRun.repoRoot().resolve("models"));
        Path folder = Files.createDirectories(out.resolve("drive"));
        for (String frame : new String[] {"frame00_urban.png", "frame03_highway.png"}) {
            Files.copy(CliRun.repoRoot().resolve("datasets/src/test/resources/frames").resolve(frame),
                    folder.resolve(frame));
        }
        Files.writeString(folder.resolve("notes.txt"), "recorded on the ring road\n");
        Path results = out.resolve("results");
        CliRun run = CliRun.run("replay", folder.toString(), "--out", results.toString(), "--no-video");
        assertEquals(0, run.exitCode(), run.stderr());
        String note = folder + ": 1 file is not read, the name not ending in ";
        assertTrue(run.stderr().contains("note: " + note), run.stderr());
        JsonNode summary = JSON.readTree(results.resolve("summary.json").toFile());
        assertEquals(2, summary.get("frames_processed").asLong(), summary.toString());
        assertEquals(1, summary.get("source_notes").size(), summary.toString());
        assertTrue(summary.get("source_notes").get(0).asText().startsWith(note), summary.toString());
        assertTrue(summary.get("source_notes").get(0).asText().endsWith("(first: notes.txt)"), summary.toString());
    }
}
