package dev.triage.ros.msg;

/**
 * A {@code float64[]} or {@code float32[]}, of variable length (uint32 length first) or fixed length {@code n} (no
 * prefix; writing refuses an array of another length), held as a Java {@code double[]} or {@code float[]}.
 *
 * @param floats      whether the elements are float32 ({@code float[]}) rather than float64 ({@code double[]})
 * @param fixedLength the fixed length, or -1 for a variable-length array
 */
record NumberArrayWire(boolean floats, int fixedLength) implements WireType {

    private int elementBytes() {
        return floats ? 4 : 8;
    }

    @Override
    public void write(Object value, MessageWriter out) {
        if (!floats) {
            double[] v = (double[]) value;
            if (fixedLength < 0) {
                out.float64Array(v);
            } else {
                out.float64Fixed(v, fixedLength);
            }
            return;
        }
        float[] v = (float[]) value;
        if (fixedLength < 0) {
            out.arrayLength(v.length);
        } else if (v.length != fixedLength) {
            throw new IllegalArgumentException("fixed array needs " + fixedLength + " values, got " + v.length);
        }
        for (float f : v) {
            out.float32(f);
        }
    }

    @Override
    public Object read(MessageReader in) {
        if (!floats) {
            return fixedLength < 0 ? in.float64Array() : in.float64Fixed(fixedLength);
        }
        int n = fixedLength < 0 ? in.length(4) : fixedLength;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.float32();
        }
        return out;
    }

    @Override
    public int minBytes() {
        return fixedLength < 0 ? 4 : fixedLength * elementBytes();
    }

    @Override
    public boolean fixedSize() {
        return fixedLength >= 0;
    }

    @Override
    public Object zero() {
        int n = Math.max(0, fixedLength);
        return floats ? new float[n] : new double[n];
    }

    @Override
    public int sizeHint(Object value) {
        int n = floats ? ((float[]) value).length : ((double[]) value).length;
        return 4 + n * elementBytes();
    }
}
