package dev.triage.datasets.synthetic;

/**
 * The road as seen from the camera in one frame: the layout plus the ego pose in it, the local curvature and the
 * vertical profile.
 * A lateral offset {@code o} at forward distance {@code z} lies at world
 * {@code x = o - egoOffset + heading * z + curvature * z^2 / 2}.
 *
 * @param layout    cross-section
 * @param egoOffset camera position right of the ego lane centre in metres
 * @param heading   road direction relative to the camera axis in radians (small)
 * @param curvature 1/m, positive bends right
 * @param profile   vertical profile (crests and sags); heights above the road are measured from it
 */
record RoadModel(RoadLayout layout, double egoOffset, double heading, double curvature, GroundProfile profile) {

    /** A flat road. */
    RoadModel(RoadLayout layout, double egoOffset, double heading, double curvature) {
        this(layout, egoOffset, heading, curvature, GroundProfile.FLAT);
    }

    /** This road with another vertical profile. */
    RoadModel withProfile(GroundProfile newProfile) {
        return new RoadModel(layout, egoOffset, heading, curvature, newProfile);
    }

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
