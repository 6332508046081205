package dev.triage.launch.node;

import dev.triage.launch.wiring.RosArgs;
import dev.triage.launch.wiring.RosNodeLauncher;
import dev.triage.perception.core.Stages;
import dev.triage.perception.pipeline.LatencySummary;
import dev.triage.perception.pipeline.PipelineSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live ROS 1 node (against Debian's rosmaster and a rospy publisher) runs the detector at its under-load input
 * when a frame's deadline leaves too little time for the full one: with a 15 ms budget, shorter than the default
 * detector's full 640x384 forward on any CPU measured, every image runs at 416x256, which {@code /diagnostics}
 * counts as {@code expert:urban:under_load}. The rule itself is tested with a fake clock in perception's
 * {@code UnderLoadSizingTest}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnderLoadNodeTest {
    private static final int IMAGES = 20;

    @TempDir
    Path tmp;

    @Test
    void aBudgetTooShortForTheFullInputRunsEveryImageAtTheUnderLoadInput() throws Exception {
        RosPeers.assumeInstalled();
        Path repo = Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(repo.resolve("models/nanodet_m_int8.pt")), "models/nanodet_m_int8.pt missing");
        // the detector serves both scenes, so that it runs on every image whatever the gate makes of the pattern
        Path config = tmp.resolve("detector-only.yaml");
        Files.writeString(config, "experts:\n  urban:\n    scenes: [urban, highway]\n  highway:\n    scenes: []\n");
        try (RosPeers peers = RosPeers.start(tmp, repo)) {
            RosArgs args = RosArgs.parse(List.of("__name:=triage", "~image:=/camera/image_raw", "_budget_ms:=15",
                    "_config:=" + config), "triage", peers.env());
            try (RosNodeLauncher.Running node = RosNodeLauncher.start(args, Optional.empty(), repo, () -> false)
                    .orElseThrow()) {
                Process pub = peers.tool(tmp.resolve("pub.log"), repo.resolve(
                        "launch/src/test/resources/ros/pub_images.py").toString(), "/camera/image_raw", "--count",
                        Integer.toString(IMAGES), "--rate", "5", "--width", "1280", "--height", "720");
                assertTrue(pub.waitFor(60, TimeUnit.SECONDS), "image publisher did not finish");
                RosPeers.await(() -> node.node().summary().framesIn() >= IMAGES, Duration.ofSeconds(20),
                        IMAGES + " images in");
                PipelineSummary summary = node.node().summary();
                LatencySummary underLoad = summary.latencyMs().get(Stages.expertUnderLoad("urban"));
                assertTrue(underLoad != null && underLoad.count() >= summary.framesProcessed()
                        && summary.framesProcessed() > 0, "under-load runs " + underLoad + " of "
                        + summary.framesProcessed() + " processed; stages " + summary.latencyMs().keySet());
                assertFalse(summary.latencyMs().containsKey(Stages.expert("urban")),
                        "the full input ran: " + summary.latencyMs().get(Stages.expert("urban")));
            }
        }
    }
}
