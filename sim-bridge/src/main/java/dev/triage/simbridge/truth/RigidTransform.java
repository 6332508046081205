package dev.triage.simbridge.truth;

/**
 * A rotation (unit quaternion x, y, z, w) followed by a translation: {@code p' = R p + t}. Immutable; maps points
 * from a child frame into its parent frame, as a tf transform does.
 *
 * @param qx quaternion x
 * @param qy quaternion y
 * @param qz quaternion z
 * @param qw quaternion w
 * @param tx translation x
 * @param ty translation y
 * @param tz translation z
 */
public record RigidTransform(double qx, double qy, double qz, double qw, double tx, double ty, double tz) {

    /** The identity. */
    public static final RigidTransform IDENTITY = new RigidTransform(0, 0, 0, 1, 0, 0, 0);

    public RigidTransform {
        double n = Math.sqrt(qx * qx + qy * qy + qz * qz + qw * qw);
        if (!(n > 1e-9) || !Double.isFinite(n + tx + ty + tz)) {
            throw new IllegalArgumentException("not a rigid transform: q=(" + qx + ", " + qy + ", " + qz + ", " + qw
                    + ") t=(" + tx + ", " + ty + ", " + tz + ")");
        }
        qx /= n;
        qy /= n;
        qz /= n;
        qw /= n;
    }

    /** A pure translation. */
    public static RigidTransform translation(double x, double y, double z) {
        return new RigidTransform(0, 0, 0, 1, x, y, z);
    }

    /** A rotation of {@code yawRad} about z, then a translation. */
    public static RigidTransform yawTranslation(double yawRad, double x, double y, double z) {
        return new RigidTransform(0, 0, Math.sin(yawRad / 2), Math.cos(yawRad / 2), x, y, z);
    }

    /** {@code R p + t} for the point {@code (x, y, z)}. */
    public double[] apply(double x, double y, double z) {
        double[] r = rotate(x, y, z);
        r[0] += tx;
        r[1] += ty;
        r[2] += tz;
        return r;
    }

    private double[] rotate(double x, double y, double z) {
        // v' = v + 2 w (q x v) + 2 q x (q x v)
        double cx = qy * z - qz * y;
        double cy = qz * x - qx * z;
        double cz = qx * y - qy * x;
        double ccx = qy * cz - qz * cy;
        double ccy = qz * cx - qx * cz;
        double ccz = qx * cy - qy * cx;
        return new double[] {x + 2 * (qw * cx + ccx), y + 2 * (qw * cy + ccy), z + 2 * (qw * cz + ccz)};
    }

    /** {@code this ∘ inner}: first {@code inner}, then this (parent←this←inner). */
    public RigidTransform compose(RigidTransform inner) {
        double[] t = apply(inner.tx, inner.ty, inner.tz);
        double w = qw * inner.qw - qx * inner.qx - qy * inner.qy - qz * inner.qz;
        double x = qw * inner.qx + qx * inner.qw + qy * inner.qz - qz * inner.qy;
        double y = qw * inner.qy - qx * inner.qz + qy * inner.qw + qz * inner.qx;
        double z = qw * inner.qz + qx * inner.qy - qy * inner.qx + qz * inner.qw;
        return new RigidTransform(x, y, z, w, t[0], t[1], t[2]);
    }

    /** The inverse transform. */
    public RigidTransform inverse() {
        RigidTransform conj = new RigidTransform(-qx, -qy, -qz, qw, 0, 0, 0);
        double[] t = conj.rotate(-tx, -ty, -tz);
        return new RigidTransform(-qx, -qy, -qz, qw, t[0], t[1], t[2]);
    }
}
