package dev.triage.datasets.synthetic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Draws roadside trees far to near, then guard rails with posts and concrete median barriers. */
final class HighwaySceneRenderer implements SceneryRenderer {
    private static final Bgr STEEL = Bgr.of(170, 172, 168);
    private static final Bgr CONCRETE = Bgr.of(165, 172, 176);

    @Override
    public void drawScenery(Canvas c, SceneWorld world) {
        FrameView fv = c.view();
        List<Tree> visible = new ArrayList<>();
        double far = Math.min(world.layout().drawDistance() + 40, c.ground().visibleTo());
        for (Tree t : world.trees()) {
            double z = t.s() - fv.sEgo();
            if (z > 2 && z < far && Seeds.hash01(t.id(), 5) >= fv.thinning()) {
                visible.add(t);
            }
        }
        visible.sort(Comparator.comparingDouble(Tree::s).reversed());
        for (Tree t : visible) {
            t.draw(c);
        }
        Roadside rs = world.roadside();
        double dd = world.layout().drawDistance();
        if (rs.rightRail()) {
            rail(c, rs.rightOffset(), dd);
        }
        switch (rs.left()) {
            case RAIL -> rail(c, rs.leftOffset(), dd);
            case CONCRETE -> {
                double o = rs.leftOffset();
                c.roadStrip(o, 0, o, 0.82, 1, dd, 28, CONCRETE);
                c.roadStrip(o, 0.82, o - 0.25, 0.82, 1, dd, 20, CONCRETE.scale(1.12));
            }
            default -> {
            }
        }
    }

    private static void rail(Canvas c, double o, double dd) {
        FrameView fv = c.view();
        double first = Math.ceil((fv.sEgo() + 1.5) / 4) * 4;
        double last = fv.sEgo() + Math.min(Math.min(90, dd), c.ground().visibleTo());
        for (double s = last; s >= first; s -= 4) {
            double z = s - fv.sEgo();
            ImagePoint a = c.road(o, 0, z);
            ImagePoint b = c.road(o, 0.72, z);
            if (a != null && b != null) {
                c.line(a.u(), a.v(), b.u(), b.v(), 0.12 * c.camera().focalPx() / a.depth(),
                        fv.light().shade(Bgr.of(90, 95, 100), z).scalar());
            }
        }
        c.roadStrip(o, 0.5, o, 0.8, 1, dd, 28, STEEL);
        c.roadStrip(o, 0.5, o, 0.56, 1, dd, 20, STEEL.scale(0.55));
    }
}
