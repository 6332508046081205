package dev.triage.datasets.synthetic;

/**
 * The road as seen from the camera in one frame: the layout plus the ego pose in it and the local curvature.
 * A lateral offset {@code o} at forward distance {@code z} lies at world
 * {@code x = o - egoOffset + heading * z + curvature * z^2 / 2}.
 *
 * @param layout    cross-section
 * @param egoOffset camera position right of the ego lane centre in metres
 * @param heading   road direction relative to the camera axis in radians (small)
 * @param curvature 1/m, positive bends right
 */
record RoadModel(RoadLayout layout, double egoOffset, double heading, double curvature) {

    /** World x of lateral offset {@code offset} at forward distance {@code z}. */
    double worldX(double offset, double z) {
        return offset - egoOffset + heading * z + curvature * z * z / 2;
    }

    /** Lateral offset of world x at forward distance {@code z}. */
    double offsetOf(double x, double z) {
        return x + egoOffset - heading * z - curvature * z * z / 2;
    }

    /** Direction of the road at {@code z} relative to the camera axis (radians, positive to the right). */
    double yawAt(double z) {
        return heading + curvature * z;
    }
}
