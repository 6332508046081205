package dev.triage.ros2.dds;

import com.sun.jna.Pointer;

import java.util.List;

/** Writes and reads one member's value (a Java value of the record component) at an offset of a C struct. */
interface FieldCodec {

    /** Writes {@code value} at {@code offset} of the zeroed struct {@code p}; native blocks come from {@code arena}. */
    void write(Object value, Pointer p, long offset, NativeArena arena);

    /**
     * Reads the value at {@code offset}.
     *
     * @throws IllegalArgumentException when the content breaks a cap
     */
    Object read(Pointer p, long offset);

    /** The codecs of the records this one holds (nested structs, sequence elements). */
    default List<CLayoutCodec<?>> children() {
        return List.of();
    }
}
