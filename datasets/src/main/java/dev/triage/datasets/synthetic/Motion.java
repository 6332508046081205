package dev.triage.datasets.synthetic;

/**
 * Where an actor is at a time: constant speed along the road and across it. Lateral motion wraps between
 * {@code offsetMin} and {@code offsetMax} (people crossing again and again).
 *
 * @param s0        road distance at time 0 (m)
 * @param offset0   lateral offset at time 0 (m)
 * @param vS        speed along the road (m/s)
 * @param vOffset   speed across the road (m/s)
 * @param offsetMin lower wrap bound (used when {@code vOffset != 0})
 * @param offsetMax upper wrap bound
 */
record Motion(double s0, double offset0, double vS, double vOffset, double offsetMin, double offsetMax) {

    static Motion fixed(double s, double offset) {
        return new Motion(s, offset, 0, 0, offset, offset);
    }

    static Motion along(double s, double offset, double speed) {
        return new Motion(s, offset, speed, 0, offset, offset);
    }

    double sAt(double t) {
        return s0 + vS * t;
    }

    double offsetAt(double t) {
        if (vOffset == 0 || offsetMax <= offsetMin) {
            return offset0;
        }
        double span = offsetMax - offsetMin;
        double o = (offset0 - offsetMin + vOffset * t) % span;
        if (o < 0) {
            o += span;
        }
        return offsetMin + o;
    }

    boolean moving() {
        return vS != 0 || vOffset != 0;
    }
}
