package dev.triage.datasets.synthetic;

import dev.triage.perception.core.ObjectClass;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A person riding a bicycle, seen from the side (crossing) or from behind/in front (riding along the road).
 * One labelled box covers rider and bicycle.
 *
 * @param motion  position and speed
 * @param side    side view (crossing) when true, else rear or front view
 * @param dir     +1 riding to the right of the image, -1 to the left (side view only)
 * @param frame   bicycle frame colour
 * @param top     jacket colour
 * @param bottom  trousers colour
 * @param helmet  helmet colour
 * @param skin    skin colour
 * @param phase   pedalling phase at time 0
 */
record CyclistActor(Motion motion, boolean side, int dir, Bgr frame, Bgr top, Bgr bottom, Bgr helmet, Bgr skin,
                    double phase) implements Actor {

    private static final Bgr[] FRAMES = {Bgr.of(30, 30, 30), Bgr.of(40, 40, 180), Bgr.of(160, 90, 30),
        Bgr.of(200, 200, 200), Bgr.of(40, 150, 60), Bgr.of(30, 170, 220)};
    private static final Bgr[] HELMETS = {Bgr.of(230, 230, 230), Bgr.of(30, 30, 30), Bgr.of(40, 40, 200),
        Bgr.of(200, 120, 40), Bgr.of(40, 200, 230)};

    static CyclistActor random(SplittableRandom rng, Motion motion, boolean side, int dir) {
        Bgr[] cloth = {Bgr.of(40, 40, 40), Bgr.of(140, 70, 20), Bgr.of(30, 30, 170), Bgr.of(40, 180, 230),
            Bgr.of(60, 140, 40), Bgr.of(210, 210, 210)};
        return new CyclistActor(motion, side, dir, PedestrianActor.pick(rng, FRAMES), PedestrianActor.pick(rng, cloth),
                PedestrianActor.pick(rng, new Bgr[] {Bgr.of(30, 30, 30), Bgr.of(100, 70, 40), Bgr.of(80, 80, 80)}),
                PedestrianActor.pick(rng, HELMETS),
                PedestrianActor.pick(rng, new Bgr[] {Bgr.of(140, 170, 215), Bgr.of(80, 110, 160), Bgr.of(50, 70, 110)}),
                rng.nextDouble(0, 6.28));
    }

    @Override
    public double halfLength() {
        return side ? 0.3 : 0.9;
    }

    @Override
    public Silhouette draw(Canvas c) {
        PedestrianActor.Figure f = PedestrianActor.Figure.standing(c, motion);
        if (f == null) {
            return null;
        }
        FrameView fv = c.view();
        double t = fv.time();
        double k = f.k();
        double z = f.z();
        double crank = phase + t * 2 * Math.PI * 1.2;
        Bounds bike = new Bounds();
        Bounds rider = new Bounds();
        Bgr tyre = Bgr.of(22, 22, 22);
        if (side) {
            double d = dir;
            double wr = 0.34;
            double rx = -0.52 * d;
            double fx = 0.52 * d;
            ring(f, c, bike, tyre, rx, wr, wr, k, fv, z);
            double px = 0.17 * Math.cos(crank) * d;
            double py = 0.3 + 0.17 * Math.sin(crank);
            double px2 = -px;
            double py2 = 0.6 - py;
            f.limb(bottom.scale(0.7), rider, 0.11, -0.12 * d, 1.0, 0.1 * d + px2 * 0.4, 0.62 + (py2 - 0.3) * 0.3);
            f.limb(bottom.scale(0.7), rider, 0.1, 0.1 * d + px2 * 0.4, 0.62 + (py2 - 0.3) * 0.3, px2, py2);
            f.limb(frame, bike, 0.045, rx, wr, -0.12 * d, 0.95);
            f.limb(frame, bike, 0.045, rx, wr, 0, 0.3);
            f.limb(frame, bike, 0.05, 0, 0.3, -0.12 * d, 0.95);
            f.limb(frame, bike, 0.05, 0, 0.3, 0.42 * d, 0.88);
            f.limb(frame, bike, 0.05, -0.1 * d, 0.88, 0.42 * d, 0.88);
            f.limb(frame, bike, 0.045, 0.42 * d, 0.88, fx, wr);
            f.limb(tyre, bike, 0.05, 0.42 * d, 0.88, 0.46 * d, 1.02);
            f.limb(tyre, bike, 0.04, 0.36 * d, 1.02, 0.52 * d, 1.02);
            f.limb(tyre, bike, 0.05, -0.2 * d, 0.98, -0.04 * d, 0.98);
            ring(f, c, bike, tyre, fx, wr, wr, k, fv, z);
            f.limb(top.scale(0.8), rider, 0.085, 0.15 * d, 1.42, 0.46 * d, 1.02);
            f.quad(top, rider, -0.2 * d, 1.0, 0.0 * d, 1.0, 0.28 * d, 1.45, 0.08 * d, 1.5);
            f.limb(bottom, rider, 0.12, -0.12 * d, 1.0, 0.1 * d + px * 0.4, 0.62 + (py - 0.3) * 0.3);
            f.limb(bottom, rider, 0.1, 0.1 * d + px * 0.4, 0.62 + (py - 0.3) * 0.3, px, py);
            f.limb(top, rider, 0.085, 0.18 * d, 1.42, 0.48 * d, 1.03);
            f.disc(skin, rider, 0.26 * d, 1.6, 0.1);
            f.disc(helmet, rider, 0.24 * d, 1.65, 0.11);
        } else {
            double s = Math.sin(crank);
            f.limb(tyre, bike, 0.055, 0, 0.02, 0, 0.68);
            f.limb(frame, bike, 0.05, 0, 0.45, 0, 0.95);
            f.limb(Bgr.of(30, 30, 30), bike, 0.03, -0.28, 1.05, 0.28, 1.05);
            f.limb(Bgr.of(20, 20, 140), bike, 0.05, -0.04, 0.6, 0.04, 0.6);
            f.limb(bottom, rider, 0.12, -0.1, 1.0, -0.15, 0.55 + 0.12 * s);
            f.limb(bottom, rider, 0.11, -0.15, 0.55 + 0.12 * s, -0.12, 0.2 + 0.15 * s);
            f.limb(bottom, rider, 0.12, 0.1, 1.0, 0.15, 0.55 - 0.12 * s);
            f.limb(bottom, rider, 0.11, 0.15, 0.55 - 0.12 * s, 0.12, 0.2 - 0.15 * s);
            f.quad(top, rider, -0.17, 0.98, 0.17, 0.98, 0.21, 1.45, -0.21, 1.45);
            f.limb(top.scale(0.9), rider, 0.085, -0.19, 1.42, -0.27, 1.07);
            f.limb(top.scale(0.9), rider, 0.085, 0.19, 1.42, 0.27, 1.07);
            f.limb(skin, rider, 0.07, 0, 1.45, 0, 1.52);
            f.disc(skin, rider, 0, 1.58, 0.1);
            f.disc(helmet, rider, 0, 1.62, 0.115);
        }
        Bounds all = new Bounds();
        all.add(bike);
        all.add(rider);
        return new Silhouette(ObjectClass.CYCLIST, all.extent(), List.of(rider.extent(), bike.extent()));
    }

    private static void ring(PedestrianActor.Figure f, Canvas c, Bounds b, Bgr tyre, double x, double y, double r,
                             double k, FrameView fv, double z) {
        double u = f.u(x);
        double v = f.v(y);
        c.ring(u, v, (r - 0.025) * k, 0.05 * k, f.colour(tyre));
        c.ring(u, v, (r - 0.06) * k, 0.015 * k, f.colour(Bgr.of(150, 150, 150)));
        c.disc(u, v, Math.max(0.5, 0.04 * k), f.colour(tyre));
        b.add(u, v, r * k);
    }
}
