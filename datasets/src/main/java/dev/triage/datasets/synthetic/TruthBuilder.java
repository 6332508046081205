package dev.triage.datasets.synthetic;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the silhouettes of one frame, in drawing order (far to near), into labelled boxes and ignore regions.
 * Occlusion is measured by sampling each object's own parts on a grid and testing them against the parts of every
 * object drawn after it. Boxes are the visible extents clipped to the image.
 */
final class TruthBuilder {
    /** Share hidden by nearer objects above which an object is only an ignore region. */
    static final double MAX_OCCLUSION = 0.7;
    /** Objects smaller than this (visible height, pixels) are only ignore regions. */
    static final double MIN_HEIGHT = 6;
    private static final int GX = 12;
    private static final int GY = 24;

    private final int width;
    private final int height;

    TruthBuilder(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** Labelled boxes and ignore regions. */
    record Labels(List<Detection> objects, List<BoundingBox> ignore) {
    }

    Labels build(List<Silhouette> drawn) {
        List<Detection> objects = new ArrayList<>();
        List<BoundingBox> ignore = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            Silhouette s = drawn.get(i);
            if (s.label() == null) {
                continue;
            }
            Extent full = s.full();
            if (full.x2() <= 0 || full.y2() <= 0 || full.x1() >= width || full.y1() >= height) {
                continue;
            }
            double cw = (full.x2() - full.x1()) / GX;
            double ch = (full.y2() - full.y1()) / GY;
            int own = 0;
            int visible = 0;
            Bounds vis = new Bounds();
            for (int gy = 0; gy < GY; gy++) {
                double v = full.y1() + (gy + 0.5) * ch;
                if (v < 0 || v >= height) {
                    continue;
                }
                for (int gx = 0; gx < GX; gx++) {
                    double u = full.x1() + (gx + 0.5) * cw;
                    if (u < 0 || u >= width || !s.covers(u, v)) {
                        continue;
                    }
                    own++;
                    if (!coveredLater(drawn, i, u, v)) {
                        visible++;
                        vis.add(u - cw / 2, v - ch / 2);
                        vis.add(u + cw / 2, v + ch / 2);
                    }
                }
            }
            if (own == 0 || visible == 0) {
                continue;
            }
            BoundingBox clipped = new BoundingBox(full.x1(), full.y1(), full.x2(), full.y2()).clippedTo(width, height);
            BoundingBox box = clipped;
            if (visible < own) {
                double x1 = Math.max(clipped.x1(), vis.x1);
                double y1 = Math.max(clipped.y1(), vis.y1);
                double x2 = Math.min(clipped.x2(), vis.x2);
                double y2 = Math.min(clipped.y2(), vis.y2);
                if (x2 > x1 && y2 > y1) {
                    box = new BoundingBox(x1, y1, x2, y2);
                }
            }
            double occlusion = 1 - (double) visible / own;
            if (occlusion > MAX_OCCLUSION || box.height() < MIN_HEIGHT || box.width() < 2) {
                ignore.add(round(clipped));
            } else {
                objects.add(new Detection(s.label(), 1.0, round(box)));
            }
        }
        return new Labels(objects, ignore);
    }

    private static boolean coveredLater(List<Silhouette> drawn, int i, double u, double v) {
        for (int j = i + 1; j < drawn.size(); j++) {
            if (drawn.get(j).covers(u, v)) {
                return true;
            }
        }
        return false;
    }

    private static BoundingBox round(BoundingBox b) {
        return new BoundingBox(r(b.x1()), r(b.y1()), Math.max(r(b.x1()), r(b.x2())), Math.max(r(b.y1()), r(b.y2())));
    }

    private static double r(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
