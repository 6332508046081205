package dev.triage.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyntheticDriveTest {

    @Test
    void sameSeedGivesIdenticalFramesAndLabels() {
        SyntheticConfig c = SyntheticSpec.parse("synthetic:seed=11,route=urban:15/highway:15");
        try (SyntheticDrive a = new SyntheticDrive(c); SyntheticDrive b = new SyntheticDrive(c)) {
            for (int i : new int[] {0, 14, 15, 29}) {
                SyntheticFrame fa = a.render(i);
                SyntheticFrame fb = b.render(i);
                assertArrayEquals(fa.bgr(), fb.bgr(), "frame " + i);
                assertEquals(fa.truth(), fb.truth(), "frame " + i);
            }
            // order of rendering does not matter
            assertArrayEquals(a.render(3).bgr(), b.render(3).bgr());
        }
        try (SyntheticDrive a = new SyntheticDrive(c); SyntheticDrive other = new SyntheticDrive(c.withSeed(12))) {
            assertFalse(java.util.Arrays.equals(a.render(0).bgr(), other.render(0).bgr()));
        }
    }

    @Test
    void sceneSwitchesAtSegmentBoundaries() {
        SyntheticConfig c = SyntheticSpec.parse("synthetic:seed=3,route=urban:4/highway:3/urban:2,width=160,height=120");
        Scene[] expected = {Scene.URBAN, Scene.URBAN, Scene.URBAN, Scene.URBAN, Scene.HIGHWAY, Scene.HIGHWAY,
            Scene.HIGHWAY, Scene.URBAN, Scene.URBAN};
        try (SyntheticDrive d = new SyntheticDrive(c)) {
            assertEquals(9, d.frameCount());
            for (int i = 0; i < expected.length; i++) {
                SyntheticFrame f = d.render(i);
                assertEquals(expected[i], f.scene(), "frame " + i);
                assertEquals(Optional.of(expected[i].wireName()), f.truth().scene(), "frame " + i);
                assertEquals(160 * 120 * 3, f.bgr().length);
            }
        }
    }

    @Test
    void sourceDeliversStampedRawFramesWithTruth() throws Exception {
        String spec = "synthetic:seed=5,route=highway:2/urban:1,width=128,height=96";
        try (SyntheticDriveSource src = SyntheticDriveSource.fromSpec(spec)) {
            assertEquals(spec, src.describe());
            assertEquals(Optional.of(20.0), src.nominalFps());
            for (int i = 0; i < 3; i++) {
                long before = System.nanoTime();
                Frame f = src.next().orElseThrow();
                assertEquals(i, f.seq());
                assertEquals(i * 50_000_000L, f.stampNanos());
                assertTrue(f.captureMonoNanos() >= before);
                assertEquals("synthetic_camera", f.frameId());
                Image.Raw raw = (Image.Raw) f.image();
                assertEquals("bgr8", raw.encoding());
                assertEquals(128 * 3, raw.step());
                assertEquals(128 * 96 * 3, raw.data().length);
                assertTrue(f.truth().orElseThrow().objectsLabelled());
                assertEquals(i < 2 ? "highway" : "urban", f.truth().get().scene().orElseThrow());
            }
            assertTrue(src.next().isEmpty());
        }
    }
}
