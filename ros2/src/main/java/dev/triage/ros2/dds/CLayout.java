package dev.triage.ros2.dds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The C struct layouts that idlc 0.10.2 generates for the IDL's structs on x86_64 and aarch64, computed by the C
 * rules: every member at the next multiple of its alignment (primitives their size, {@code char*} 8,
 * {@code dds_sequence_t} {uint32 _maximum, uint32 _length, T* _buffer, bool _release} 24 bytes aligned 8, a nested
 * struct its own alignment, a fixed array its element's), the struct aligned to its widest member and its size
 * rounded up to that. {@code CLayoutTest} checks every offset and size against the C compiler.
 */
final class CLayout {

    /** sizeof(char*). */
    static final int POINTER_SIZE = 8;
    /** sizeof(dds_sequence_t). */
    static final int SEQUENCE_SIZE = NativeArena.SEQUENCE_SIZE;

    private static final String SHIPPED_IDL = "/dds/ros2_types.idl";
    private static volatile CLayout shipped;

    private final Map<String, IdlStruct> structs;
    private final Map<String, Struct> layouts = new LinkedHashMap<>();

    /**
     * A member's place in its struct.
     *
     * @param size the bytes the member takes (a fixed array all its elements)
     */
    record Member(IdlStruct.Member member, int offset, int size, int align) {
    }

    /** A struct's size, alignment and members. */
    record Struct(String name, int size, int align, List<Member> members) {
        Struct {
            members = List.copyOf(members);
        }
    }

    CLayout(Map<String, IdlStruct> structs) {
        this.structs = Map.copyOf(structs);
        for (IdlStruct s : structs.values()) {
            layouts.put(s.name(), compute(s));
        }
    }

    /** The layouts of the IDL shipped in this jar ({@code dds/ros2_types.idl}, the one the tests give idlc). */
    static CLayout shipped() {
        CLayout l = shipped;
        if (l == null) {
            synchronized (CLayout.class) {
                if (shipped == null) {
                    shipped = new CLayout(IdlParser.parse(SHIPPED_IDL, readShippedIdl()));
                }
                l = shipped;
            }
        }
        return l;
    }

    private static String readShippedIdl() {
        try (InputStream in = CLayout.class.getResourceAsStream(SHIPPED_IDL)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED_IDL + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every struct's layout, in the IDL's order. */
    Map<String, Struct> all() {
        return Collections.unmodifiableMap(layouts);
    }

    /**
     * The layout of one struct.
     *
     * @throws IllegalArgumentException when the IDL has no such struct
     */
    Struct struct(String name) {
        Struct s = layouts.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no struct " + name + " in the IDL");
        }
        return s;
    }

    /** The IDL struct itself. */
    IdlStruct idl(String name) {
        struct(name);
        return structs.get(name);
    }

    private Struct compute(IdlStruct s) {
        List<Member> members = new ArrayList<>();
        int offset = 0;
        int align = 1;
        for (IdlStruct.Member m : s.members()) {
            int a = alignOf(m.type());
            int size = sizeOf(m.type()) * Math.max(1, m.arrayLength());
            offset = roundUp(offset, a);
            members.add(new Member(m, offset, size, a));
            offset += size;
            align = Math.max(align, a);
        }
        return new Struct(s.name(), roundUp(offset, align), align, members);
    }

    /** sizeof one value of {@code t} (one element of a fixed array). */
    int sizeOf(IdlStruct.Type t) {
        if (t instanceof IdlStruct.Scalar s) {
            return s.kind().size();
        }
        if (t instanceof IdlStruct.Nested n) {
            return struct(n.name()).size();
        }
        return t instanceof IdlStruct.Sequence ? SEQUENCE_SIZE : POINTER_SIZE;
    }

    private int alignOf(IdlStruct.Type t) {
        if (t instanceof IdlStruct.Scalar s) {
            return s.kind().size();
        }
        if (t instanceof IdlStruct.Nested n) {
            return struct(n.name()).align();
        }
        return POINTER_SIZE;   // char* and dds_sequence_t (its _buffer pointer)
    }

    private static int roundUp(int n, int align) {
        return (n + align - 1) / align * align;
    }
}
