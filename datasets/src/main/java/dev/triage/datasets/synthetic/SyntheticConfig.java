package dev.triage.datasets.synthetic;

import java.util.Objects;

/**
 * Everything that fixes a synthetic drive. The same config always renders byte-identical frames and labels.
 *
 * @param seed   random seed for the worlds, light, camera and noise
 * @param width  frame width in pixels, {@value #MIN_WIDTH}..{@value #MAX_SIZE}
 * @param height frame height in pixels, {@value #MIN_HEIGHT}..{@value #MAX_SIZE}
 * @param route  the scripted scene sequence
 */
public record SyntheticConfig(long seed, int width, int height, Route route) {

    /** Smallest accepted width. */
    public static final int MIN_WIDTH = 64;
    /** Smallest accepted height. */
    public static final int MIN_HEIGHT = 48;
    /** Largest accepted width or height. */
    public static final int MAX_SIZE = 4096;
    /** Default frame width. */
    public static final int DEFAULT_WIDTH = 640;
    /** Default frame height. */
    public static final int DEFAULT_HEIGHT = 480;
    /** Default seed. */
    public static final long DEFAULT_SEED = 1;
    /** Frame rate of every synthetic drive. */
    public static final double FPS = 20.0;

    public SyntheticConfig {
        Objects.requireNonNull(route, "route");
        checkSize(width, height);
    }

    /** Throws IllegalArgumentException when the frame size is outside the accepted range. */
    public static void checkSize(int width, int height) {
        if (width < MIN_WIDTH || width > MAX_SIZE) {
            throw new IllegalArgumentException("width " + width + " out of range " + MIN_WIDTH + ".." + MAX_SIZE);
        }
        if (height < MIN_HEIGHT || height > MAX_SIZE) {
            throw new IllegalArgumentException("height " + height + " out of range " + MIN_HEIGHT + ".." + MAX_SIZE);
        }
    }

    /** The default drive: seed 1, 640x480, urban, highway, urban (600 frames). */
    public static SyntheticConfig defaults() {
        return new SyntheticConfig(DEFAULT_SEED, DEFAULT_WIDTH, DEFAULT_HEIGHT, Route.defaultDrive());
    }

    /** This config with another seed. */
    public SyntheticConfig withSeed(long newSeed) {
        return new SyntheticConfig(newSeed, width, height, route);
    }
}
