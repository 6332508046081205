package dev.triage.ros.msg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An array of messages or strings (or of any type without a Java array of its own), held as a {@code List}: of
 * variable length (uint32 length first, checked against the bytes left) or of fixed length {@code n}.
 *
 * @param element     the element type
 * @param fixedLength the fixed length, or -1 for a variable-length array
 */
record ListWire(WireType element, int fixedLength) implements WireType {

    @Override
    public void write(Object value, MessageWriter out) {
        List<?> list = (List<?>) value;
        if (fixedLength < 0) {
            out.arrayLength(list.size());
        } else if (list.size() != fixedLength) {
            throw new IllegalArgumentException("fixed array needs " + fixedLength + " values, got " + list.size());
        }
        for (Object e : list) {
            element.write(e, out);
        }
    }

    @Override
    public Object read(MessageReader in) {
        int n = fixedLength < 0 ? in.length(element.minBytes()) : fixedLength;
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.read(in));
        }
        return out;
    }

    @Override
    public int minBytes() {
        return fixedLength < 0 ? 4 : fixedLength * element.minBytes();
    }

    @Override
    public boolean fixedSize() {
        return fixedLength >= 0 && element.fixedSize();
    }

    @Override
    public Object zero() {
        return fixedLength < 0 ? List.of() : Collections.nCopies(fixedLength, element.zero());
    }

    @Override
    public int sizeHint(Object value) {
        List<?> list = (List<?>) value;
        if (element.fixedSize()) {
            return 4 + list.size() * element.minBytes();
        }
        int size = 4;
        for (Object e : list) {
            size += element.sizeHint(e);
        }
        return size;
    }
}
