package dev.triage.launch.wiring;

import dev.triage.datasets.rosbag2.Rosbag2Fixtures;
import dev.triage.datasets.rosmsg.SpeedSource;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import dev.triage.perception.spi.SpeedRecording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Recorded speed travels with the frames of its recording ({@link RecordedSpeed}, {@link SourceFactory}). */
class RecordedSpeedTest {
    @TempDir
    Path dir;

    @Test
    void eachFrameBringsTheSamplesStampedUpToItAndOneBeyond() throws Exception {
        FrameSource frames = framesAt(100, 200, 300);
        Deque<SpeedSample> samples = new ArrayDeque<>(List.of(new SpeedSample(1, 50), new SpeedSample(2, 150),
                new SpeedSample(3, 250), new SpeedSample(4, 350), new SpeedSample(5, 450)));
        SpeedSource speeds = speedsOnTopic("speeds", () -> Optional.ofNullable(samples.poll()));
        try (RecordedSpeed source = new RecordedSpeed(frames, speeds, true)) {
            List<List<Double>> drained = new ArrayList<>();
            while (source.next().isPresent()) {
                drained.add(source.drainSpeedSamples().stream().map(SpeedSample::metresPerSecond).toList());
            }
            drained.add(source.drainSpeedSamples().stream().map(SpeedSample::metresPerSecond).toList());
            assertEquals(List.of(List.of(1.0, 2.0), List.of(3.0), List.of(4.0), List.of(5.0)), drained);
            assertEquals("frames (speed from /speed)", source.describe());
        }
    }

    @Test
    void aBrokenSpeedStreamNeverCostsAFrameAndFailsTheEndOnlyWhenItsTopicWasAskedFor() throws Exception {
        for (boolean required : List.of(false, true)) {
            FrameSource frames = framesAt(100, 200, 300);
            int[] calls = {0};
            SpeedSource broken = speedsOnTopic("drive.mcap [/speed]", () -> {
                if (calls[0]++ == 0) {
                    return Optional.of(new SpeedSample(7, 150));
                }
                throw new SourceException("drive.mcap: truncated or corrupt at byte 4096");
            });
            try (RecordedSpeed source = new RecordedSpeed(frames, broken, required)) {
                int delivered = 0;
                for (int i = 0; i < 3; i++) {
                    delivered += source.next().isPresent() ? 1 : 0;
                }
                assertEquals(3, delivered, "every frame, speed broken or not");
                assertEquals(List.of(7.0), source.drainSpeedSamples().stream().map(SpeedSample::metresPerSecond)
                        .toList());
                if (required) {
                    SourceException e = assertThrows(SourceException.class, source::next);
                    assertEquals("drive.mcap: truncated or corrupt at byte 4096", e.getMessage());
                } else {
                    assertEquals(Optional.empty(), source.next());
                }
            }
        }
    }

    @Test
    void aRecordingWithASpeedTopicOpensWithItsSpeed() throws Exception {
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
        try (FrameSource source = SourceFactory.open(SpeedDrives.withSpeed(dir).toString())) {
            SpeedRecording recording = assertInstanceOf(SpeedRecording.class, source);
            List<SpeedSample> all = new ArrayList<>();
            int frameCount = 0;
            while (source.next().isPresent()) {
                frameCount++;
                all.addAll(recording.drainSpeedSamples());
            }
            all.addAll(recording.drainSpeedSamples());
            assertTrue(frameCount > 0 && !all.isEmpty(), frameCount + " frames, " + all.size() + " speed samples");
            assertTrue(source.describe().endsWith("(speed from " + SpeedDrives.SPEEDOMETER + ")"), source.describe());
        }
        try (FrameSource source = SourceFactory.open(SpeedDrives.withoutSpeed(dir).toString())) {
            assertTrue(!(source instanceof SpeedRecording), "no speed topic, no speed: " + source.describe());
        }
    }

    /** The next speed sample of a stream, or the stream's failure. */
    @FunctionalInterface
    private interface SampleStream {
        Optional<SpeedSample> next() throws SourceException;
    }

    /** Speed samples on topic {@code /speed} from {@code samples}, described as {@code describe}. */
    private static SpeedSource speedsOnTopic(String describe, SampleStream samples) {
        return new SpeedSource() {
            @Override
            public Optional<SpeedSample> next() throws SourceException {
                return samples.next();
            }

            @Override
            public String describe() {
                return describe;
            }

            @Override
            public Optional<String> topic() {
                return Optional.of("/speed");
            }

            @Override
            public void close() {
            }
        };
    }

    /** Empty frames stamped {@code stamps}, described as "frames". */
    private static FrameSource framesAt(long... stamps) {
        Deque<Long> left = new ArrayDeque<>();
        for (long t : stamps) {
            left.add(t);
        }
        return new FrameSource() {
            @Override
            public Optional<Frame> next() {
                Long t = left.poll();
                return t == null ? Optional.empty() : Optional.of(new Frame(t, t, 0, "cam",
                        new Image.Encoded("jpeg", new byte[0]), Optional.empty()));
            }

            @Override
            public String describe() {
                return "frames";
            }
        };
    }
}
