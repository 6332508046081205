package dev.triage.launch.wiring;

import dev.triage.datasets.bag.BagReader;
import dev.triage.datasets.bag.RosTools;
import dev.triage.datasets.rosbag2.Rosbag2Fixtures;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import dev.triage.perception.spi.SpeedRecording;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An MCAP written unindexed (no summary, as a crashed recorder or {@code --no-summary} leaves it) is read once for
 * frames and speed: the bytes the process reads (Linux {@code /proc/self/io} {@code rchar}, which counts every read
 * system call, page cache or not) stay under 1.5 times the file, with a speed topic and without one, and for a
 * ROS 1 bag without its index; before, a second handle for the speed read the whole file again. Frames and speed
 * samples are the recorded ones.
 */
class SinglePassSpeedTest {
    private static final Path IO = Path.of("/proc/self/io");
    private static final int FRAMES = 30;
    @TempDir
    Path dir;

    @BeforeEach
    void needs() {
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
        assumeTrue(Files.isReadable(IO), "no /proc/self/io to count the bytes read (not Linux)");
    }

    /** 30 bgr8 320x240 frames (the six test frames over and over), with a Float32 speed per frame or none. */
    private Path unindexed(String name, boolean speed) throws IOException {
        List<Path> pngs = RosTools.framePngs();
        List<Rosbag2Fixtures.Msg> msgs = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            if (speed) {
                msgs.add(Rosbag2Fixtures.float32Speed(SpeedDrives.SPEEDOMETER, i));
            }
            msgs.add(Rosbag2Fixtures.image("/cam/image_raw", i, 320, 240, "bgr8", 960,
                    RosTools.bgr(pngs.get(i % pngs.size()))));
        }
        return Rosbag2Fixtures.writeMcap(dir.resolve(name), msgs, Map.of("summary", false, "compression", "zstd"));
    }

    private static long bytesRead() throws IOException {
        for (String line : Files.readAllLines(IO)) {
            if (line.startsWith("rchar:")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        throw new IllegalStateException("no rchar in " + IO);
    }

    private record Pass(List<Frame> frames, List<SpeedSample> speeds, long bytesRead) {
    }

    private static Pass replay(Path mcap, Optional<String> speedTopic) throws Exception {
        List<Frame> frames = new ArrayList<>();
        List<SpeedSample> speeds = new ArrayList<>();
        long before = bytesRead();
        try (FrameSource source = SourceFactory.open(mcap.toString(),
                new SourceOptions(Optional.empty(), Optional.empty(), speedTopic))) {
            SpeedRecording speed = assertInstanceOf(SpeedRecording.class, source);
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get());
                speeds.addAll(speed.drainSpeedSamples());
            }
            speeds.addAll(speed.drainSpeedSamples());
        }
        return new Pass(frames, speeds, bytesRead() - before);
    }

    @Test
    void anUnindexedRecordingIsReadOnceWithOrWithoutASpeedTopic() throws Exception {
        for (boolean withSpeed : List.of(true, false)) {
            Path mcap = unindexed(withSpeed ? "speed.mcap" : "plain.mcap", withSpeed);
            long size = Files.size(mcap);
            Pass pass = replay(mcap, Optional.empty());
            assertEquals(FRAMES, pass.frames().size());
            assertTrue(pass.bytesRead() < size * 3 / 2, (withSpeed ? "with" : "without") + " a speed topic: "
                    + pass.bytesRead() + " bytes read for a file of " + size);
            List<Path> pngs = RosTools.framePngs();
            for (int i = 0; i < FRAMES; i++) {
                Frame f = pass.frames().get(i);
                assertEquals(Rosbag2Fixtures.BASE_NS + i * 100_000_000L, f.stampNanos());
                assertArrayEquals(RosTools.bgr(pngs.get(i % pngs.size())),
                        ((dev.triage.perception.core.Image.Raw) f.image()).data());
            }
            if (withSpeed) {
                assertEquals(FRAMES, pass.speeds().size());
                for (int i = 0; i < FRAMES; i++) {
                    assertEquals(10 + i / 2.0, pass.speeds().get(i).metresPerSecond(), 1e-6);
                }
            } else {
                assertEquals(List.of(), pass.speeds());
            }
        }
    }

    @Test
    void anAskedForSpeedTopicThatNeverComesFailsAfterEveryFrame() throws Exception {
        Path mcap = unindexed("plain.mcap", false);
        List<Frame> frames = new ArrayList<>();
        try (FrameSource source = SourceFactory.open(mcap.toString(),
                new SourceOptions(Optional.empty(), Optional.empty(), Optional.of("/speed")))) {
            SourceException e = assertThrows(SourceException.class, () -> {
                for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                    frames.add(f.get());
                }
            });
            assertEquals(FRAMES, frames.size(), "every frame first");
            assertTrue(e.getMessage().startsWith(mcap + ": no topic '/speed'; topics: /cam/image_raw"),
                    e.getMessage());
        }
    }

    /**
     * A ROS 1 bag without its index (written by Debian's rosbag API with lz4 chunks, then cut where its index
     * begins, as a killed recorder leaves it) is read once for frames and speed too. (In an uncompressed bag a second
     * handle skips the image data unread, so only compressed chunks showed the double read.)
     */
    @Test
    void aRos1BagWithoutIndexIsReadOnce() throws Exception {
        assumeTrue(RosTools.pythonRosbag(), RosTools.skipReason());
        List<String> args = new ArrayList<>(List.of("--compression", "lz4", "--stream", "/cam/image_raw:raw:bgr8",
                "--speed", "/speed:float32"));
        Path whole = RosTools.writeBag(dir.resolve("whole.bag"), args.toArray(String[]::new));
        long indexAt;
        try (BagReader reader = BagReader.open(whole)) {
            indexAt = reader.header().indexPosition();
        }
        Path bag = Files.write(dir.resolve("no-index.bag"),
                Arrays.copyOf(Files.readAllBytes(whole), (int) indexAt));
        Pass pass = replay(bag, Optional.empty());
        int frames = RosTools.framePngs().size();
        assertEquals(frames, pass.frames().size());
        assertEquals(frames, pass.speeds().size(), "a Float32 speed with every frame");
        assertEquals(10.5, pass.speeds().get(1).metresPerSecond(), 1e-6);
        assertTrue(pass.bytesRead() < Files.size(bag) * 3 / 2, pass.bytesRead() + " bytes read for a bag of "
                + Files.size(bag));
    }
}
