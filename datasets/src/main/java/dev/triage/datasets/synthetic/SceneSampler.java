package dev.triage.datasets.synthetic;

import dev.triage.perception.image.OpenCv;
import java.util.SplittableRandom;

/**
 * Independent random frames for training: every sample draws its own world, camera mounting, light and camera
 * effects, so samples are far more varied than the frames of one drive. Beyond the drive's conditions, samples
 * include night and rain, wider camera mountings (FOV 48-95 deg, 1.1-2.6 m high), worn lane paint, exposure errors,
 * JPEG artefacts and roads over crests and through sags (see {@link Lighting#sampleVaried},
 * {@link Camera#sampleVaried}, {@link Effects#sampleVaried}, {@link GroundProfile#sample}). Sample {@code i} depends
 * only on the seed, the size, {@code i} and the scene.
 *
 * <pre>{@code
 * try (SceneSampler sampler = new SceneSampler(7, 640, 480)) {
 *     SyntheticFrame f = sampler.sample(0, Scene.HIGHWAY);
 * }
 * }</pre>
 * Not thread-safe; use one instance per thread.
 */
public final class SceneSampler implements AutoCloseable {
    private final long seed;
    private final int width;
    private final int height;
    private final FrameRenderer renderer;

    public SceneSampler(long seed, int width, int height) {
        OpenCv.load();
        SyntheticConfig.checkSize(width, height);
        this.seed = seed;
        this.width = width;
        this.height = height;
        this.renderer = new FrameRenderer(width, height, seed);
    }

    /** Renders sample {@code index} of {@code scene}. */
    public SyntheticFrame sample(int index, Scene scene) {
        SplittableRandom rng = Seeds.stream(seed, 5, index, scene.ordinal());
        Camera camera = Camera.sampleVaried(rng, width, height);
        Lighting light = Lighting.sampleVaried(rng);
        Effects fx = Effects.sampleVaried(rng, light);
        double wear = rng.nextDouble() < 0.4 ? rng.nextDouble(0.2, 0.75) : 0;
        double speed = scene == Scene.URBAN ? rng.nextDouble(8, 12) : rng.nextDouble(22, 30);
        double s = rng.nextDouble(0, 5000);
        SceneWorld world = scene == Scene.URBAN ? UrbanWorldGenerator.generate(rng, s, s, 0, speed)
                : HighwayWorldGenerator.generate(rng, s, s, 0, speed);
        double thinning = rng.nextDouble() < 0.1 ? rng.nextDouble(0, 0.5) : 0;
        double pitch = rng.nextDouble(-0.004, 0.004);
        GroundProfile profile = GroundProfile.sample(rng);
        RoadModel road = world.motion().at(world.layout(), s).withProfile(profile);
        FrameView view = new FrameView(camera.pitchedBy(pitch), road, light, s, 0, thinning,
                world.motion().worldYaw(s), wear);
        return renderer.render(index, world, view, fx, rng.split());
    }

    @Override
    public void close() {
        renderer.close();
    }
}
