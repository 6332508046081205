package dev.triage.datasets.rosbag2;

import dev.triage.datasets.bag.BagImageSource;
import dev.triage.datasets.bag.RosTools;
import dev.triage.datasets.SourceReads;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same drive recorded as a ROS 1 bag (Debian's rosbag API) and as ROS 2 recordings (npm MCAP writer, Python
 * sqlite3 writer) replays as the same frames: same stamps, frame ids, encodings, sizes and pixels, on both topics.
 */
class Rosbag2MatchesRos1BagTest {
    @TempDir
    Path dir;

    @Test
    void ros1BagMcapAndDb3OfOneDriveGiveIdenticalFrames() throws Exception {
        assumeTrue(RosTools.pythonRosbag(), RosTools.skipReason());
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
        Path bag = RosTools.writeBag(dir.resolve("drive.bag"), "--compression", "lz4", "--chatter",
                "--stream", "/cam/image_raw:raw:bgr8", "--stream", "/cam/compressed:compressed:png");
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("drive.mcap"), Rosbag2Fixtures.drive(),
                Map.of("compression", "zstd"));
        Path db3 = Rosbag2Fixtures.writeDb3(dir.resolve("drive.db3"), Rosbag2Fixtures.drive());
        for (String topic : List.of("/cam/image_raw", "/cam/compressed")) {
            List<Frame> ros1 = readAndClose(BagImageSource.open(bag, Optional.of(topic)));
            assertEquals(RosTools.framePngs().size(), ros1.size());
            for (Path ros2 : List.of(mcap, db3)) {
                List<Frame> frames = readAndClose(Rosbag2ImageSource.open(ros2, Optional.of(topic)));
                assertEquals(ros1.size(), frames.size(), ros2 + " " + topic);
                for (int i = 0; i < ros1.size(); i++) {
                    Frame a = ros1.get(i);
                    Frame b = frames.get(i);
                    String what = ros2.getFileName() + " " + topic + " frame " + i;
                    assertEquals(a.seq(), b.seq(), what);
                    assertEquals(a.stampNanos(), b.stampNanos(), what);
                    assertEquals(a.frameId(), b.frameId(), what);
                    if (a.image() instanceof Image.Raw ra) {
                        Image.Raw rb = (Image.Raw) b.image();
                        assertEquals(List.of(ra.width(), ra.height(), ra.encoding(), ra.step()),
                                List.of(rb.width(), rb.height(), rb.encoding(), rb.step()), what);
                        assertArrayEquals(ra.data(), rb.data(), what);
                    } else {
                        Image.Encoded ea = (Image.Encoded) a.image();
                        Image.Encoded eb = (Image.Encoded) b.image();
                        assertEquals(ea.format(), eb.format(), what);
                        assertArrayEquals(ea.data(), eb.data(), what);
                    }
                }
            }
        }
    }

    private static List<Frame> readAndClose(FrameSource source) throws SourceException {
        try (source) {
            return SourceReads.readAll(source);
        }
    }
}
