package dev.triage.datasets.synthetic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Scalar;

/** Draws street blocks far to near: end walls, facades, window grids, shop fronts and cornices. */
final class UrbanSceneRenderer implements SceneryRenderer {
    private static final double NEAR = 1.2;
    private static final double MIN_FLOOR_PX = 3.5;

    @Override
    public void drawScenery(Canvas c, SceneWorld world) {
        FrameView fv = c.view();
        double far = Math.min(world.layout().drawDistance() + 40, c.ground().visibleTo());
        List<Building> visible = new ArrayList<>();
        for (Building b : world.buildings()) {
            double z1 = b.s0() - fv.sEgo();
            if (z1 + b.length() > NEAR && z1 < far && Seeds.hash01(b.id(), 5) >= fv.thinning()) {
                visible.add(b);
            }
        }
        visible.sort(Comparator.comparingDouble(Building::s0).reversed());
        for (Building b : visible) {
            draw(c, b);
        }
    }

    private void draw(Canvas c, Building b) {
        FrameView fv = c.view();
        Lighting light = fv.light();
        double z1 = b.s0() - fv.sEgo();
        double z2 = Math.min(z1 + b.length(), c.ground().visibleTo());
        double zn = Math.max(z1, NEAR);
        double f = b.facade();
        double out = f + (b.left() ? -b.depth() : b.depth());
        double h = b.height();
        Bgr wall = b.wall().scale(b.left() ? 0.84 : 1.0);
        if (z1 >= NEAR) {
            c.fill(light.shade(b.wall().scale(0.68), z1).scalar(), c.road(f, 0, z1), c.road(out, 0, z1),
                    c.road(out, h, z1), c.road(f, h, z1));
        }
        int pieces = (int) Math.max(1, Math.ceil((z2 - zn) / 8));
        band(c, f, 0, h, zn, z2, pieces, wall);
        double focal = c.camera().focalPx();
        double zLimit = Math.min(z2, b.floorH() * focal / MIN_FLOOR_PX);
        if (zLimit > zn) {
            int floors = (int) Math.floor((h - 0.8) / b.floorH());
            double wb = b.floorH() * (1 - b.windowH()) * 0.6;
            double wh = b.floorH() * b.windowH();
            Bgr glass = b.glass().mix(light.skyHorizon(), 0.28);
            if (light.dusk() > 0.3 && Seeds.hash01(b.id(), 9) < 0.6) {
                glass = Bgr.of(90, 175, 235).scale(0.9 / Math.max(0.4, light.brightness()));
            }
            if (floors >= 2) {
                double y0 = b.floorH() + wb;
                double y1 = (floors - 1) * b.floorH() + wb + wh;
                int bays = (int) Math.floor(b.length() / b.bayW());
                double margin = (b.length() - bays * b.bayW()) / 2;
                for (int j = 0; j < bays; j++) {
                    double wz0 = z1 + margin + j * b.bayW() + b.bayW() * (1 - b.windowW()) / 2;
                    double wz1 = wz0 + b.bayW() * b.windowW();
                    if (wz1 <= zn || wz0 >= zLimit) {
                        continue;
                    }
                    wz0 = Math.max(wz0, zn);
                    Scalar g = light.shade(glass.scale(0.9 + 0.2 * Seeds.hash01(b.id(), j)), wz0).scalar();
                    c.fill(g, c.road(f, y0, wz0), c.road(f, y1, wz0), c.road(f, y1, wz1), c.road(f, y0, wz1));
                }
                int wp = (int) Math.max(1, Math.ceil((zLimit - zn) / 8));
                for (int i = 1; i < floors - 1; i++) {
                    band(c, f, i * b.floorH() + wb + wh, (i + 1) * b.floorH() + wb, zn, zLimit, wp, wall);
                }
            }
            if (b.shop()) {
                band(c, f, 0.35, 2.9, zn, zLimit, (int) Math.max(1, Math.ceil((zLimit - zn) / 8)),
                        Bgr.of(55, 50, 45).mix(light.skyHorizon(), 0.2));
                for (double pz = z1 + 0.3; pz < zLimit; pz += 4.5) {
                    if (pz + 0.6 > zn) {
                        double a = Math.max(pz, zn);
                        c.fill(light.shade(wall.scale(0.92), a).scalar(), c.road(f, 0, a), c.road(f, 3.1, a),
                                c.road(f, 3.1, pz + 0.6), c.road(f, 0, pz + 0.6));
                    }
                }
                band(c, f, 2.9, 3.3, zn, zLimit, (int) Math.max(1, Math.ceil((zLimit - zn) / 8)), b.trim());
            } else {
                for (double dz = z1 + 1.2; dz < zLimit; dz += 9) {
                    if (dz > zn) {
                        c.fill(light.shade(Bgr.of(40, 45, 55), dz).scalar(), c.road(f, 0, dz), c.road(f, 2.3, dz),
                                c.road(f, 2.3, dz + 1.2), c.road(f, 0, dz + 1.2));
                    }
                }
            }
        }
        band(c, f, h - 0.5, h, zn, z2, pieces, b.trim());
    }

    private static void band(Canvas c, double f, double y0, double y1, double za, double zb, int pieces, Bgr colour) {
        FrameView fv = c.view();
        double step = (zb - za) / pieces;
        for (int p = 0; p < pieces; p++) {
            double a = za + p * step;
            double e = p == pieces - 1 ? zb : a + step * 1.02;
            c.fill(fv.light().shade(colour, a).scalar(), c.road(f, y0, a), c.road(f, y1, a), c.road(f, y1, e),
                    c.road(f, y0, e));
        }
    }
}
