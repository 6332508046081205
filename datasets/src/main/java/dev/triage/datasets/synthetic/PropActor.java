package dev.triage.datasets.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * Unlabelled street furniture on the sidewalk that can hide people: lamp posts, sign posts, street trees.
 *
 * @param motion position (props do not move)
 * @param kind   what it is
 * @param colour pole or sign colour
 * @param tree   the tree, for {@link Kind#TREE}
 */
record PropActor(Motion motion, Kind kind, Bgr colour, Tree tree) implements Actor {

    /** Kinds of props. */
    enum Kind { LAMP, SIGN, TREE }

    @Override
    public double halfLength() {
        return 0.1;
    }

    @Override
    public Silhouette draw(Canvas c) {
        if (kind == Kind.TREE) {
            List<Extent> parts = tree.draw(c);
            return parts.isEmpty() ? null : new Silhouette(null, parts.get(0), parts);
        }
        FrameView fv = c.view();
        double z = motion.s0() - fv.sEgo();
        if (z < 1.5) {
            return null;
        }
        double off = motion.offset0();
        ImagePoint base = c.road(off, 0, z);
        if (base == null) {
            return null;
        }
        double k = c.camera().focalPx() / base.depth();
        double h = kind == Kind.LAMP ? 6.5 : 2.6;
        double w = Math.max(1, (kind == Kind.LAMP ? 0.16 : 0.07) * k);
        org.opencv.core.Scalar pole = fv.light().shade(colour, z).scalar();
        c.line(base.u(), base.v(), base.u(), base.v() - h * k, w, pole);
        List<Extent> parts = new ArrayList<>();
        parts.add(new Extent(base.u() - w / 2, base.v() - h * k, base.u() + w / 2, base.v()));
        if (kind == Kind.LAMP) {
            double toRoad = off > 0 ? -1 : 1;
            ImagePoint arm = c.road(off + toRoad * 1.6, h - 0.1, z);
            if (arm != null) {
                c.line(base.u(), base.v() - h * k, arm.u(), arm.v(), Math.max(1, 0.1 * k), pole);
                c.ellipse(arm.u(), arm.v() + 0.06 * k, 0.3 * k, 0.1 * k, 0,
                        fv.light().shade(fv.light().dusk() > 0.3 ? Bgr.of(150, 220, 255) : Bgr.of(60, 60, 60), z)
                                .scalar());
            }
        } else {
            double r = 0.32 * k;
            Bgr face = (motion.s0() % 2 > 1) ? Bgr.of(150, 70, 20) : Bgr.of(40, 40, 190);
            c.disc(base.u(), base.v() - (h - 0.2) * k, r, fv.light().shade(Bgr.of(230, 230, 230), z).scalar());
            c.disc(base.u(), base.v() - (h - 0.2) * k, r * 0.8, fv.light().shade(face, z).scalar());
            parts.add(new Extent(base.u() - r, base.v() - (h - 0.2) * k - r, base.u() + r, base.v() - (h - 0.2) * k + r));
        }
        return new Silhouette(null, parts.get(0), parts);
    }
}
