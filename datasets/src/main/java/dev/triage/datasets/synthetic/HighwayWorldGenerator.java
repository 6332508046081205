package dev.triage.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a random open road for a stretch of highway: 2 to 4 lanes with dashed lane lines and solid (sometimes
 * yellow) edge lines, shoulders, gravel and grass verges, guard rails or a concrete median, trees and bushes, and
 * traffic in every lane. No pedestrians.
 */
final class HighwayWorldGenerator {

    private HighwayWorldGenerator() {
    }

    /** A highway for ego positions {@code sFrom..sTo}, passing {@code sFrom} at time {@code t0}. */
    static SceneWorld generate(SplittableRandom rng, double sFrom, double sTo, double t0, double egoSpeed) {
        double r = rng.nextDouble();
        int lanes = r < 0.35 ? 2 : r < 0.75 ? 3 : 4;
        int ego = rng.nextInt(lanes);
        double lw = rng.nextDouble(3.4, 3.8);
        double mw = rng.nextDouble(0.12, 0.2);
        List<LaneMarking> marks = new ArrayList<>();
        marks.add(LaneMarking.solid(rng.nextDouble() < 0.35 ? LaneMarking.YELLOW : LaneMarking.WHITE, mw));
        LaneMarking dashed = LaneMarking.dashed(LaneMarking.WHITE, mw, rng.nextDouble(3, 4.5), rng.nextDouble(10, 13.5));
        for (int k = 1; k < lanes; k++) {
            marks.add(dashed);
        }
        marks.add(LaneMarking.solid(LaneMarking.WHITE, mw));
        double shoulderR = rng.nextDouble(1.5, 3.2);
        double shoulderL = rng.nextDouble(0.5, 1.5);
        double g = rng.nextDouble(70, 105);
        Bgr asphalt = new Bgr(g + 4, g + 2, g);
        Bgr grass = new Bgr(rng.nextDouble(40, 75), rng.nextDouble(95, 135), rng.nextDouble(70, 115));
        Bgr gravel = new Bgr(rng.nextDouble(120, 145), rng.nextDouble(132, 150), rng.nextDouble(140, 155));
        RoadLayout tmp = new RoadLayout(lanes, lw, ego, marks, shoulderL, shoulderR, List.of(), 160);
        double roadL = tmp.roadLeft();
        double roadR = tmp.roadRight();
        List<GroundBand> bands = List.of(new GroundBand(-1e9, grass, GroundBand.Surface.GRASS),
                new GroundBand(roadL - 0.8, gravel, GroundBand.Surface.GRAVEL),
                new GroundBand(roadL, asphalt, GroundBand.Surface.ASPHALT),
                new GroundBand(roadR, gravel, GroundBand.Surface.GRAVEL),
                new GroundBand(roadR + 0.8, grass, GroundBand.Surface.GRASS));
        RoadLayout layout = new RoadLayout(lanes, lw, ego, marks, shoulderL, shoulderR, bands, 160);
        RoadMotion motion = RoadMotion.sample(rng, 0.0022, 0.01, 0.35);
        Backdrop backdrop = Backdrop.sample(rng, false);
        double lb = rng.nextDouble();
        Roadside roadside = new Roadside(rng.nextDouble() < 0.7, roadR + 0.5,
                lb < 0.45 ? Roadside.Barrier.CONCRETE : lb < 0.75 ? Roadside.Barrier.RAIL : Roadside.Barrier.NONE,
                roadL - 0.35);

        List<Tree> trees = new ArrayList<>();
        double forest = rng.nextDouble(0.2, 1.0);
        for (int side = -1; side <= 1; side += 2) {
            double edge = side < 0 ? roadL - 4 : roadR + 4;
            for (double s = sFrom - 30 + rng.nextDouble(0, 10); s < sTo + 200; s += rng.nextDouble(3, 18) / forest) {
                trees.add(Tree.random(rng, s, edge + side * rng.nextDouble(0, 30), true));
            }
        }

        List<Actor> actors = new ArrayList<>();
        double heavy = 0.2;
        for (int i = 0; i < lanes; i++) {
            double density = rng.nextDouble(0.35, 1.0);
            double s = sFrom + (i == ego ? rng.nextDouble(15, 40) : rng.nextDouble(-30, 20));
            while (s < sFrom + 200) {
                double v = egoSpeed + (i == ego ? rng.nextDouble(0, 3) : rng.nextDouble(-3, 3));
                if (rng.nextDouble() < density) {
                    Motion m = new Motion(s - v * t0, tmp.laneCentre(i) + rng.nextDouble(-0.25, 0.25), v, 0, 0, 0);
                    actors.add(VehicleActor.random(rng, m, false, heavy));
                }
                s += rng.nextDouble(22, 90);
            }
        }
        return new SceneWorld(Scene.HIGHWAY, layout, motion, backdrop, List.of(), trees, roadside, actors, List.of(),
                egoSpeed);
    }
}
