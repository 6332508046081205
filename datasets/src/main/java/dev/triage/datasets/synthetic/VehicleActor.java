package dev.triage.datasets.synthetic;

import dev.triage.perception.core.ObjectClass;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A car, van, truck or bus, drawn as shaded 3D boxes (body, cabin, cargo, wheels) aligned with the road, with a
 * ground shadow, lights, windows and a number plate.
 *
 * @param motion   centre position and speed
 * @param kind     body type
 * @param length   metres
 * @param width    metres
 * @param height   metres
 * @param paint    body colour
 * @param facingUs true for oncoming traffic (the front faces the camera)
 */
record VehicleActor(Motion motion, Kind kind, double length, double width, double height, Bgr paint,
                    boolean facingUs) implements Actor {

    /** Body types. */
    enum Kind { CAR, VAN, TRUCK, BUS }

    private static final Bgr[] PAINTS = {Bgr.of(235, 235, 235), Bgr.of(228, 230, 232), Bgr.of(25, 25, 28),
        Bgr.of(30, 30, 30), Bgr.of(175, 175, 170), Bgr.of(160, 160, 158), Bgr.of(110, 110, 108), Bgr.of(90, 45, 25),
        Bgr.of(35, 35, 165), Bgr.of(150, 85, 35), Bgr.of(150, 175, 190), Bgr.of(40, 70, 40), Bgr.of(30, 120, 200)};

    /**
     * A random vehicle.
     *
     * @param heavy share of trucks and buses
     */
    static VehicleActor random(SplittableRandom rng, Motion motion, boolean facingUs, double heavy) {
        double r = rng.nextDouble();
        Bgr paint = PedestrianActor.pick(rng, PAINTS);
        if (!facingUs && r < heavy * 0.8) {
            return new VehicleActor(motion, Kind.TRUCK, rng.nextDouble(9, 14), 2.5, rng.nextDouble(3.4, 4.0),
                    rng.nextDouble() < 0.6 ? Bgr.of(225, 225, 225).scale(rng.nextDouble(0.75, 1.05)) : paint, false);
        } else if (!facingUs && r < heavy) {
            return new VehicleActor(motion, Kind.BUS, rng.nextDouble(10, 12.5), 2.5, rng.nextDouble(3.0, 3.3), paint,
                    false);
        } else if (r < heavy + 0.12) {
            return new VehicleActor(motion, Kind.VAN, rng.nextDouble(4.8, 5.6), rng.nextDouble(1.9, 2.05),
                    rng.nextDouble(1.9, 2.3), paint, facingUs);
        }
        return new VehicleActor(motion, Kind.CAR, rng.nextDouble(3.8, 4.9), rng.nextDouble(1.68, 1.9),
                rng.nextDouble() < 0.25 ? rng.nextDouble(1.6, 1.75) : rng.nextDouble(1.38, 1.52), paint, facingUs);
    }

    @Override
    public double halfLength() {
        return length / 2;
    }

    @Override
    public Silhouette draw(Canvas c) {
        FrameView fv = c.view();
        double t = fv.time();
        double zc = motion.sAt(t) - fv.sEgo();
        if (zc - length / 2 < 1.5) {
            return null;
        }
        double off = motion.offsetAt(t);
        Body b = new Body(c, fv.road().worldX(off, zc), zc, fv.road().yawAt(zc), fv.light());
        double hx = width / 2;
        double lz0 = -length / 2;
        double lz1 = length / 2;
        b.ground(Bgr.of(18, 18, 20), -hx - 0.1, hx + 0.1, lz0 - 0.15, lz1 + 0.1);
        Bounds lower = new Bounds();
        Bounds upper = new Bounds();
        Bgr tyre = Bgr.of(22, 22, 24);
        double wr = kind == Kind.CAR ? 0.32 : 0.5;
        double wheelIn = kind == Kind.CAR || kind == Kind.VAN ? 0.25 : 0.3;
        for (double axle : new double[] {lz0 + (kind == Kind.BUS ? 2.6 : 0.85), lz1 - (kind == Kind.CAR ? 0.85 : 1.3)}) {
            lower.add(b.box(-hx + 0.04, -hx + wheelIn, 0, 2 * wr, axle - wr, axle + wr, tyre, tyre, tyre));
            lower.add(b.box(hx - wheelIn, hx - 0.04, 0, 2 * wr, axle - wr, axle + wr, tyre, tyre, tyre));
        }
        Bgr glass = Bgr.of(62, 52, 46).mix(fv.light().skyHorizon(), 0.22);
        boolean dusk = fv.light().dusk() > 0.3;
        Bgr tail = dusk ? Bgr.of(70, 70, 255).scale(1 / Math.max(0.3, fv.light().brightness())) : Bgr.of(35, 35, 175);
        Bgr head = Bgr.of(215, 230, 240).scale(dusk ? 1 / Math.max(0.3, fv.light().brightness()) : 1);
        double zf = lz0 - 0.01;
        switch (kind) {
            case CAR -> {
                double bodyTop = 0.95 + (height - 1.45) * 0.4;
                lower.add(b.box(-hx, hx, 0.28, bodyTop, lz0, lz1, paint.scale(0.88), paint.scale(0.74),
                        paint.scale(1.05)));
                double cz0 = facingUs ? lz0 + 1.2 : lz0 + 0.55;
                double cz1 = facingUs ? lz1 - 0.55 : lz1 - 1.2;
                upper.add(b.box(-hx + 0.12, hx - 0.12, bodyTop, height, cz0, cz1, glass, glass.mix(paint, 0.15),
                        paint.scale(1.02)));
                b.panel(paint.scale(0.8), -hx + 0.12, hx - 0.12, height - 0.06, height, cz0 - 0.01);
                b.panel(Bgr.of(38, 38, 40), -hx, hx, 0.28, 0.42, zf);
                if (facingUs) {
                    b.panel(head, -hx + 0.08, -hx + 0.42, bodyTop - 0.28, bodyTop - 0.12, zf);
                    b.panel(head, hx - 0.42, hx - 0.08, bodyTop - 0.28, bodyTop - 0.12, zf);
                    b.panel(Bgr.of(30, 30, 32), -0.4, 0.4, bodyTop - 0.3, bodyTop - 0.12, zf);
                } else {
                    b.panel(tail, -hx + 0.05, -hx + 0.38, bodyTop - 0.25, bodyTop - 0.08, zf);
                    b.panel(tail, hx - 0.38, hx - 0.05, bodyTop - 0.25, bodyTop - 0.08, zf);
                }
                b.panel(Bgr.of(205, 205, 200), -0.26, 0.26, 0.44, 0.56, zf);
            }
            case VAN -> {
                lower.add(b.box(-hx, hx, 0.3, height, lz0, lz1, paint.scale(0.88), paint.scale(0.74),
                        paint.scale(1.05)));
                b.panel(Bgr.of(38, 38, 40), -hx, hx, 0.3, 0.45, zf);
                if (facingUs) {
                    b.panel(glass, -hx + 0.1, hx - 0.1, 1.15, height - 0.12, zf);
                    b.panel(head, -hx + 0.08, -hx + 0.4, 0.75, 0.9, zf);
                    b.panel(head, hx - 0.4, hx - 0.08, 0.75, 0.9, zf);
                } else {
                    b.panel(glass, -hx + 0.12, -0.04, height - 0.75, height - 0.2, zf);
                    b.panel(glass, 0.04, hx - 0.12, height - 0.75, height - 0.2, zf);
                    b.panel(tail, -hx + 0.03, -hx + 0.2, 0.6, 1.1, zf);
                    b.panel(tail, hx - 0.2, hx - 0.03, 0.6, 1.1, zf);
                }
                b.side(glass, hx, 1.2, height - 0.2, facingUs ? lz0 + 0.3 : lz1 - 1.9, facingUs ? lz0 + 1.6 : lz1 - 0.6);
                b.panel(Bgr.of(205, 205, 200), -0.26, 0.26, 0.48, 0.6, zf);
            }
            case TRUCK -> {
                Bgr cab = Bgr.of(200, 200, 200).scale(0.6).mix(paint, 0.6);
                lower.add(b.box(-1.2, 1.2, 0.55, 2.9, lz1 - 2.3, lz1, cab.scale(0.88), cab.scale(0.74), cab));
                lower.add(b.box(-0.9, 0.9, 0.45, 1.05, lz0 + 0.3, lz1 - 2.3, Bgr.of(30, 30, 30), Bgr.of(28, 28, 28),
                        Bgr.of(30, 30, 30)));
                upper.add(b.box(-hx, hx, 1.05, height, lz0, lz1 - 2.4, paint.scale(0.9), paint.scale(0.78),
                        paint.scale(1.02)));
                b.panel(paint.scale(0.6), -0.02, 0.02, 1.1, height - 0.05, zf);
                b.panel(paint.scale(0.7), -hx + 0.05, hx - 0.05, 1.05, 1.12, zf);
                b.panel(Bgr.of(30, 30, 30), -hx + 0.2, hx - 0.2, 0.45, 0.6, lz0 + 0.2);
                b.panel(tail, -hx + 0.1, -hx + 0.45, 0.75, 0.92, lz0 + 0.25);
                b.panel(tail, hx - 0.45, hx - 0.1, 0.75, 0.92, lz0 + 0.25);
            }
            case BUS -> {
                lower.add(b.box(-hx, hx, 0.3, height, lz0, lz1, paint.scale(0.88), paint.scale(0.74),
                        paint.scale(1.05)));
                b.side(glass, hx, 1.25, height - 0.45, lz0 + 0.8, lz1 - 0.5);
                b.panel(glass, -hx + 0.15, hx - 0.15, height - 1.0, height - 0.3, zf);
                b.panel(Bgr.of(38, 38, 40), -hx, hx, 0.3, 0.5, zf);
                b.panel(tail, -hx + 0.05, -hx + 0.3, 0.6, 1.3, zf);
                b.panel(tail, hx - 0.3, hx - 0.05, 0.6, 1.3, zf);
                b.panel(Bgr.of(205, 205, 200), -0.26, 0.26, 0.55, 0.67, zf);
            }
            default -> throw new IllegalStateException();
        }
        Bounds all = new Bounds();
        all.add(lower);
        all.add(upper);
        if (all.isEmpty()) {
            return null;
        }
        return new Silhouette(ObjectClass.VEHICLE, all.extent(),
                upper.isEmpty() ? List.of(lower.extent()) : List.of(lower.extent(), upper.extent()));
    }

    /** Draws faces of boxes given in the vehicle's own frame (x right, y up, z along the road). */
    private static final class Body {
        private final Canvas c;
        private final double cx;
        private final double cz;
        private final double cos;
        private final double sin;
        private final Lighting light;

        Body(Canvas c, double cx, double cz, double yaw, Lighting light) {
            this.c = c;
            this.cx = cx;
            this.cz = cz;
            this.cos = Math.cos(yaw);
            this.sin = Math.sin(yaw);
            this.light = light;
        }

        private double wx(double lx, double lz) {
            return cx + lx * cos + lz * sin;
        }

        private double wz(double lx, double lz) {
            return cz - lx * sin + lz * cos;
        }

        ImagePoint pt(double lx, double ly, double lz) {
            return c.world(wx(lx, lz), ly, wz(lx, lz));
        }

        org.opencv.core.Scalar col(Bgr base) {
            return light.shade(base, cz).scalar();
        }

        void ground(Bgr colour, double lx0, double lx1, double lz0, double lz1) {
            c.fill(col(colour), pt(lx0, 0.01, lz0), pt(lx1, 0.01, lz0), pt(lx1, 0.01, lz1), pt(lx0, 0.01, lz1));
        }

        Bounds box(double lx0, double lx1, double ly0, double ly1, double lz0, double lz1, Bgr near, Bgr side,
                   Bgr top) {
            Bounds bb = new Bounds();
            ImagePoint n00 = pt(lx0, ly0, lz0);
            ImagePoint n10 = pt(lx1, ly0, lz0);
            ImagePoint n11 = pt(lx1, ly1, lz0);
            ImagePoint n01 = pt(lx0, ly1, lz0);
            ImagePoint f00 = pt(lx0, ly0, lz1);
            ImagePoint f10 = pt(lx1, ly0, lz1);
            ImagePoint f11 = pt(lx1, ly1, lz1);
            ImagePoint f01 = pt(lx0, ly1, lz1);
            double mz = (lz0 + lz1) / 2;
            double leftX = wx(lx0, mz);
            double leftZ = wz(lx0, mz);
            double rightX = wx(lx1, mz);
            double rightZ = wz(lx1, mz);
            if (-leftX * -cos + -leftZ * sin > 0) {
                c.fill(col(side), n00, n01, f01, f00);
                bb.add(f00);
                bb.add(f01);
            }
            if (-rightX * cos + -rightZ * -sin > 0) {
                c.fill(col(side), n10, n11, f11, f10);
                bb.add(f10);
                bb.add(f11);
            }
            if (ly1 < c.camera().heightM()) {
                c.fill(col(top), n01, n11, f11, f01);
                bb.add(f01);
                bb.add(f11);
            }
            c.fill(col(near), n00, n10, n11, n01);
            bb.add(n00);
            bb.add(n10);
            bb.add(n11);
            bb.add(n01);
            return bb;
        }

        /** A rectangle in the plane {@code lz} (a detail on the face towards the camera). */
        void panel(Bgr colour, double lx0, double lx1, double ly0, double ly1, double lz) {
            c.fill(col(colour), pt(lx0, ly0, lz), pt(lx1, ly0, lz), pt(lx1, ly1, lz), pt(lx0, ly1, lz));
        }

        /** A rectangle on whichever long side faces the camera (side windows). */
        void side(Bgr colour, double halfWidth, double ly0, double ly1, double lz0, double lz1) {
            double mz = (lz0 + lz1) / 2;
            double hx;
            if (-wx(-halfWidth, mz) * -cos + -wz(-halfWidth, mz) * sin > 0.05) {
                hx = -halfWidth - 0.01;
            } else if (-wx(halfWidth, mz) * cos + -wz(halfWidth, mz) * -sin > 0.05) {
                hx = halfWidth + 0.01;
            } else {
                return;
            }
            c.fill(col(colour), pt(hx, ly0, lz0), pt(hx, ly1, lz0), pt(hx, ly1, lz1), pt(hx, ly0, lz1));
        }
    }
}
