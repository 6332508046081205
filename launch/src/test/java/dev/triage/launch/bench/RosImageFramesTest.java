package dev.triage.launch.bench;

import dev.triage.datasets.synthetic.SyntheticDriveSource;
import dev.triage.datasets.synthetic.SyntheticSpec;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.pipeline.LatencyHistogram;
import dev.triage.perception.spi.FrameSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The bench's camera-size frames: serialized rgb8 sensor_msgs/Image, spread over the drive, decoded per frame. */
class RosImageFramesTest {

    @Test
    void spreadsHeldFramesOverTheDriveAndDecodesEachMessageAsTheNodeDoes() throws Exception {
        String spec = "synthetic:route=urban:6/highway:6,width=96,height=64";
        int total;
        try (FrameSource drive = new SyntheticDriveSource(SyntheticSpec.parse(spec))) {
            total = RosImageFrames.count(drive, 1000);
        }
        assertEquals(12, total);
        RosImageFrames frames;
        try (FrameSource drive = new SyntheticDriveSource(SyntheticSpec.parse(spec))) {
            frames = RosImageFrames.render(drive, new InputSize(160, 90), total, 4);
        }
        assertEquals(4, frames.distinctFrames());
        LatencyHistogram decodeTimes = new LatencyHistogram();
        List<byte[]> pixels = new ArrayList<>();
        try (FrameSource replay = frames.replay(14, decodeTimes)) {
            for (Optional<Frame> f = replay.next(); f.isPresent(); f = replay.next()) {
                Image.Raw raw = (Image.Raw) f.get().image();
                assertEquals("rgb8", raw.encoding());
                assertEquals(160, raw.width());
                assertEquals(90, raw.height());
                assertEquals(480, raw.step());
                pixels.add(raw.data());
            }
        }
        assertEquals(14, pixels.size());
        assertEquals(14, decodeTimes.count());
        // runs of 3 (12 frames / 4 held), cycling after the drive's length
        assertArrayEquals(pixels.get(0), pixels.get(2));
        assertFalse(java.util.Arrays.equals(pixels.get(2), pixels.get(3)));
        assertArrayEquals(pixels.get(0), pixels.get(12));
    }

    @Test
    void cameraSizesAreParsedAndBadOnesNamed() {
        assertEquals(new InputSize(1920, 1080), RosImageFrames.parseSize("1920x1080"));
        assertEquals(new InputSize(1280, 720), RosImageFrames.parseSize("1280X720"));
        for (String bad : List.of("1280", "1280x", "x720", "axb", "32x32", "5000x100")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> RosImageFrames.parseSize(bad), bad);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("1280x720")
                    || e.getMessage().contains("[64, 4096]"), e.getMessage());
        }
    }
}
