package dev.triage.perception.image;

/**
 * Pixel size a model expects its input at.
 *
 * @param width  columns
 * @param height rows
 */
public record InputSize(int width, int height) {
    /** The largest side of a model input: a float tensor of 3 x 8192 x 8192 is 805 MB already. */
    public static final int MAX_SIDE = 8192;

    public InputSize {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("input size must be 1 to " + MAX_SIDE + " pixels a side: " + width
                    + "x" + height);
        }
    }

    /** Width times height. */
    public long pixels() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
