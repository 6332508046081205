package dev.triage.fleet;

import dev.triage.fleet.exec.ExecutorFiles;
import dev.triage.fleet.exec.FrameRecord;
import dev.triage.fleet.exec.PolicyChoice;
import dev.triage.fleet.exec.StackPool;
import dev.triage.fleet.exec.TaskOutcome;
import dev.triage.fleet.exec.TaskRunner;
import dev.triage.fleet.exec.VariantConfig;
import dev.triage.fleet.plan.DriveTask;
import dev.triage.fleet.plan.Recording;
import dev.triage.fleet.store.HadoopFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A chunk of a split recording first runs the gate policy over a warm-up overlap of the frames before it (30 with
 * the default smoothing 0.3 and dwell 10), unrecorded, so a drive split into chunks decides the same scenes as the
 * whole drive. The split lies just before the gate's switch from urban to highway, where a policy that starts fresh
 * at the split (the same frames as a recording of their own) decides differently.
 */
class ChunkWarmUpTest {
    private static final int FRAMES = 60;
    private static final int SPLIT = 31;

    @TempDir
    Path tmp;

    @Test
    void aSplitDriveDecidesTheSameScenesAsTheWholeDrive() throws Exception {
        List<Mat> mats = TestDrives.render(41, "urban:30/highway:30", FRAMES);
        Path drive = tmp.resolve("drive.avi");
        TestDrives.writeAvi(drive, mats, 20);
        Path tail = tmp.resolve("tail.avi");
        TestDrives.writeAvi(tail, mats.subList(SPLIT, FRAMES), 20);
        VariantConfig.Prepared gated = VariantConfig.prepare("candidate", null, "gated", TestDrives.REPO);
        TaskRunner runner = new TaskRunner(gated.variant(), null, ExecutorFiles.ship(tmp.resolve("files"), gated),
                StackPool.shared(), HadoopFiles.of(Map.of()));
        Recording recording = new Recording("drive.avi", drive.toString(), Files.size(drive));
        try {
            TaskOutcome whole = runner.run(DriveTask.whole(recording), "test");
            TaskOutcome first = runner.run(new DriveTask(recording, 0, 2, 0, SPLIT), "test");
            TaskOutcome second = runner.run(new DriveTask(recording, 1, 2, SPLIT, Long.MAX_VALUE), "test");
            TaskOutcome fresh = runner.run(DriveTask.whole(new Recording("tail.avi", tail.toString(),
                    Files.size(tail))), "test");

            List<FrameRecord> split = new ArrayList<>(first.frames());
            split.addAll(second.frames());
            assertEquals(seqs(whole.frames()), seqs(split), "every frame once, the warm-up unrecorded");
            assertEquals(scenes(whole.frames()), scenes(split));
            for (int i = 0; i < FRAMES; i++) {
                FrameRecord a = whole.frames().get(i);
                FrameRecord b = split.get(i);
                // not the experts: on an uncertain frame the second expert runs only when the time left in the
                // budget allows it, which differs between any two replays on a loaded machine
                for (String scene : a.sceneProbs().keySet()) {
                    assertEquals(a.sceneProbs().get(scene), b.sceneProbs().get(scene), 1e-3,
                            "frame " + i + ": smoothed " + scene + " within the warm-up's residue");
                }
            }
            assertEquals(whole.framesIn(), first.framesIn() + second.framesIn(), "counts leave the warm-up out");
            assertEquals(whole.gateSwitches(), first.gateSwitches() + second.gateSwitches(),
                    "the switch after the split is counted once, in the chunk it falls in");
            assertEquals(1, whole.gateSwitches(), "the gate switched from urban to highway once");
            assertEquals("urban", whole.frames().get(SPLIT).scene(), "the split lies before the switch");
            assertNotEquals(scenes(second.frames()), scenes(fresh.frames()),
                    "without the warm-up the chunk would start in the highway context at once");
        } finally {
            StackPool.shared().closeStacks();
        }
    }

    @Test
    void theWarmUpComesFromTheSmoothingAndDwellAndKeepsTheGatePhase() throws Exception {
        VariantConfig.Prepared gated = VariantConfig.prepare("candidate", null, "gated", TestDrives.REPO);
        assertEquals(0.3, gated.config().gate().smoothing());
        assertEquals(10, gated.config().gate().minDwellFrames());
        assertEquals(20 + 10, PolicyChoice.warmUpFrames("gated", gated.config()), "0.7^20 < 1e-3 < 0.7^19");
        assertEquals(0, PolicyChoice.warmUpFrames("always_urban", gated.config()));
        assertEquals(0, PolicyChoice.warmUpFrames("both", gated.config()));
        assertEquals(1, PolicyChoice.warmUpStart(31, 30, 1));
        assertEquals(0, PolicyChoice.warmUpStart(10, 30, 1), "never before the first frame");
        assertEquals(68, PolicyChoice.warmUpStart(100, 30, 4), "the gate runs on frames 0, 4, 8, ... as unsplit");
        assertEquals(3000, PolicyChoice.warmUpStart(3000, 0, 3), "no warm-up: the chunk's own start");
    }

    private static List<Long> seqs(List<FrameRecord> frames) {
        return frames.stream().map(FrameRecord::seq).toList();
    }

    private static List<String> scenes(List<FrameRecord> frames) {
        return frames.stream().map(FrameRecord::scene).toList();
    }
}
