package dev.triage.ros2.dds;

import com.sun.jna.Pointer;

/**
 * IDL primitives in Java primitives: the same width as raw bits ({@code uint32} in an {@code int}), a wider
 * integer with zero extension for an unsigned type and sign extension for a signed one ({@code uint32} in a
 * {@code long}, {@code octet} in an {@code int}), {@code boolean} (or a 1-byte integer) in a boolean as 0 / 1.
 */
final class Scalars {

    private Scalars() {
    }

    /** Whether {@code javaType} holds {@code kind} by these rules. */
    static boolean fits(CScalar kind, Class<?> javaType) {
        if (kind == CScalar.FLOAT || kind == CScalar.DOUBLE) {
            return javaType == (kind == CScalar.FLOAT ? float.class : double.class);
        }
        if (javaType == boolean.class) {
            return kind.size() == 1;
        }
        int width = integerWidth(javaType);
        return width >= kind.size();
    }

    static void write(CScalar kind, Object value, Pointer p, long offset) {
        switch (kind) {
            case FLOAT -> p.setFloat(offset, (Float) value);
            case DOUBLE -> p.setDouble(offset, (Double) value);
            default -> {
                long bits = value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue();
                switch (kind.size()) {
                    case 1 -> p.setByte(offset, (byte) bits);
                    case 2 -> p.setShort(offset, (short) bits);
                    case 4 -> p.setInt(offset, (int) bits);
                    default -> p.setLong(offset, bits);
                }
            }
        }
    }

    static Object read(CScalar kind, Class<?> javaType, Pointer p, long offset) {
        switch (kind) {
            case FLOAT:
                return p.getFloat(offset);
            case DOUBLE:
                return p.getDouble(offset);
            default:
                long bits = switch (kind.size()) {
                    case 1 -> kind.unsigned() ? Byte.toUnsignedLong(p.getByte(offset)) : p.getByte(offset);
                    case 2 -> kind.unsigned() ? Short.toUnsignedLong(p.getShort(offset)) : p.getShort(offset);
                    case 4 -> kind.unsigned() ? Integer.toUnsignedLong(p.getInt(offset)) : p.getInt(offset);
                    default -> p.getLong(offset);
                };
                if (javaType == boolean.class) {
                    return bits != 0;
                }
                return switch (integerWidth(javaType)) {
                    case 1 -> (byte) bits;
                    case 2 -> (short) bits;
                    case 4 -> (int) bits;
                    default -> bits;
                };
        }
    }

    private static int integerWidth(Class<?> javaType) {
        if (javaType == byte.class) {
            return 1;
        }
        if (javaType == short.class) {
            return 2;
        }
        if (javaType == int.class) {
            return 4;
        }
        return javaType == long.class ? 8 : 0;
    }
}
