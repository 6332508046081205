package dev.triage.launch.node;

import dev.triage.launch.cli.GoldenDrive;
import dev.triage.launch.wiring.RosArgs;
import dev.triage.launch.wiring.RosNodeLauncher;
import dev.triage.ros.node.NodeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The golden replay's third path: the {@link GoldenDrive} published frame by frame (raw bgr8, lock-step: the next
 * frame only after the node's detections, lanes and context of the last one came back) by a rospy peer to the live
 * ROS node on loopback, against Debian's rosmaster. TCPROS, image message decoding and the node runtime must not
 * change one decision of the pipeline: the answers must match the same reference as `triage replay`.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GoldenNodeReplayTest {
    @TempDir
    Path tmp;

    @Test
    void theLiveNodeAnswersTheGoldenDriveLikeReplay() throws Exception {
        RosPeers.assumeInstalled();
        Path repo = Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath().normalize();
        for (String model : List.of("gate.pt", "gate_int8.pt", "urban.pt", "highway.pt", "nanodet_m.pt", "nanodet_m_int8.pt")) {
            assumeTrue(Files.isRegularFile(repo.resolve("models").resolve(model)), "models/" + model + " missing");
        }
        assumeTrue(GoldenDrive.referenceExists(), "no reference at " + GoldenDrive.GOLDEN);
        GoldenDrive.RawFrames raw = GoldenDrive.writeRawFrames(tmp);
        try (RosPeers peers = RosPeers.start(tmp, repo)) {
            // the replay's generous budget, so that "both experts when unsure" does not depend on this machine
            RosArgs args = RosArgs.parse(List.of("__name:=triage", "~image:=/camera/image_raw", "_budget_ms:=1000"),
                    "triage", peers.env());
            try (RosNodeLauncher.Running node = RosNodeLauncher.start(args, Optional.empty(), repo, () -> false)
                    .orElseThrow()) {
                Path answers = tmp.resolve("node-answers.jsonl");
                String log = peers.run(Duration.ofSeconds(150), repo.resolve(
                                "launch/src/test/resources/ros/golden_node_peer.py").toString(),
                        raw.frames().toString(), raw.stamps().toString(), Integer.toString(raw.width()),
                        Integer.toString(raw.height()), "/camera/image_raw", "/triage",
                        String.join(",", NodeOptions.DEFAULT_CLASSES), answers.toString());
                assertTrue(log.contains("answered " + raw.count()), log);
                GoldenDrive.assertMatchesGolden(GoldenDrive.read(answers));
            }
        }
    }
}
