package dev.triage.inference;

import java.util.Arrays;

/**
 * One model output tensor copied to the Java heap, row-major (C order).
 *
 * @param shape  dimensions, outermost first
 * @param values {@code product(shape)} floats; the array is owned by this record's creator and not copied
 */
public record TensorData(long[] shape, float[] values) {

    public TensorData {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + values.length);
        }
    }

    /** Size of dimension {@code i}. */
    public int dim(int i) {
        return Math.toIntExact(shape[i]);
    }

    /** The shape as text, for messages. */
    public String shapeText() {
        return Arrays.toString(shape);
    }
}
