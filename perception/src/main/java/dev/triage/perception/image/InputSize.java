package dev.triage.perception.image;

/**
 * Pixel size a model expects its input at.
 *
 * @param width  columns
 * @param height rows
 */
public record InputSize(int width, int height) {

    public InputSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("input size must be positive: " + width + "x" + height);
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
