package dev.triage.datasets.synthetic;

import java.util.List;

/**
 * Paints the layer under all objects straight into a BGR byte buffer, one row at a time: the sky gradient with
 * clouds, the far backdrop, and the ground plane with its bands, texture, lane paint and crosswalks.
 *
 * <p>Each ground row is inverted through the frame's {@link GroundView} to its forward distance, so lane paint is
 * placed with exactly the formula {@link LaneLabeler} uses for the labels, on flat and sloped roads alike.
 */
final class BaseLayerPainter {
    private static final double GEOMETRY_LIMIT = 400;
    private static final double CROSSWALK_LENGTH = 3.5;

    private final int width;
    private final int height;
    private final TextureBank texture;
    private final double[] farTop;
    private final double[] treeTop;
    private final double[] bandColour = new double[3 * 8];
    private final double[] bandAmp = new double[8];
    private final int[] bandKind = new int[8];
    private static final int ASPHALT = GroundBand.Surface.ASPHALT.ordinal();
    private static final int PAVEMENT = GroundBand.Surface.PAVEMENT.ordinal();
    private static final int GRASS = GroundBand.Surface.GRASS.ordinal();

    BaseLayerPainter(int width, int height, TextureBank texture) {
        this.width = width;
        this.height = height;
        this.texture = texture;
        this.farTop = new double[width];
        this.treeTop = new double[width];
    }

    void paint(byte[] buf, FrameView view, GroundView ground, SceneWorld world) {
        double hor = ground.horizonRow();
        int firstGround = (int) Math.max(0, Math.min(height, Math.ceil(hor - 0.5)));
        paintSky(buf, view, world.backdrop(), firstGround, hor);
        for (int v = firstGround; v < height; v++) {
            paintGroundRow(buf, v, view, ground, world);
        }
    }

    private void paintSky(byte[] buf, FrameView view, Backdrop backdrop, int rows, double hor) {
        if (rows <= 0) {
            return;
        }
        Camera cam = view.camera();
        Lighting light = view.light();
        double f = cam.focalPx();
        for (int u = 0; u < width; u++) {
            double az = Math.atan((u + 0.5 - cam.cx()) / f) + view.worldYaw() + view.road().heading();
            farTop[u] = hor - f * backdrop.farHeight(az);
            treeTop[u] = hor - f * backdrop.treeHeight(az);
        }
        Bgr far = light.lit(backdrop.farColour()).mix(light.skyHorizon(), backdrop.skyline() ? 0.45 : 0.6);
        Bgr trees = light.lit(backdrop.treeColour()).mix(light.skyHorizon(), 0.3);
        Bgr cloud = new Bgr(238, 238, 240).scale(Math.min(1.0, 0.35 + 0.65 * light.brightness()))
                .mix(light.skyHorizon(), light.dusk() * 0.5);
        float[] clouds = texture.clouds();
        int n = TextureBank.CLOUD_SIZE;
        int mask = n - 1;
        double yawShift = (view.worldYaw() + view.road().heading()) * f;
        double texPerPx = 0.4;
        double tx0 = yawShift * texPerPx + (1 << 20);
        double cloudiness = light.cloudiness();
        for (int v = 0; v < rows; v++) {
            double t = Math.max(0, Math.min(1, (v + 0.5) / Math.max(1, hor)));
            Bgr sky = light.skyTop().mix(light.skyHorizon(), Math.pow(t, 0.9));
            double sb = sky.b();
            double sg = sky.g();
            double sr = sky.r();
            double db = cloud.b() - sb;
            double dg = cloud.g() - sg;
            double dr = cloud.r() - sr;
            int cyRow = ((int) (t * t * 90 + 20) & mask) * n;
            double ca = cloudiness * (0.4 + 0.6 * t);
            double vc = v + 0.5;
            int off = v * width * 3;
            for (int u = 0; u < width; u++) {
                double b;
                double g;
                double r;
                if (vc >= treeTop[u]) {
                    b = trees.b();
                    g = trees.g();
                    r = trees.r();
                } else if (vc >= farTop[u]) {
                    b = far.b();
                    g = far.g();
                    r = far.r();
                } else {
                    double c = clouds[cyRow + ((int) (tx0 + u * texPerPx) & mask)] * 2.2 + 0.1;
                    double a = (c < 0 ? 0 : (c > 1 ? 1 : c)) * ca;
                    b = sb + db * a;
                    g = sg + dg * a;
                    r = sr + dr * a;
                }
                buf[off++] = px(b);
                buf[off++] = px(g);
                buf[off++] = px(r);
            }
        }
    }

    private void paintGroundRow(byte[] buf, int v, FrameView view, GroundView ground, SceneWorld world) {
        Camera cam = view.camera();
        RoadModel road = view.road();
        RoadLayout layout = road.layout();
        Lighting light = view.light();
        double zTrue = ground.depthAtRow(v + 0.5);
        if (Double.isNaN(zTrue)) {
            zTrue = 1e4;
        }
        double z = Math.min(zTrue, GEOMETRY_LIMIT);
        double scale = cam.focalPx() / ground.depth(z);
        double step = 1 / scale;
        double o0 = (0.5 - cam.cx()) * step + road.offsetOf(0, z);
        double footprint = Math.max(step, z * z / (cam.focalPx() * cam.heightM()));
        int level = TextureBank.levelFor(footprint);
        int n = TextureBank.SIZE >> level;
        double texel = TextureBank.TEXEL * (1 << level);
        float[] tex = texture.level(level);
        double sRow = view.sEgo() + z;
        int iy = ((int) (sRow / texel + (1 << 22)) & (n - 1)) * n;
        double haze = light.haze(zTrue);
        List<GroundBand> bands = layout.bands();
        int nb = bands.size();
        double detail = light.brightness() * (1 - haze);
        for (int i = 0; i < nb; i++) {
            GroundBand band = bands.get(i);
            Bgr c = light.lit(band.colour()).mix(light.skyHorizon(), haze);
            bandColour[3 * i] = c.b();
            bandColour[3 * i + 1] = c.g();
            bandColour[3 * i + 2] = c.r();
            bandKind[i] = band.kind().ordinal();
            bandAmp[i] = detail * switch (band.kind()) {
                case ASPHALT -> 16;
                case CURB -> 12;
                case PAVEMENT -> 12;
                case GRASS -> 34;
                case GRAVEL -> 26;
            };
        }
        double b0 = layout.boundaryOffset(0);
        double lanesRight = layout.boundaryOffset(layout.laneCount());
        double invLane = 1 / layout.laneWidth();
        double jointWidth = Math.max(0.03, footprint * 0.5) / 1.2;
        double jointStrength = 22 * detail * Math.min(1, 0.06 / footprint);
        double sJoint = sRow / 1.2 - Math.floor(sRow / 1.2);
        boolean sOnJoint = sJoint < jointWidth || sJoint > 1 - jointWidth;
        int mask = n - 1;
        double tx0 = o0 / texel + (1 << 22);
        double tdx = step / texel;
        int band = 0;
        double nextFrom = nb > 1 ? bands.get(1).from() : Double.POSITIVE_INFINITY;
        int kind = bandKind[0];
        double amp = bandAmp[0];
        double cb = bandColour[0];
        double cg = bandColour[1];
        double cr = bandColour[2];
        int off = v * width * 3;
        for (int u = 0; u < width; u++) {
            double o = o0 + u * step;
            while (o >= nextFrom) {
                band++;
                nextFrom = band + 1 < nb ? bands.get(band + 1).from() : Double.POSITIVE_INFINITY;
                kind = bandKind[band];
                amp = bandAmp[band];
                cb = bandColour[3 * band];
                cg = bandColour[3 * band + 1];
                cr = bandColour[3 * band + 2];
            }
            int ix = (int) (tx0 + u * tdx) & mask;
            double t = tex[iy + ix] * amp;
            double k = 1;
            if (kind == ASPHALT) {
                if (o > b0 && o < lanesRight) {
                    double q = (o - b0) * invLane;
                    double fr = q - (int) q;
                    if (fr > 0.41 && fr < 0.59) {
                        k = 0.94;
                    }
                }
            } else if (kind == PAVEMENT) {
                double q = (o + 1200) * (1 / 1.2);
                double fr = q - (int) q;
                if (sOnJoint || fr < jointWidth || fr > 1 - jointWidth) {
                    t -= jointStrength;
                }
            } else if (kind == GRASS) {
                t *= 1 + 0.5 * tex[iy + ((ix + 37) & mask)];
            }
            buf[off++] = px(cb * k + t);
            buf[off++] = px(cg * k + t * 1.05);
            buf[off++] = px(cr * k + t);
        }
        if (zTrue > layout.drawDistance()) {
            return;
        }
        for (double cw : world.crosswalks()) {
            if (sRow >= cw && sRow <= cw + CROSSWALK_LENGTH) {
                paintCrosswalk(buf, v, o0, step, b0, lanesRight, light.shade(LaneMarking.WHITE, zTrue), tex, iy, n,
                        texel);
            }
        }
        for (int k = 0; k <= layout.laneCount(); k++) {
            LaneMarking m = layout.markings().get(k);
            if (!m.paintedAt(sRow)) {
                continue;
            }
            Bgr c = light.shade(m.colour(), zTrue);
            double d = layout.boundaryOffset(k);
            if (m.style() == MarkingStyle.DOUBLE_SOLID) {
                double sep = m.widthM() / 2 + 0.06;
                paintLine(buf, v, (d - sep - o0) * scale + 0.5, m.widthM() / 2 * scale, c, tex, iy, n, o0, step, texel, view.wear());
                paintLine(buf, v, (d + sep - o0) * scale + 0.5, m.widthM() / 2 * scale, c, tex, iy, n, o0, step, texel, view.wear());
            } else {
                paintLine(buf, v, (d - o0) * scale + 0.5, m.widthM() / 2 * scale, c, tex, iy, n, o0, step, texel, view.wear());
            }
        }
    }

    private void paintLine(byte[] buf, int v, double centre, double halfWidth, Bgr c, float[] tex, int iy, int n,
                           double o0, double step, double texel, double wear) {
        double left = centre - halfWidth;
        double right = centre + halfWidth;
        int u0 = (int) Math.max(0, Math.floor(left));
        int u1 = (int) Math.min(width - 1, Math.floor(right));
        for (int u = u0; u <= u1; u++) {
            double cov = Math.min(u + 1, right) - Math.max(u, left);
            if (cov <= 0) {
                continue;
            }
            int ix = Math.floorMod((int) Math.floor((o0 + u * step) / texel + 11.3), n);
            double a = Math.min(1, cov) * Math.max(0.55, Math.min(1, 0.9 + 0.35 * tex[iy + ix]));
            if (wear > 0) { // worn paint: patches (where the coarse texture is low) gone, the rest faded
                double patch = tex[iy + Math.floorMod(ix * 3 + 17, n)];
                a *= 1 - wear * Math.max(0, Math.min(1, 0.55 - 1.4 * patch));
            }
            blend(buf, (v * width + u) * 3, c, a);
        }
    }

    private void paintCrosswalk(byte[] buf, int v, double o0, double step, double from, double to, Bgr c, float[] tex,
                                int iy, int n, double texel) {
        int u0 = (int) Math.max(0, Math.floor((from - o0) / step));
        int u1 = (int) Math.min(width - 1, Math.ceil((to - o0) / step));
        for (int u = u0; u <= u1; u++) {
            double o = o0 + u * step;
            if (o < from || o > to || (o - from) % 1.1 > 0.5) {
                continue;
            }
            int ix = Math.floorMod((int) Math.floor(o / texel + 5.1), n);
            blend(buf, (v * width + u) * 3, c, Math.max(0.5, Math.min(1, 0.85 + 0.4 * tex[iy + ix])));
        }
    }

    private static void blend(byte[] buf, int i, Bgr c, double a) {
        buf[i] = px((buf[i] & 0xFF) * (1 - a) + c.b() * a);
        buf[i + 1] = px((buf[i + 1] & 0xFF) * (1 - a) + c.g() * a);
        buf[i + 2] = px((buf[i + 2] & 0xFF) * (1 - a) + c.r() * a);
    }

    private static final byte[] CLAMP = new byte[1024];

    static {
        for (int i = 0; i < CLAMP.length; i++) {
            CLAMP[i] = (byte) Math.max(0, Math.min(255, i - 384));
        }
    }

    /** Rounds and clamps to 0..255 through a table (values outside -384..639 are clamped first). */
    private static byte px(double v) {
        int i = (int) (v + 384.5);
        return CLAMP[i < 0 ? 0 : (i > 1023 ? 1023 : i)];
    }
}
