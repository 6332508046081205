package dev.triage.ros.msg;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A type read and written by one call each: a primitive ({@code int32}, {@code time}, ...), a {@code string}, a
 * variable-length {@code uint8[]} held as {@code byte[]}, or a nested message held as a record.
 *
 * @param reader    reads one value
 * @param writer    writes one value
 * @param minBytes  the smallest serialized size
 * @param fixedSize whether every value has the size {@code minBytes}
 * @param zeroValue the value written for a field no record component names
 * @param sizeGuess a guess of a value's serialized size
 */
record ValueWire(Function<MessageReader, Object> reader, BiConsumer<MessageWriter, Object> writer, int minBytes,
                 boolean fixedSize, Supplier<Object> zeroValue, ToIntFunction<Object> sizeGuess) implements WireType {

    /** A primitive of {@code bytes} bytes. */
    static ValueWire fixed(Function<MessageReader, Object> reader, BiConsumer<MessageWriter, Object> writer, int bytes,
                           Object zero) {
        return new ValueWire(reader, writer, bytes, true, () -> zero, v -> bytes);
    }

    /** A {@code string}: uint32 byte length, then UTF-8 (invalid UTF-8 is refused on reading). */
    static ValueWire string() {
        return new ValueWire(MessageReader::string, (w, v) -> w.string((String) v), 4, false, () -> "",
                v -> 4 + 3 * ((String) v).length());
    }

    /** A variable-length {@code uint8[]} (or {@code byte[]}, {@code char[]}) held as a Java {@code byte[]}. */
    static ValueWire bytes() {
        return new ValueWire(MessageReader::bytes, (w, v) -> w.bytes((byte[]) v), 4, false, () -> new byte[0],
                v -> 4 + ((byte[]) v).length);
    }

    /** A nested message held as a record of {@code codec}. */
    static ValueWire record(RecordCodec<?> codec) {
        return new ValueWire(codec::read, (w, v) -> codec.writeValue(v, w), codec.minBytes(), codec.fixedSize(),
                codec::zero, codec::sizeHintOf);
    }

    @Override
    public void write(Object value, MessageWriter out) {
        writer.accept(out, value);
    }

    @Override
    public Object read(MessageReader in) {
        return reader.apply(in);
    }

    @Override
    public Object zero() {
        return zeroValue.get();
    }

    @Override
    public int sizeHint(Object value) {
        return sizeGuess.applyAsInt(value);
    }
}
