package dev.triage.datasets.synthetic;

/**
 * Paint on one lane boundary.
 *
 * @param style      line pattern
 * @param colour     paint colour before lighting
 * @param widthM     width of one line in metres
 * @param dashM      dash length in metres (dashed only)
 * @param periodM    dash plus gap in metres (dashed only)
 */
record LaneMarking(MarkingStyle style, Bgr colour, double widthM, double dashM, double periodM) {

    static final Bgr WHITE = Bgr.of(225, 228, 230);
    static final Bgr YELLOW = Bgr.of(40, 185, 225);

    static LaneMarking none() {
        return new LaneMarking(MarkingStyle.NONE, WHITE, 0, 0, 0);
    }

    static LaneMarking solid(Bgr colour, double width) {
        return new LaneMarking(MarkingStyle.SOLID, colour, width, 0, 0);
    }

    static LaneMarking dashed(Bgr colour, double width, double dash, double period) {
        return new LaneMarking(MarkingStyle.DASHED, colour, width, dash, period);
    }

    static LaneMarking doubleSolid(Bgr colour, double width) {
        return new LaneMarking(MarkingStyle.DOUBLE_SOLID, colour, width, 0, 0);
    }

    boolean painted() {
        return style != MarkingStyle.NONE;
    }

    /** Whether the paint is present at road distance {@code s} (always for continuous lines). */
    boolean paintedAt(double s) {
        if (style != MarkingStyle.DASHED) {
            return painted();
        }
        double m = s % periodM;
        if (m < 0) {
            m += periodM;
        }
        return m < dashM;
    }
}
