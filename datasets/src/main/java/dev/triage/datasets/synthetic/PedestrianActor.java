package dev.triage.datasets.synthetic;

import dev.triage.perception.core.ObjectClass;
import java.util.List;
import java.util.SplittableRandom;
import org.opencv.core.Scalar;

/**
 * A person on foot, drawn as an articulated figure (head, hair, torso, arms, legs, shoes) with a walking cycle.
 *
 * @param motion  position and speed
 * @param height  body height in metres
 * @param build   shoulder width in metres
 * @param skin    skin colour
 * @param hair    hair colour
 * @param top     shirt or coat colour
 * @param bottom  trousers or skirt colour
 * @param shoes   shoe colour
 * @param view    which side faces the camera
 * @param phase   walking phase at time 0 (rad)
 * @param skirt   draws a skirt or long coat over the thighs
 * @param bag     bag colour, or null for none
 */
record PedestrianActor(Motion motion, double height, double build, Bgr skin, Bgr hair, Bgr top, Bgr bottom, Bgr shoes,
                       View view, double phase, boolean skirt, Bgr bag) implements Actor {

    /** Side of the person that faces the camera. */
    enum View { FRONT, BACK, LEFT, RIGHT }

    private static final Bgr[] SKIN = {Bgr.of(150, 180, 225), Bgr.of(120, 155, 200), Bgr.of(85, 115, 165),
        Bgr.of(55, 80, 120), Bgr.of(40, 60, 90)};
    private static final Bgr[] HAIR = {Bgr.of(20, 20, 25), Bgr.of(30, 45, 70), Bgr.of(60, 110, 160),
        Bgr.of(150, 150, 150), Bgr.of(15, 30, 50)};
    private static final Bgr[] CLOTH = {Bgr.of(40, 40, 40), Bgr.of(120, 60, 20), Bgr.of(30, 30, 160), Bgr.of(200, 200, 200),
        Bgr.of(60, 120, 40), Bgr.of(40, 160, 220), Bgr.of(140, 140, 140), Bgr.of(90, 50, 90), Bgr.of(30, 60, 110),
        Bgr.of(200, 120, 60), Bgr.of(60, 60, 200), Bgr.of(235, 235, 235), Bgr.of(20, 20, 80)};
    private static final Bgr[] TROUSERS = {Bgr.of(40, 30, 25), Bgr.of(110, 70, 40), Bgr.of(30, 30, 30),
        Bgr.of(90, 90, 90), Bgr.of(70, 110, 140), Bgr.of(150, 100, 60)};

    /** A random person at {@code motion}. */
    static PedestrianActor random(SplittableRandom rng, Motion motion, View view) {
        boolean child = rng.nextDouble() < 0.1;
        double h = child ? rng.nextDouble(1.0, 1.35) : rng.nextDouble(1.55, 1.95);
        return new PedestrianActor(motion, h, h * rng.nextDouble(0.21, 0.25),
                pick(rng, SKIN), pick(rng, HAIR), pick(rng, CLOTH), pick(rng, TROUSERS),
                rng.nextDouble() < 0.5 ? Bgr.of(25, 25, 25) : pick(rng, CLOTH), view, rng.nextDouble(0, 6.28),
                rng.nextDouble() < 0.2, rng.nextDouble() < 0.25 ? pick(rng, CLOTH).scale(0.7) : null);
    }

    static Bgr pick(SplittableRandom rng, Bgr[] options) {
        Bgr c = options[rng.nextInt(options.length)];
        return c.scale(rng.nextDouble(0.8, 1.15));
    }

    @Override
    public double halfLength() {
        return 0.2;
    }

    @Override
    public Silhouette draw(Canvas c) {
        Figure f = Figure.standing(c, motion);
        if (f == null) {
            return null;
        }
        double t = c.view().time();
        double walk = motion.moving() ? phase + t * 2 * Math.PI * 0.95 : phase;
        double stride = motion.moving() ? 0.42 : 0.05;
        double hip = 0.52 * height;
        double sh = 0.815 * height;
        double headR = 0.064 * height;
        double headY = height - headR;
        double leg = 0.26 * height;
        double legW = 0.12 * height / 1.75;
        double armW = 0.085 * height / 1.75;
        Bounds upper = new Bounds();
        Bounds lower = new Bounds();
        if (view == View.LEFT || view == View.RIGHT) {
            double dir = view == View.RIGHT ? 1 : -1;
            double a = stride * Math.sin(walk);
            for (int pass = 0; pass < 2; pass++) {
                double ai = pass == 0 ? a : -a;
                double shade = pass == 0 ? 0.72 : 1.0;
                if (pass == 1) {
                    f.quad(top.scale(0.95), upper, -0.11 * dir, hip - 0.02, 0.11 * dir, hip - 0.02, 0.13 * dir, sh,
                            -0.12 * dir, sh);
                    if (skirt) {
                        f.quad(bottom, lower, -0.13 * dir, hip, 0.13 * dir, hip, 0.2 * dir, hip - 0.22 * height,
                                -0.18 * dir, hip - 0.22 * height);
                    }
                }
                double kx = Math.sin(ai) * leg * dir;
                double ky = hip - Math.cos(ai) * leg;
                double shin = ai < 0 ? ai * 1.9 : ai * 0.4;
                double fx = kx + Math.sin(shin) * leg * dir;
                double fy = Math.max(0.02, ky - Math.cos(shin) * leg);
                f.limb(bottom.scale(shade), lower, legW, 0, hip, kx, ky);
                f.limb(bottom.scale(shade), lower, legW * 0.9, kx, ky, fx, fy);
                f.limb(shoes.scale(shade), lower, legW * 0.8, fx - 0.02 * dir, fy, fx + 0.12 * dir, fy);
                double arm = -ai * 0.8;
                double ex = Math.sin(arm) * 0.17 * height * dir;
                double ey = sh - 0.02 - Math.cos(arm) * 0.17 * height;
                double hx = ex + Math.sin(arm + 0.35) * 0.15 * height * dir;
                double hy = ey - Math.cos(arm + 0.35) * 0.15 * height;
                f.limb(top.scale(shade * 0.92), upper, armW, 0, sh - 0.03, ex, ey);
                f.limb(skin.scale(shade), upper, armW * 0.8, ex, ey, hx, hy);
                if (pass == 0 && bag != null) {
                    f.quad(bag, upper, -0.22 * dir, hip + 0.15, -0.02 * dir, hip + 0.15, -0.02 * dir, hip - 0.12,
                            -0.22 * dir, hip - 0.12);
                }
            }
            f.limb(skin, upper, 0.06 * height / 1.75 * 1.3, 0, sh, 0.01 * dir, sh + 0.06);
            f.disc(skin, upper, 0.015 * dir, headY, headR);
            f.disc(hair, upper, -0.02 * dir, headY + headR * 0.25, headR * 0.92);
            f.disc(skin, null, 0.03 * dir, headY - headR * 0.1, headR * 0.75);
        } else {
            double lift = motion.moving() ? 0.06 * height / 1.75 : 0;
            double s = Math.sin(walk);
            double lfy = Math.max(0.02, lift * s);
            double rfy = Math.max(0.02, -lift * s);
            double spread = 0.085 * height / 1.75;
            f.limb(bottom, lower, legW, -spread, hip, -spread * 1.15, lfy);
            f.limb(bottom, lower, legW, spread, hip, spread * 1.15, rfy);
            f.limb(shoes, lower, legW * 0.9, -spread * 1.15, lfy, -spread * 1.15, Math.max(0, lfy - 0.03));
            f.limb(shoes, lower, legW * 0.9, spread * 1.15, rfy, spread * 1.15, Math.max(0, rfy - 0.03));
            double hw = build / 2;
            f.quad(top, upper, -0.8 * hw, hip - 0.03, 0.8 * hw, hip - 0.03, hw, sh, -hw, sh);
            if (skirt) {
                f.quad(bottom, lower, -0.85 * hw, hip, 0.85 * hw, hip, 1.05 * hw, hip - 0.2 * height, -1.05 * hw,
                        hip - 0.2 * height);
            }
            double swing = 0.05 * s * (motion.moving() ? 1 : 0);
            f.limb(top.scale(0.9), upper, armW, -hw + armW / 2, sh - 0.03, -hw - 0.03, hip + 0.05 * height + swing);
            f.limb(top.scale(0.9), upper, armW, hw - armW / 2, sh - 0.03, hw + 0.03, hip + 0.05 * height - swing);
            f.disc(skin, upper, -hw - 0.03, hip - 0.02 * height + swing, armW * 0.6);
            f.disc(skin, upper, hw + 0.03, hip - 0.02 * height - swing, armW * 0.6);
            if (bag != null) {
                f.quad(bag, upper, hw, hip + 0.12, hw + 0.12, hip + 0.12, hw + 0.12, hip - 0.12, hw, hip - 0.12);
            }
            f.limb(skin, upper, 0.07 * height / 1.75, 0, sh, 0, sh + 0.05);
            if (view == View.BACK) {
                f.disc(hair, upper, 0, headY, headR);
            } else {
                f.disc(skin, upper, 0, headY, headR);
                f.disc(hair, null, 0, headY + headR * 0.45, headR * 0.75);
                f.disc(skin, null, 0, headY - headR * 0.15, headR * 0.78);
            }
        }
        Bounds all = new Bounds();
        all.add(upper);
        all.add(lower);
        return new Silhouette(ObjectClass.PEDESTRIAN, all.extent(), List.of(upper.extent(), lower.extent()));
    }

    /** Draws body parts given in metres around the feet (x right, y up), shaded for the distance. */
    static final class Figure {
        private final Canvas canvas;
        private final double u0;
        private final double v0;
        private final double k;
        private final Lighting light;
        private final double z;

        Figure(Canvas canvas, double u0, double v0, double k, Lighting light, double z) {
            this.canvas = canvas;
            this.u0 = u0;
            this.v0 = v0;
            this.k = k;
            this.light = light;
            this.z = z;
        }

        /**
         * The figure of an actor at {@code motion}'s road position in the canvas's frame: feet on the road, metres
         * scaled by the focal length over the depth; null when it is nearer than 2.5 m or off the image.
         */
        static Figure standing(Canvas c, Motion motion) {
            FrameView fv = c.view();
            double t = fv.time();
            double z = motion.sAt(t) - fv.sEgo();
            if (z < 2.5) {
                return null;
            }
            ImagePoint base = c.road(motion.offsetAt(t), 0, z);
            if (base == null) {
                return null;
            }
            double k = c.camera().focalPx() / base.depth();
            return new Figure(c, base.u(), base.v(), k, fv.light(), z);
        }

        /** Pixels per metre at the figure's depth. */
        double k() {
            return k;
        }

        /** Depth of the figure (m). */
        double z() {
            return z;
        }

        double u(double x) {
            return u0 + x * k;
        }

        double v(double y) {
            return v0 - y * k;
        }

        Scalar colour(Bgr c) {
            return light.shade(c, z).scalar();
        }

        void limb(Bgr c, Bounds b, double width, double xa, double ya, double xb, double yb) {
            canvas.line(u(xa), v(ya), u(xb), v(yb), width * k, colour(c));
            if (b != null) {
                double pad = width * k / 2;
                b.add(u(xa), v(ya), pad);
                b.add(u(xb), v(yb), pad);
            }
        }

        void disc(Bgr c, Bounds b, double x, double y, double r) {
            canvas.disc(u(x), v(y), r * k, colour(c));
            if (b != null) {
                b.add(u(x), v(y), r * k);
            }
        }

        void quad(Bgr c, Bounds b, double xa, double ya, double xb, double yb, double xc, double yc, double xd,
                  double yd) {
            double[] us = {u(xa), u(xb), u(xc), u(xd)};
            double[] vs = {v(ya), v(yb), v(yc), v(yd)};
            canvas.fill(colour(c), us, vs, 4);
            if (b != null) {
                for (int i = 0; i < 4; i++) {
                    b.add(us[i], vs[i]);
                }
            }
        }
    }
}
