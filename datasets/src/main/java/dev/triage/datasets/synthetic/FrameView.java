package dev.triage.datasets.synthetic;

/**
 * Everything that fixes the viewpoint of one frame.
 *
 * @param camera   camera with this frame's pitch
 * @param road     road seen from the camera
 * @param light    light of the drive
 * @param sEgo     distance driven in metres (world road coordinate of the camera)
 * @param time     seconds since the start of the drive (moves the actors)
 * @param thinning 0..1 share of the scenery left out near a scene change (buildings thinning out)
 * @param worldYaw direction the ego has turned through, for the backdrop
 * @param wear     0..1 how worn the lane paint is (patches missing, the rest faded); worn lines stay labelled
 */
record FrameView(Camera camera, RoadModel road, Lighting light, double sEgo, double time, double thinning,
                 double worldYaw, double wear) {
}
