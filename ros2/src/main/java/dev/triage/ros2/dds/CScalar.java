package dev.triage.ros2.dds;

import java.util.Locale;

/** The IDL primitives and their C size (which is also their alignment on x86_64 and aarch64). */
enum CScalar {
    BOOLEAN(1, false), OCTET(1, true), CHAR(1, false), INT8(1, false), UINT8(1, true), INT16(2, false),
    UINT16(2, true), INT32(4, false), UINT32(4, true), INT64(8, false), UINT64(8, true), FLOAT(4, false),
    DOUBLE(8, false);

    private final int size;
    private final boolean unsigned;

    CScalar(int size, boolean unsigned) {
        this.size = size;
        this.unsigned = unsigned;
    }

    /** sizeof and alignof in C. */
    int size() {
        return size;
    }

    /** Whether a wider Java type holds it as an unsigned value ({@code uint32} in a {@code long}). */
    boolean unsigned() {
        return unsigned;
    }

    /** The primitive of an IDL keyword ({@code uint32}), or null when the word is not one. */
    static CScalar ofIdl(String word) {
        for (CScalar s : values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(word)) {
                return s;
            }
        }
        return null;
    }
}
