package dev.triage.datasets.synthetic;

import org.opencv.core.Scalar;

/** A colour in BGR order, channel values nominally 0..255 (not clamped until drawn). */
record Bgr(double b, double g, double r) {

    static Bgr of(int b, int g, int r) {
        return new Bgr(b, g, r);
    }

    Bgr scale(double k) {
        return new Bgr(b * k, g * k, r * k);
    }

    Bgr times(Bgr tint) {
        return new Bgr(b * tint.b, g * tint.g, r * tint.r);
    }

    /** Linear blend: {@code t = 0} gives this, {@code t = 1} gives {@code o}. */
    Bgr mix(Bgr o, double t) {
        return new Bgr(b + (o.b - b) * t, g + (o.g - g) * t, r + (o.r - r) * t);
    }

    Scalar scalar() {
        return new Scalar(clamp(b), clamp(g), clamp(r));
    }

    static double clamp(double v) {
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }
}
