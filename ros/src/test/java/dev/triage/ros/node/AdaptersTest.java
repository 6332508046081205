package dev.triage.ros.node;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.ros.GraphNames;
import dev.triage.ros.RosClock;
import dev.triage.ros.RosNodeConfig;
import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.rosgraph.Clock;
import dev.triage.ros.msg.sensor.CompressedImage;
import dev.triage.ros.msg.std.Header;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptersTest {

    private static final Header H = new Header(3, new Time(100, 250), "camera_front");

    @Test
    void rawImageKeepsPixelsStampAndFrame() {
        byte[] px = new byte[2 * 3 * 4];
        Frame f = RosImageDecoder.toFrame(new dev.triage.ros.msg.sensor.Image(H, 2, 3, "bgra8", false, 12, px), 9, 77);
        assertEquals(9, f.seq());
        assertEquals(100_000_000_250L, f.stampNanos());
        assertEquals(77, f.captureMonoNanos());
        assertEquals("camera_front", f.frameId());
        Image.Raw raw = assertInstanceOf(Image.Raw.class, f.image());
        assertEquals(3, raw.width());
        assertEquals(2, raw.height());
        assertEquals("bgra8", raw.encoding());
        assertEquals(12, raw.step());
        assertTrue(raw.data() == px);
        assertFalse(f.truth().isPresent());
    }

    @Test
    void compressedImageFormatIsReducedToTheContainer() {
        Frame f = RosImageDecoder.toFrame(new CompressedImage(H, "bgr8; jpeg compressed bgr8", new byte[]{1}), 1, 2);
        assertEquals("jpeg", assertInstanceOf(Image.Encoded.class, f.image()).format());
        assertEquals("png", RosImageDecoder.container("PNG"));
        assertEquals("tiff", RosImageDecoder.container(" tiff "));
    }

    @Test
    void simulatedClockFollowsClockMessages() {
        RosClock sim = RosClock.simulated();
        assertEquals(0, sim.nowNanos());
        sim.update(new Clock(new Time(5, 7)));
        assertEquals(5_000_000_007L, sim.nowNanos());
        assertEquals(new Time(5, 7), sim.now());
        RosClock wall = RosClock.wall();
        wall.update(new Clock(new Time(5, 7)));
        assertTrue(wall.nowNanos() > 1_600_000_000_000_000_000L);
    }

    @Test
    void graphNamesResolve() {
        assertEquals("/triage/image", GraphNames.resolve("~image", "/", "/triage"));
        assertEquals("/car/image", GraphNames.resolve("image", "/car", "/car/triage"));
        assertEquals("/abs", GraphNames.resolve("/abs", "/car", "/car/triage"));
        assertThrows(IllegalArgumentException.class, () -> GraphNames.resolve("bad name", "/", "/n"));
        assertThrows(IllegalArgumentException.class,
                () -> RosNodeConfig.of(java.net.URI.create("http://h:1/"), "h", "relative"));
    }
}
