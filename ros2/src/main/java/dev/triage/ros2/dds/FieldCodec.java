package dev.triage.ros2.dds;

import com.sun.jna.Pointer;

import java.util.List;

/**
 * Writes and reads one member's value (the Java value of the record component bound to it) at an offset of a C
 * struct; {@link FieldCodecs} picks one per member.
 *
 * @param writer   writes a value into the zeroed struct
 * @param reader   reads it back ({@link IllegalArgumentException} when the content breaks a cap)
 * @param children the codecs of the records it holds (nested structs, sequence elements)
 */
record FieldCodec(Writer writer, Reader reader, List<CLayoutCodec<?>> children) {

    FieldCodec {
        children = List.copyOf(children);
    }

    /** A codec that holds no record. */
    FieldCodec(Writer writer, Reader reader) {
        this(writer, reader, List.of());
    }

    /** Writes {@code value} at {@code offset} of {@code p}; native blocks come from {@code arena}. */
    @FunctionalInterface
    interface Writer {
        void write(Object value, Pointer p, long offset, NativeArena arena);
    }

    /** Reads the value at {@code offset} of {@code p}. */
    @FunctionalInterface
    interface Reader {
        Object read(Pointer p, long offset);
    }
}
