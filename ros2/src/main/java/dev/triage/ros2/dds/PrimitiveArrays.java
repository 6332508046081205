package dev.triage.ros2.dds;

import com.sun.jna.Pointer;

/**
 * Fixed arrays and sequence buffers of IDL primitives as Java primitive arrays of the same element width
 * ({@code sequence<octet>} in a {@code byte[]}, {@code double k[9]} in a {@code double[]}): one bulk copy each way.
 */
final class PrimitiveArrays {

    private PrimitiveArrays() {
    }

    /** Whether {@code arrayType} holds elements of {@code kind}. */
    static boolean fits(CScalar kind, Class<?> arrayType) {
        return switch (kind) {
            case FLOAT -> arrayType == float[].class;
            case DOUBLE -> arrayType == double[].class;
            case BOOLEAN -> false;
            default -> arrayType == integerArray(kind.size());
        };
    }

    private static Class<?> integerArray(int size) {
        return switch (size) {
            case 1 -> byte[].class;
            case 2 -> short[].class;
            case 4 -> int[].class;
            default -> long[].class;
        };
    }

    /** Copies the first {@code n} elements of {@code array} to {@code offset} of {@code p}. */
    static void write(Pointer p, long offset, Object array, int n) {
        if (array instanceof byte[] a) {
            p.write(offset, a, 0, n);
        } else if (array instanceof short[] a) {
            p.write(offset, a, 0, n);
        } else if (array instanceof int[] a) {
            p.write(offset, a, 0, n);
        } else if (array instanceof long[] a) {
            p.write(offset, a, 0, n);
        } else if (array instanceof float[] a) {
            p.write(offset, a, 0, n);
        } else {
            p.write(offset, (double[]) array, 0, n);
        }
    }

    /** A new array of {@code n} elements copied from {@code offset} of {@code p} ({@code p} unused when n is 0). */
    static Object read(Pointer p, long offset, Class<?> arrayType, int n) {
        if (arrayType == byte[].class) {
            return n == 0 ? new byte[0] : p.getByteArray(offset, n);
        } else if (arrayType == short[].class) {
            return n == 0 ? new short[0] : p.getShortArray(offset, n);
        } else if (arrayType == int[].class) {
            return n == 0 ? new int[0] : p.getIntArray(offset, n);
        } else if (arrayType == long[].class) {
            return n == 0 ? new long[0] : p.getLongArray(offset, n);
        } else if (arrayType == float[].class) {
            return n == 0 ? new float[0] : p.getFloatArray(offset, n);
        }
        return n == 0 ? new double[0] : p.getDoubleArray(offset, n);
    }
}
