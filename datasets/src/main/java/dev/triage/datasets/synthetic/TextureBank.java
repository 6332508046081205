package dev.triage.datasets.synthetic;

import java.util.SplittableRandom;

/**
 * World-anchored ground texture: a tileable noise image in metres with a mip chain, so that the texture stays put on
 * the road as the camera moves and fades without shimmering in the distance. Values are signed, about -1..1.
 */
final class TextureBank {
    static final int SIZE = 1024;
    static final int LEVELS = 7;
    static final double TEXEL = 0.025;
    /** Side of the cloud texture. */
    static final int CLOUD_SIZE = 256;

    private final float[][] levels = new float[LEVELS][];
    private final float[] clouds;

    TextureBank(long seed) {
        SplittableRandom rng = Seeds.stream(seed, 0x7E47);
        float[] base = new float[SIZE * SIZE];
        float[] coarse = smoothNoise(rng, SIZE, 24);
        float[] mid = smoothNoise(rng, SIZE, 128);
        for (int i = 0; i < base.length; i++) {
            double grain = rng.nextDouble() * 2 - 1;
            base[i] = (float) (0.4 * grain + 0.38 * coarse[i] + 0.22 * mid[i]);
        }
        float[] c1 = smoothNoise(rng, CLOUD_SIZE, 6);
        float[] c2 = smoothNoise(rng, CLOUD_SIZE, 24);
        clouds = new float[CLOUD_SIZE * CLOUD_SIZE];
        for (int i = 0; i < clouds.length; i++) {
            clouds[i] = (float) (0.75 * c1[i] + 0.25 * c2[i]);
        }
        levels[0] = base;
        int n = SIZE;
        for (int l = 1; l < LEVELS; l++) {
            int m = n / 2;
            float[] prev = levels[l - 1];
            float[] next = new float[m * m];
            for (int y = 0; y < m; y++) {
                for (int x = 0; x < m; x++) {
                    next[y * m + x] = 0.25f * (prev[2 * y * n + 2 * x] + prev[2 * y * n + 2 * x + 1]
                            + prev[(2 * y + 1) * n + 2 * x] + prev[(2 * y + 1) * n + 2 * x + 1]);
                }
            }
            levels[l] = next;
            n = m;
        }
    }

    /** Bilinear value noise of {@code cells} x {@code cells} lattice cells over the tile, in -1..1. */
    private static float[] smoothNoise(SplittableRandom rng, int size, int cells) {
        double[] lattice = new double[cells * cells];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = rng.nextDouble() * 2 - 1;
        }
        float[] out = new float[size * size];
        double per = (double) size / cells;
        for (int y = 0; y < size; y++) {
            double fy = y / per;
            int y0 = (int) fy;
            double ty = fy - y0;
            ty = ty * ty * (3 - 2 * ty);
            for (int x = 0; x < size; x++) {
                double fx = x / per;
                int x0 = (int) fx;
                double tx = fx - x0;
                tx = tx * tx * (3 - 2 * tx);
                double a = lattice[(y0 % cells) * cells + x0 % cells];
                double b = lattice[(y0 % cells) * cells + (x0 + 1) % cells];
                double c = lattice[((y0 + 1) % cells) * cells + x0 % cells];
                double d = lattice[((y0 + 1) % cells) * cells + (x0 + 1) % cells];
                out[y * size + x] = (float) ((a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty);
            }
        }
        return out;
    }

    /** Mip level that suits a pixel footprint of {@code metres}. */
    static int levelFor(double metres) {
        int l = 0;
        double t = TEXEL * 1.5;
        while (l < LEVELS - 1 && metres > t) {
            t *= 2;
            l++;
        }
        return l;
    }

    /** Smooth cloud noise, {@link #CLOUD_SIZE} square, about -1..1. */
    float[] clouds() {
        return clouds;
    }

    /** Level data; row-major, {@code SIZE >> level} wide. */
    float[] level(int level) {
        return levels[level];
    }
}
