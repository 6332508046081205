package dev.triage.datasets.synthetic;

import java.util.SplittableRandom;

/** Derives independent, reproducible random streams from a seed and a path of indices. */
final class Seeds {
    private Seeds() {
    }

    /** A stream for {@code seed} and the given path (for example a segment or frame number). */
    static SplittableRandom stream(long seed, long... path) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (long p : path) {
            h = mix(h ^ (p * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL));
        }
        return new SplittableRandom(h);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform value in [0, 1) fixed by two integers; used for per-object decisions that must not use a stream. */
    static double hash01(long a, long b) {
        return (mix(a * 31 + b + 0x632BE59BD9B4E019L) >>> 11) * 0x1.0p-53;
    }
}
