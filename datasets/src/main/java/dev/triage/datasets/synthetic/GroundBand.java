package dev.triage.datasets.synthetic;

/**
 * A strip of ground at constant lateral road offsets, from {@code from} up to the next band's {@code from}.
 *
 * @param from    left edge as a lateral offset from the ego lane centre in metres (the first band extends to minus
 *                infinity)
 * @param colour  base colour before lighting
 * @param kind    surface, selects the texture
 */
record GroundBand(double from, Bgr colour, Surface kind) {

    /** Ground surface types with their own texture. */
    enum Surface {
        /** Road tarmac: fine grain and patches, darker oil strips in lane centres. */
        ASPHALT,
        /** Concrete curb stones. */
        CURB,
        /** Sidewalk slabs with joints. */
        PAVEMENT,
        /** Grass verge. */
        GRASS,
        /** Gravel edge strip. */
        GRAVEL
    }
}
