package dev.triage.fleet.exec;

import dev.triage.fleet.diff.Segment;
import dev.triage.fleet.plan.DriveTask;
import dev.triage.fleet.plan.Recording;
import dev.triage.fleet.report.FleetReportHtml;
import dev.triage.fleet.store.HadoopFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clip whose recording cannot be read is an outcome with the error naming the recording, not an exception: no
 * model is loaded for it, no empty file is left behind, and the report shows the error instead of a link.
 */
class ClipRendererTest {
    @TempDir
    Path tmp;

    @Test
    void aCorruptRecordingGivesAnErrorOutcomeAndTheReportSaysWhy() throws Exception {
        Path corrupt = tmp.resolve("broken drive.mp4");
        Files.writeString(corrupt, "no video header here; the recorder died".repeat(30));
        VariantConfig.Prepared candidate = VariantConfig.prepare("candidate", null, "gated", VariantConfigTest.REPO);
        VariantConfig.Prepared baseline = VariantConfig.prepare("baseline", null, "always_urban",
                VariantConfigTest.REPO);
        Path models = ExecutorFiles.ship(tmp.resolve("executor-files"), candidate, baseline);
        StackPool pool = new StackPool();
        ClipPlan plan = ClipPlan.of(DriveTask.whole(new Recording("broken drive.mp4", corrupt.toString(),
                Files.size(corrupt))), new Segment(0, 5, 0, 250_000_000L, 6));
        Path clips = tmp.resolve("out").resolve(FleetReportHtml.CLIPS);

        ClipOutcome outcome = new ClipRenderer(new TaskRunner(candidate.variant(), baseline.variant(), models, pool,
                HadoopFiles.of(Map.of())), clips).render(plan);

        assertFalse(outcome.ok());
        assertEquals(0, outcome.frames());
        assertTrue(outcome.error().contains(corrupt.toString()), outcome.error());
        assertEquals("broken_drive.mp4_0-5.mp4", plan.file());
        assertEquals(0, pool.loads(), "an unreadable recording costs no model load");
        assertFalse(Files.exists(clips.resolve(plan.file())), "no empty clip left behind");

        String html = FleetReportHtml.html(List.of(), "{}", true, List.of(outcome));
        assertTrue(html.contains("broken drive.mp4"), html);
        assertFalse(html.contains("<video"), "no player for a clip without frames");
        assertTrue(html.contains("class=bad>clip broken_drive.mp4_0-5.mp4: "), html);
    }
}
