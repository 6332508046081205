package dev.triage.ros2.dds;

import com.sun.jna.Pointer;

import java.lang.reflect.Array;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the {@link FieldCodec} of an IDL member and the Java type of the record component bound to it (the rules
 * are in {@link CLayoutCodec}); a pair that does not fit fails with the component's name.
 */
final class FieldCodecs {

    private FieldCodecs() {
    }

    /**
     * The codec of {@code member} held in a component of type {@code javaType}.
     *
     * @param cap   the component's cap on reading, or null
     * @param where names the component in errors ({@code Image.data})
     * @throws IllegalArgumentException when the IDL type and the Java type do not fit
     */
    static FieldCodec of(CLayout layouts, IdlStruct.Member member, Type javaType, MaxLength cap, String where) {
        IdlStruct.Type t = member.type();
        Class<?> raw = rawClass(javaType);
        if (member.arrayLength() > 0) {
            if (t instanceof IdlStruct.Scalar s && PrimitiveArrays.fits(s.kind(), raw)) {
                return fixedArray(member.arrayLength(), raw, where);
            }
        } else if (t instanceof IdlStruct.Scalar s && Scalars.fits(s.kind(), raw)) {
            return scalar(s.kind(), raw);
        } else if (t instanceof IdlStruct.Text && raw == String.class) {
            return text();
        } else if (t instanceof IdlStruct.Nested n && raw.isRecord()) {
            return nested(CLayoutCodec.of(raw, n.name(), layouts));
        } else if (t instanceof IdlStruct.Sequence q) {
            FieldCodec c = sequence(layouts, q, javaType, raw, cap, where);
            if (c != null) {
                return c;
            }
        }
        throw new IllegalArgumentException(where + ": IDL " + describe(member) + " does not fit Java " + javaType);
    }

    private static FieldCodec sequence(CLayout layouts, IdlStruct.Sequence q, Type javaType, Class<?> raw,
                                       MaxLength cap, String where) {
        IdlStruct.Type e = q.element();
        if (e instanceof IdlStruct.Scalar s && PrimitiveArrays.fits(s.kind(), raw)) {
            return primitiveSequence(s.kind().size(), raw, q.bound(), cap, where);
        }
        if (raw != List.class || !(javaType instanceof ParameterizedType pt)) {
            return null;
        }
        Class<?> item = rawClass(pt.getActualTypeArguments()[0]);
        if (e instanceof IdlStruct.Text && item == String.class) {
            return structSequence(null, CLayout.POINTER_SIZE, q.bound(), where);
        }
        if (e instanceof IdlStruct.Nested n && item.isRecord()) {
            CLayoutCodec<?> codec = CLayoutCodec.of(item, n.name(), layouts);
            return structSequence(codec, codec.layout().size(), q.bound(), where);
        }
        return null;
    }

    private static FieldCodec scalar(CScalar kind, Class<?> javaType) {
        return new FieldCodec((value, p, offset, arena) -> Scalars.write(kind, value, p, offset),
                (p, offset) -> Scalars.read(kind, javaType, p, offset));
    }

    private static FieldCodec text() {
        return new FieldCodec((value, p, offset, arena) -> arena.putString(p, offset, (String) value),
                NativeArena::getString);
    }

    private static FieldCodec nested(CLayoutCodec<?> codec) {
        return new FieldCodec(codec::write, codec::read, List.of(codec));
    }

    private static FieldCodec fixedArray(int length, Class<?> arrayType, String where) {
        FieldCodec.Writer writer = (value, p, offset, arena) -> {
            int n = Array.getLength(value);
            if (n != length) {
                throw new IllegalArgumentException(where + " must have " + length + " values, got " + n);
            }
            PrimitiveArrays.write(p, offset, value, n);
        };
        return new FieldCodec(writer, (p, offset) -> PrimitiveArrays.read(p, offset, arrayType, length));
    }

    private static FieldCodec primitiveSequence(int elementSize, Class<?> arrayType, int bound, MaxLength cap,
                                                String where) {
        FieldCodec.Writer writer = (value, p, offset, arena) -> {
            int n = Array.getLength(value);
            checkBound(n, bound, where);
            Pointer buf = arena.putSequence(p, offset, n, elementSize);
            if (buf != null) {
                PrimitiveArrays.write(buf, 0, value, n);
            }
        };
        FieldCodec.Reader reader = (p, offset) -> {
            int n = NativeArena.sequenceLength(p, offset);
            if (n < 0 || cap != null && n > cap.value()) {
                String what = cap != null ? cap.what() : where;
                throw new IllegalArgumentException(what + " of " + Integer.toUnsignedLong(n)
                        + (elementSize == 1 ? " bytes" : " elements"));
            }
            return PrimitiveArrays.read(NativeArena.sequenceBuffer(p, offset), 0, arrayType, n);
        };
        return new FieldCodec(writer, reader);
    }

    /** A sequence of strings ({@code element} null, 8-byte {@code char*} slots) or of structs. */
    private static FieldCodec structSequence(CLayoutCodec<?> element, int stride, int bound, String where) {
        FieldCodec.Writer writer = (value, p, offset, arena) -> {
            List<?> items = (List<?>) value;
            checkBound(items.size(), bound, where);
            Pointer buf = arena.putSequence(p, offset, items.size(), stride);
            for (int i = 0; i < items.size(); i++) {
                if (element == null) {
                    arena.putString(buf, (long) i * stride, (String) items.get(i));
                } else {
                    element.write(items.get(i), buf, (long) i * stride, arena);
                }
            }
        };
        FieldCodec.Reader reader = (p, offset) -> {
            int n = NativeArena.sequenceLength(p, offset);
            if (n < 0) {
                throw new IllegalArgumentException(where + " of " + Integer.toUnsignedLong(n) + " elements");
            }
            Pointer buf = NativeArena.sequenceBuffer(p, offset);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(element == null ? NativeArena.getString(buf, (long) i * stride)
                        : element.read(buf, (long) i * stride));
            }
            return out;
        };
        return new FieldCodec(writer, reader, element == null ? List.of() : List.of(element));
    }

    private static void checkBound(int n, int bound, String where) {
        if (bound > 0 && n > bound) {
            throw new IllegalArgumentException(where + " holds at most " + bound + " elements, got " + n);
        }
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static String describe(IdlStruct.Member m) {
        return m.type() + (m.arrayLength() > 0 ? "[" + m.arrayLength() + "]" : "") + " " + m.name();
    }
}
