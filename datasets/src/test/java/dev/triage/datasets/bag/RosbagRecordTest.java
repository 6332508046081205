package dev.triage.datasets.bag;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real recordings: a rospy publisher sends the test frames through a private rosmaster (127.0.0.1) and Debian's
 * {@code rosbag record} writes the bag, stopped with SIGINT as on a car.
 */
class RosbagRecordTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"raw,bgr8,--lz4", "raw,bgr8,''", "compressed,png,--bz2"})
    void readsWhatRosbagRecordWrote(String kind, String format, String compressionFlag) throws Exception {
        assumeTrue(RosTools.rosbagRecord(), RosTools.skipReason());
        Path bag = RosTools.record(dir, dir.resolve("recorded.bag"), "/camera/image", kind, format,
                compressionFlag);
        List<Path> pngs = RosTools.framePngs();
        List<Frame> frames = new ArrayList<>();
        try (BagImageSource source = BagImageSource.open(bag, Optional.empty())) {
            assertEquals(Optional.of("/camera/image"), source.topic());
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get());
            }
        }
        assertEquals(pngs.size(), frames.size(), "every published frame is in the bag");
        long previous = 0;
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            assertEquals("camera", f.frameId());
            assertTrue(f.stampNanos() > previous, "header stamps (wall time at publishing) increase");
            previous = f.stampNanos();
            if (kind.equals("raw")) {
                assertArrayEquals(RosTools.bgr(pngs.get(i)), ((Image.Raw) f.image()).data());
            } else {
                assertArrayEquals(Files.readAllBytes(pngs.get(i)), ((Image.Encoded) f.image()).data());
            }
        }
    }
}
