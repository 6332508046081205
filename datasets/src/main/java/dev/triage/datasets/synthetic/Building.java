package dev.triage.datasets.synthetic;

/**
 * A building block along the street: a facade parallel to the road with a grid of windows, an optional glazed shop
 * front and a cornice, and an end wall towards the camera.
 *
 * @param s0      road distance where the block starts (m)
 * @param length  along the road (m)
 * @param height  metres
 * @param facade  lateral offset of the facade plane (negative on the left)
 * @param depth   how far the block reaches away from the road (m)
 * @param wall    wall colour
 * @param glass   window colour
 * @param trim    cornice and frame colour
 * @param floorH  storey height (m)
 * @param bayW    window spacing along the facade (m)
 * @param windowW window width as a share of the bay
 * @param windowH window height as a share of the storey
 * @param shop    glazed ground floor
 * @param id      for per-building decisions
 */
record Building(double s0, double length, double height, double facade, double depth, Bgr wall, Bgr glass, Bgr trim,
                double floorH, double bayW, double windowW, double windowH, boolean shop, long id) {

    boolean left() {
        return facade < 0;
    }
}
