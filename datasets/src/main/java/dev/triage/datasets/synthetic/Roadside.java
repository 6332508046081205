package dev.triage.datasets.synthetic;

/**
 * Barriers along an open road.
 *
 * @param rightRail    steel guard rail on the right
 * @param rightOffset  its lateral offset
 * @param left         barrier type on the left
 * @param leftOffset   its lateral offset
 */
record Roadside(boolean rightRail, double rightOffset, Barrier left, double leftOffset) {

    /** Left-side barrier types. */
    enum Barrier { NONE, RAIL, CONCRETE }

    static Roadside none() {
        return new Roadside(false, 0, Barrier.NONE, 0);
    }
}
