package dev.triage.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a random city street for a stretch of road: one- or two-way road with 2 or 4 lanes, parking lanes, curbs,
 * sidewalks, blocks of buildings, parked and moving vehicles, pedestrians (walking, standing, crossing at zebra
 * crossings, some behind parked cars), cyclists, lamp posts, signs and street trees.
 */
final class UrbanWorldGenerator {
    private static final Bgr[] WALLS = {Bgr.of(60, 80, 150), Bgr.of(150, 185, 205), Bgr.of(210, 215, 218),
        Bgr.of(150, 150, 150), Bgr.of(70, 90, 120), Bgr.of(120, 190, 220), Bgr.of(90, 90, 95), Bgr.of(190, 165, 135),
        Bgr.of(80, 110, 170), Bgr.of(175, 200, 215), Bgr.of(120, 130, 140)};
    private static final Bgr[] GLASS = {Bgr.of(70, 60, 50), Bgr.of(120, 90, 60), Bgr.of(85, 90, 70), Bgr.of(50, 45, 42)};
    private static final double CURB = 0.25;

    private UrbanWorldGenerator() {
    }

    /**
     * A street for ego positions {@code sFrom..sTo}, the ego passing {@code sFrom} at time {@code t0} at
     * {@code egoSpeed}.
     */
    static SceneWorld generate(SplittableRandom rng, double sFrom, double sTo, double t0, double egoSpeed) {
        double lw = rng.nextDouble(2.9, 3.4);
        double mw = rng.nextDouble(0.1, 0.15);
        double type = rng.nextDouble();
        LaneMarking edgeL = rng.nextDouble() < 0.35 ? LaneMarking.solid(LaneMarking.WHITE, mw) : LaneMarking.none();
        LaneMarking edgeR = rng.nextDouble() < 0.35 ? LaneMarking.solid(LaneMarking.WHITE, mw) : LaneMarking.none();
        LaneMarking dashed = LaneMarking.dashed(LaneMarking.WHITE, mw, rng.nextDouble(2.5, 3.5), rng.nextDouble(6, 9));
        int lanes;
        int ego;
        int oncoming;
        List<LaneMarking> marks = new ArrayList<>();
        if (type < 0.45) {
            lanes = 2;
            ego = 1;
            oncoming = 1;
            double c = rng.nextDouble();
            LaneMarking centre = c < 0.4 ? dashed : c < 0.75 ? LaneMarking.doubleSolid(LaneMarking.YELLOW, mw)
                    : c < 0.88 ? LaneMarking.dashed(LaneMarking.YELLOW, mw, 3, 9) : LaneMarking.solid(LaneMarking.WHITE, mw);
            marks.add(edgeL);
            marks.add(centre);
            marks.add(edgeR);
        } else if (type < 0.7) {
            lanes = 2;
            ego = rng.nextInt(2);
            oncoming = 0;
            marks.add(edgeL);
            marks.add(dashed);
            marks.add(edgeR);
        } else {
            lanes = 4;
            ego = 2 + rng.nextInt(2);
            oncoming = 2;
            marks.add(edgeL);
            marks.add(dashed);
            marks.add(rng.nextDouble() < 0.6 ? LaneMarking.doubleSolid(LaneMarking.YELLOW, mw)
                    : LaneMarking.solid(LaneMarking.WHITE, mw * 1.3));
            marks.add(dashed);
            marks.add(edgeR);
        }
        boolean parkL = rng.nextDouble() < 0.55;
        boolean parkR = rng.nextDouble() < 0.6;
        double shoulderL = parkL ? rng.nextDouble(2.1, 2.5) : rng.nextDouble(0.3, 0.7);
        double shoulderR = parkR ? rng.nextDouble(2.1, 2.5) : rng.nextDouble(0.3, 0.7);
        double g = rng.nextDouble(78, 112);
        Bgr asphalt = new Bgr(g + 3, g + 1, g);
        double pg = rng.nextDouble(140, 185);
        Bgr pavement = new Bgr(pg - rng.nextDouble(0, 15), pg - 3, pg);
        Bgr curb = Bgr.of(185, 188, 190).scale(rng.nextDouble(0.85, 1.05));
        RoadLayout tmp = new RoadLayout(lanes, lw, ego, marks, shoulderL, shoulderR, List.of(), 110);
        double roadL = tmp.roadLeft();
        double roadR = tmp.roadRight();
        List<GroundBand> bands = List.of(new GroundBand(-1e9, pavement, GroundBand.Surface.PAVEMENT),
                new GroundBand(roadL - CURB, curb, GroundBand.Surface.CURB),
                new GroundBand(roadL, asphalt, GroundBand.Surface.ASPHALT),
                new GroundBand(roadR, curb, GroundBand.Surface.CURB),
                new GroundBand(roadR + CURB, pavement, GroundBand.Surface.PAVEMENT));
        RoadLayout layout = new RoadLayout(lanes, lw, ego, marks, shoulderL, shoulderR, bands, 110);
        RoadMotion motion = RoadMotion.sample(rng, rng.nextDouble() < 0.5 ? 0.0004 : 0.0012, 0.012, 0.25);
        Backdrop backdrop = Backdrop.sample(rng, true);

        double sidewalkL = rng.nextDouble(2.5, 5.0);
        double sidewalkR = rng.nextDouble(2.5, 5.0);
        double duration = Math.max(0, (sTo - sFrom) / egoSpeed);
        List<Building> buildings = new ArrayList<>();
        addBuildings(rng, buildings, roadL - CURB - sidewalkL, -1, sFrom - 40, sTo + 160);
        addBuildings(rng, buildings, roadR + CURB + sidewalkR, 1, sFrom - 40, sTo + 160);

        List<Actor> actors = new ArrayList<>();
        double heavy = 0.06;
        // parked cars
        if (parkL) {
            addParked(rng, actors, roadL + 1.1, oncoming > 0, sFrom - 15, sTo + 130);
        }
        if (parkR) {
            addParked(rng, actors, roadR - 1.1, false, sFrom - 15, sTo + 130);
        }
        // moving traffic
        for (int i = 0; i < lanes; i++) {
            boolean against = i < oncoming;
            double density = rng.nextDouble(0.3, 1.0);
            if (against) {
                double s = sFrom + rng.nextDouble(0, 40);
                while (s < sTo + 130 + 12 * duration) {
                    double v = -rng.nextDouble(7, 12);
                    if (rng.nextDouble() < density) {
                        Motion m = new Motion(s - v * t0, tmp.laneCentre(i) + rng.nextDouble(-0.2, 0.2), v, 0, 0, 0);
                        actors.add(VehicleActor.random(rng, m, true, heavy));
                    }
                    s += rng.nextDouble(25, 70);
                }
            } else {
                double s = sFrom + (i == ego ? rng.nextDouble(18, 35) : rng.nextDouble(-10, 15));
                while (s < sFrom + 130) {
                    double v = egoSpeed * (i == ego ? rng.nextDouble(1.0, 1.1) : rng.nextDouble(0.97, 1.12));
                    if (rng.nextDouble() < density) {
                        Motion m = new Motion(s - v * t0, tmp.laneCentre(i) + rng.nextDouble(-0.2, 0.2), v, 0, 0, 0);
                        actors.add(VehicleActor.random(rng, m, false, i == ego ? 0 : heavy));
                    }
                    s += rng.nextDouble(14, 45);
                }
            }
        }
        // pedestrians on both sidewalks
        double busy = rng.nextDouble(0.5, 1.0);
        addWalkers(rng, actors, -(Math.abs(roadL) + CURB), -(Math.abs(roadL) + CURB + sidewalkL), sFrom - 20,
                sTo + 90, t0, busy);
        addWalkers(rng, actors, roadR + CURB, roadR + CURB + sidewalkR, sFrom - 20, sTo + 90, t0, busy);
        // crosswalks with people crossing
        List<Double> crosswalks = new ArrayList<>();
        for (double s = sFrom + rng.nextDouble(15, 70); s < sTo + 100; s += rng.nextDouble(60, 140)) {
            crosswalks.add(s);
            int n = rng.nextInt(4);
            for (int i = 0; i < n; i++) {
                double v = rng.nextDouble(1.0, 1.6) * (rng.nextBoolean() ? 1 : -1);
                Motion m = new Motion(s + rng.nextDouble(0.4, 3.0), rng.nextDouble(roadL - 1.5, roadR + 1.5), 0, v,
                        roadL - 2.5, roadR + 2.5);
                if (rng.nextDouble() < 0.12) {
                    actors.add(CyclistActor.random(rng, m, true, v > 0 ? 1 : -1));
                } else {
                    actors.add(PedestrianActor.random(rng, m, v > 0 ? PedestrianActor.View.RIGHT
                            : PedestrianActor.View.LEFT));
                }
            }
        }
        // cyclists riding along
        if (rng.nextDouble() < 0.65) {
            double off = tmp.boundaryOffset(lanes) - 0.7;
            for (double s = sFrom + rng.nextDouble(5, 40); s < sFrom + 130 + 6 * duration; s += rng.nextDouble(25, 80)) {
                double v = rng.nextDouble(4, 7);
                actors.add(CyclistActor.random(rng, new Motion(s - v * t0, off + rng.nextDouble(-0.2, 0.2), v, 0, 0, 0),
                        false, 1));
            }
        }
        if (oncoming > 0 && rng.nextDouble() < 0.4) {
            double off = tmp.boundaryOffset(0) + 0.7;
            for (double s = sFrom + rng.nextDouble(5, 40); s < sTo + 130 + 16 * duration; s += rng.nextDouble(40, 120)) {
                double v = -rng.nextDouble(4, 7);
                actors.add(CyclistActor.random(rng, new Motion(s - v * t0, off, v, 0, 0, 0), false, 1));
            }
        }
        // street furniture
        Bgr poleColour = rng.nextDouble() < 0.5 ? Bgr.of(60, 62, 60) : Bgr.of(140, 140, 135);
        for (int side = -1; side <= 1; side += 2) {
            double curbOut = side < 0 ? roadL - CURB - 0.45 : roadR + CURB + 0.45;
            for (double s = sFrom - 10 + rng.nextDouble(0, 20); s < sTo + 120; s += rng.nextDouble(18, 32)) {
                actors.add(new PropActor(Motion.fixed(s, curbOut), PropActor.Kind.LAMP, poleColour, null));
                if (rng.nextDouble() < 0.3) {
                    actors.add(new PropActor(Motion.fixed(s + rng.nextDouble(5, 12), curbOut), PropActor.Kind.SIGN,
                            Bgr.of(120, 120, 120), null));
                }
            }
            if (rng.nextDouble() < 0.4) {
                double treeOff = side < 0 ? roadL - CURB - 0.9 : roadR + CURB + 0.9;
                for (double s = sFrom - 10 + rng.nextDouble(0, 10); s < sTo + 120; s += rng.nextDouble(8, 15)) {
                    Tree t = Tree.random(rng, s, treeOff, false);
                    actors.add(new PropActor(Motion.fixed(s, treeOff), PropActor.Kind.TREE, Bgr.of(0, 0, 0),
                            new Tree(s, treeOff, Math.max(2.6, t.trunk()), Math.min(2.2, t.crown()), t.leaves(),
                                    false, t.id())));
                }
            }
        }
        return new SceneWorld(Scene.URBAN, layout, motion, backdrop, buildings, List.of(), Roadside.none(), actors,
                crosswalks, egoSpeed);
    }

    private static void addBuildings(SplittableRandom rng, List<Building> out, double facade, int side, double from,
                                     double to) {
        double s = from - rng.nextDouble(0, 10);
        while (s < to) {
            double len = rng.nextDouble(8, 28);
            boolean tall = rng.nextDouble() < 0.55;
            double h = tall ? rng.nextDouble(12, 30) : rng.nextDouble(7, 12);
            Bgr wall = PedestrianActor.pick(rng, WALLS);
            Bgr trim = rng.nextDouble() < 0.5 ? wall.scale(1.15) : Bgr.of(215, 218, 220);
            out.add(new Building(s, len, h, facade + side * rng.nextDouble(0, 0.8), 14, wall,
                    PedestrianActor.pick(rng, GLASS), trim, rng.nextDouble(3.0, 3.6), rng.nextDouble(2.2, 3.6),
                    rng.nextDouble(0.4, 0.65), rng.nextDouble(0.45, 0.65), rng.nextDouble() < 0.45, rng.nextLong()));
            s += len;
            if (rng.nextDouble() < 0.2) {
                s += rng.nextDouble(2, 8);
            }
        }
    }

    private static void addParked(SplittableRandom rng, List<Actor> out, double offset, boolean facingUs, double from,
                                  double to) {
        for (double s = from + rng.nextDouble(0, 5); s < to; s += rng.nextDouble(5.3, 8.5)) {
            if (rng.nextDouble() < 0.72) {
                out.add(VehicleActor.random(rng, Motion.fixed(s, offset + rng.nextDouble(-0.15, 0.15)), facingUs, 0.03));
            }
        }
    }

    private static void addWalkers(SplittableRandom rng, List<Actor> out, double inner, double outer, double from,
                                   double to, double t0, double busy) {
        double lo = Math.min(inner, outer);
        double hi = Math.max(inner, outer);
        boolean leftSide = inner < 0;
        for (double s = from + rng.nextDouble(0, 5); s < to; s += rng.nextDouble(2.5, 9) / busy) {
            double off;
            double r = rng.nextDouble();
            if (r < 0.3) {
                off = leftSide ? hi - rng.nextDouble(0.3, 0.8) : lo + rng.nextDouble(0.3, 0.8);
            } else if (r < 0.34) {
                off = leftSide ? hi + rng.nextDouble(0.5, 1.5) : lo - rng.nextDouble(0.5, 1.5);
            } else {
                off = rng.nextDouble(lo + 0.3, Math.max(lo + 0.35, hi - 0.4));
            }
            if (rng.nextDouble() < 0.7) {
                double v = rng.nextDouble(0.9, 1.6) * (rng.nextBoolean() ? 1 : -1);
                Motion m = new Motion(s - v * t0, off, v, 0, 0, 0);
                out.add(PedestrianActor.random(rng, m, v > 0 ? PedestrianActor.View.BACK : PedestrianActor.View.FRONT));
            } else {
                PedestrianActor.View view = PedestrianActor.View.values()[rng.nextInt(4)];
                out.add(PedestrianActor.random(rng, Motion.fixed(s, off), view));
            }
        }
    }
}
