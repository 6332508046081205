package dev.triage.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tree or bush beside the road: trunk plus a crown of overlapping discs (broadleaf) or stacked triangles (conifer).
 *
 * @param s       road distance (m)
 * @param offset  lateral offset (m)
 * @param trunk   trunk height (m), 0 for a bush
 * @param crown   crown radius (m)
 * @param leaves  leaf colour
 * @param conifer conifer shape
 * @param id      for per-tree variation
 */
record Tree(double s, double offset, double trunk, double crown, Bgr leaves, boolean conifer, long id) {

    static Tree random(SplittableRandom rng, double s, double offset, boolean allowBush) {
        boolean bush = allowBush && rng.nextDouble() < 0.35;
        boolean conifer = !bush && rng.nextDouble() < 0.3;
        Bgr leaves = new Bgr(rng.nextDouble(25, 60), rng.nextDouble(65, 120), rng.nextDouble(40, 85));
        return new Tree(s, offset, bush ? 0 : rng.nextDouble(1.8, 4.0), bush ? rng.nextDouble(0.8, 1.6)
                : rng.nextDouble(1.6, 3.2), leaves, conifer, rng.nextLong());
    }

    /** Draws the tree; returns its opaque parts (empty when not visible). */
    List<Extent> draw(Canvas c) {
        FrameView fv = c.view();
        double z = s - fv.sEgo();
        List<Extent> parts = new ArrayList<>(2);
        if (z < 2 || z > fv.road().layout().drawDistance() + 40) {
            return parts;
        }
        ImagePoint base = c.road(offset, 0, z);
        if (base == null) {
            return parts;
        }
        double k = c.camera().focalPx() / base.depth();
        if (crown * k < 0.7) {
            return parts;
        }
        Lighting light = fv.light();
        double u = base.u();
        double v = base.v();
        if (trunk > 0) {
            double w = Math.max(1, 0.28 * k);
            c.line(u, v, u, v - (trunk + crown * 0.5) * k, w, light.shade(Bgr.of(35, 50, 70), z).scalar());
            parts.add(new Extent(u - w / 2, v - trunk * k, u + w / 2, v));
        }
        double top = trunk + crown;
        if (conifer) {
            double h = crown * 3.2;
            for (int i = 0; i < 3; i++) {
                double y0 = trunk * 0.4 + i * h * 0.28;
                double r = crown * (1.0 - i * 0.25);
                double[] us = {u - r * k, u + r * k, u};
                double[] vs = {v - y0 * k, v - y0 * k, v - (y0 + h * 0.45) * k};
                c.fill(light.shade(leaves.scale(0.75 + 0.1 * i), z).scalar(), us, vs, 3);
            }
            top = trunk * 0.4 + h * 0.56 + h * 0.45 * 0.6;
            parts.add(new Extent(u - crown * k, v - top * k, u + crown * k, v - trunk * 0.4 * k));
        } else {
            double cy = trunk + crown * 0.8;
            for (int i = 0; i < 5; i++) {
                double a = Seeds.hash01(id, i) * 6.28;
                double rr = crown * (0.45 + 0.25 * Seeds.hash01(id, i + 10));
                double dx = Math.cos(a) * crown * 0.5;
                double dy = Math.sin(a) * crown * 0.35;
                double shade = 0.7 + 0.45 * Seeds.hash01(id, i + 20) + (dy > 0 ? 0.1 : -0.05);
                c.disc(u + dx * k, v - (cy + dy) * k, rr * k, light.shade(leaves.scale(shade), z).scalar());
            }
            top = cy + crown * 0.75;
            parts.add(new Extent(u - crown * 0.75 * k, v - top * k, u + crown * 0.75 * k, v - (cy - crown * 0.5) * k));
        }
        return parts;
    }
}
