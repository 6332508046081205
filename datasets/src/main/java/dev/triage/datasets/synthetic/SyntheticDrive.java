package dev.triage.datasets.synthetic;

import dev.triage.perception.image.OpenCv;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic scripted drive: renders frame {@code i} of a {@link SyntheticConfig} on demand, in any order.
 * Each route segment gets its own world (street or highway); within a segment the ego drives on at a constant speed
 * and the actors move, so consecutive frames are coherent. Within 10 frames (0.5 s) of a change of scene the
 * scenery thins out (buildings or trees dropping away) while the label stays the segment's scene.
 *
 * <pre>{@code
 * try (SyntheticDrive drive = new SyntheticDrive(SyntheticSpec.parse("synthetic:seed=7"))) {
 *     SyntheticFrame f = drive.render(0);
 * }
 * }</pre>
 * Not thread-safe; use one instance per thread.
 */
public final class SyntheticDrive implements AutoCloseable {
    /** Frames on each side of a scene change over which the scenery thins out. */
    public static final int TRANSITION_FRAMES = 10;

    private final SyntheticConfig config;
    private final List<SceneWorld> worlds = new ArrayList<>();
    private final double[] segmentStartS;
    private final Camera camera;
    private final Lighting light;
    private final Effects effects;
    private final FrameRenderer renderer;

    /** Builds the worlds of every segment; rendering happens in {@link #render(int)}. */
    public SyntheticDrive(SyntheticConfig config) {
        OpenCv.load();
        this.config = config;
        long seed = config.seed();
        List<RouteSegment> segs = config.route().segments();
        segmentStartS = new double[segs.size()];
        double s = 0;
        for (int i = 0; i < segs.size(); i++) {
            RouteSegment seg = segs.get(i);
            SplittableRandom r = Seeds.stream(seed, 1, i);
            double speed = seg.scene() == Scene.URBAN ? r.nextDouble(8, 12) : r.nextDouble(22, 30);
            double t0 = config.route().segmentStart(i) / SyntheticConfig.FPS;
            double sTo = s + seg.frames() * speed / SyntheticConfig.FPS;
            worlds.add(seg.scene() == Scene.URBAN ? UrbanWorldGenerator.generate(r, s, sTo, t0, speed)
                    : HighwayWorldGenerator.generate(r, s, sTo, t0, speed));
            segmentStartS[i] = s;
            s = sTo;
        }
        SplittableRandom r = Seeds.stream(seed, 2);
        camera = Camera.sample(r, config.width(), config.height());
        light = Lighting.sample(r);
        effects = Effects.sample(r);
        renderer = new FrameRenderer(config.width(), config.height(), seed);
    }

    /** The config this drive renders. */
    public SyntheticConfig config() {
        return config;
    }

    /** Frames in the drive. */
    public int frameCount() {
        return config.route().totalFrames();
    }

    /** Renders frame {@code index} (0-based); the result depends only on the config and the index. */
    public SyntheticFrame render(int index) {
        Route route = config.route();
        int seg = route.segmentIndexAt(index);
        RouteSegment segment = route.segments().get(seg);
        int local = index - route.segmentStart(seg);
        SceneWorld world = worlds.get(seg);
        double s = segmentStartS[seg] + local * world.egoSpeed() / SyntheticConfig.FPS;
        double t = index / SyntheticConfig.FPS;
        double thinning = 0;
        if (seg > 0 && route.segments().get(seg - 1).scene() != segment.scene()) {
            thinning = Math.max(thinning, ramp(local));
        }
        if (seg + 1 < route.segments().size() && route.segments().get(seg + 1).scene() != segment.scene()) {
            thinning = Math.max(thinning, ramp(segment.frames() - 1 - local));
        }
        double bump = 0.004 * Math.sin(t * 6.1) + 0.002 * Math.sin(t * 15.7 + 1);
        FrameView view = new FrameView(camera.pitchedBy(bump), world.motion().at(world.layout(), s), light, s, t,
                thinning, world.motion().worldYaw(s), 0);
        return renderer.render(index, world, view, effects, Seeds.stream(config.seed(), 3, index));
    }

    private static double ramp(int framesFromChange) {
        return framesFromChange >= TRANSITION_FRAMES ? 0 : 0.5 * (1 - (double) framesFromChange / TRANSITION_FRAMES);
    }

    @Override
    public void close() {
        renderer.close();
    }
}
