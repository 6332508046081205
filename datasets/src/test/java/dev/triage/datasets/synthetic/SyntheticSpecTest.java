package dev.triage.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticSpecTest {

    @Test
    void bareSchemeGivesDefaults() {
        assertEquals(SyntheticConfig.defaults(), SyntheticSpec.parse("synthetic:"));
        assertEquals(SyntheticConfig.defaults(), SyntheticSpec.parse("synthetic"));
        assertEquals(600, SyntheticConfig.defaults().route().totalFrames());
    }

    @Test
    void parsesAllKeysAndRoundTrips() {
        SyntheticConfig c = SyntheticSpec.parse("synthetic:seed=7,route=urban:20/highway:30,width=320,height=240");
        assertEquals(7, c.seed());
        assertEquals(320, c.width());
        assertEquals(240, c.height());
        assertEquals(50, c.route().totalFrames());
        assertEquals(c, SyntheticSpec.parse(SyntheticSpec.format(c)));
        assertEquals("synthetic:seed=7,route=urban:20/highway:30,width=320,height=240", SyntheticSpec.format(c));
    }

    @Test
    void errorsNameTheKeyAndAllowedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticSpec.parse("synthetic:speed=3"));
        assertTrue(e.getMessage().contains("'speed'") && e.getMessage().contains("seed, route, width, height"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.parse("synthetic:route=urban:10/rural:5"));
        assertTrue(e.getMessage().contains("route") && e.getMessage().contains("urban, highway"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.parse("synthetic:width=10"));
        assertTrue(e.getMessage().contains("'width'") && e.getMessage().contains("64..4096"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.parse("synthetic:seed=x"));
        assertTrue(e.getMessage().contains("'seed'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.parse("synthetic:seed=1,seed=2"));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.parse("synthetic:route=urban:0"));
        assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.parse("video.mp4"));
        assertFalse(SyntheticSpec.matches("synthetics"));
    }

    @Test
    void routeFindsSegments() {
        Route r = Route.parse("urban:3/highway:2/urban:1");
        assertEquals(Scene.URBAN, r.sceneAt(2));
        assertEquals(Scene.HIGHWAY, r.sceneAt(3));
        assertEquals(Scene.HIGHWAY, r.sceneAt(4));
        assertEquals(Scene.URBAN, r.sceneAt(5));
        assertEquals(3, r.segmentStart(1));
        assertThrows(IndexOutOfBoundsException.class, () -> r.sceneAt(6));
    }
}
