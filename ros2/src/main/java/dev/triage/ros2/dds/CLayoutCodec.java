package dev.triage.ros2.dds;

import com.sun.jna.Pointer;
import dev.triage.ros.msg.RecordHandles;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one conversion between a message record and the C struct that idlc generates for its IDL type: it walks the
 * struct's members ({@link CLayout}: offsets by the C rules) and binds each to the record component of the same
 * name ({@code frame_id} to {@code frameId}: underscores dropped, case ignored), or to the component that
 * {@link DdsField} points at it; a component may fill a member of a nested struct that the record flattens
 * ({@code bbox.center.position.x}). Java types follow the IDL type: a primitive to a Java primitive of the same
 * width or, for an unsigned IDL type, a wider one ({@code uint32} in a {@code long}, {@code octet} in an
 * {@code int}; a {@code boolean} takes {@code octet} too), {@code string} to String, a fixed array or a sequence of
 * primitives to a primitive array ({@link MaxLength} caps one on reading), a sequence of strings or structs to a
 * List, a struct to a record. A member that no component fills is written as its ROS 2 default: zero, empty
 * sequence, empty string ({@code ""}, not a null pointer) and {@code w = 1} in a geometry_msgs Quaternion (ROS 2's
 * Quaternion.msg default), and skipped on reading. Every record component must bind; a mismatch fails when the codec
 * is built, that is when the {@link TopicType} constant is first used.
 *
 * @param <R> the message record
 */
final class CLayoutCodec<R> {

    /** ROS 2 message defaults that are not zero, by struct and member (geometry_msgs/Quaternion: w 1). */
    private static final Map<String, Map<String, Double>> NONZERO_DEFAULTS =
            Map.of("geometry_msgs::msg::dds_::Quaternion_", Map.of("w", 1.0));

    private final Class<R> type;
    private final CLayout layouts;
    private final CLayout.Struct layout;
    private final RecordHandles<R> handles;
    private final RecordComponent[] components;
    private final List<Step> steps;
    private final List<BoundField> boundFields = new ArrayList<>();
    private final List<CLayoutCodec<?>> children = new ArrayList<>();

    /**
     * Where a record component lands: {@code path} (dotted through flattened structs) in the C struct
     * {@code struct}, {@code offset} bytes from its start.
     */
    record BoundField(String struct, String path, String component, int offset) {
    }

    /** One member's part of writing and reading a struct. */
    private interface Step {
        void write(Object message, Pointer p, long base, NativeArena arena);

        void read(Pointer p, long base, Object[] args);
    }

    private CLayoutCodec(Class<R> type, String structName, CLayout layouts) {
        this.type = type;
        this.layouts = layouts;
        this.layout = layouts.struct(structName);
        this.handles = RecordHandles.of(type, "for " + structName);
        this.components = handles.components();
        Map<String, Integer> byPath = new LinkedHashMap<>();
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            DdsField field = components[i].getAnnotation(DdsField.class);
            if (field != null) {
                byPath.put(field.value(), i);
            } else {
                byName.put(components[i].getName().toLowerCase(Locale.ROOT), i);
            }
        }
        this.steps = plan(layout, "", 0, byPath, byName);
        Map<String, Integer> unbound = new LinkedHashMap<>(byPath);
        unbound.putAll(byName);
        if (!unbound.isEmpty()) {
            List<String> names = unbound.values().stream().map(i -> components[i].getName()).toList();
            throw new IllegalArgumentException(type.getName() + " has components " + names + " that " + structName
                    + " does not define");
        }
    }

    /**
     * The codec of records {@code type} for the IDL struct {@code structName} of {@code layouts}.
     *
     * @throws IllegalArgumentException when the struct is missing, or a member and a component do not fit
     */
    static <R> CLayoutCodec<R> of(Class<R> type, String structName, CLayout layouts) {
        return new CLayoutCodec<>(type, structName, layouts);
    }

    /** The C struct's layout. */
    CLayout.Struct layout() {
        return layout;
    }

    /** Where every component of this record, and of the records nested in it, lands. */
    List<BoundField> boundFields() {
        List<BoundField> all = new ArrayList<>(boundFields);
        for (CLayoutCodec<?> c : children) {
            all.addAll(c.boundFields());
        }
        return all;
    }

    /** Writes {@code message} into the zeroed struct at {@code base}; strings and sequences come from {@code arena}. */
    void write(Object message, Pointer p, long base, NativeArena arena) {
        for (Step s : steps) {
            s.write(message, p, base, arena);
        }
    }

    /**
     * Reads the struct at {@code base}.
     *
     * @throws IllegalArgumentException when the content breaks a cap or the record's own rules
     */
    R read(Pointer p, long base) {
        Object[] args = new Object[components.length];
        for (Step s : steps) {
            s.read(p, base, args);
        }
        return handles.construct(args);   // a record's own validation (IllegalArgumentException) goes on as it is
    }

    private List<Step> plan(CLayout.Struct struct, String prefix, int base, Map<String, Integer> byPath,
                            Map<String, Integer> byName) {
        List<Step> out = new ArrayList<>();
        for (CLayout.Member m : struct.members()) {
            String name = m.member().name();
            Integer c = byPath.remove(name);
            if (c == null) {
                c = byName.remove(name.replace("_", "").toLowerCase(Locale.ROOT));
            }
            if (c != null) {
                out.add(leaf(m, c));
                boundFields.add(new BoundField(layout.name(), prefix + name, components[c].getName(),
                        base + m.offset()));
                continue;
            }
            Map<String, Integer> inner = takePrefixed(byPath, name + ".");
            if (!inner.isEmpty()) {
                if (!(m.member().type() instanceof IdlStruct.Nested n) || m.member().arrayLength() > 0) {
                    throw new IllegalArgumentException(type.getName() + ": " + inner.keySet() + " go into "
                            + struct.name() + "." + name + ", which is not a struct");
                }
                out.add(flattened(m.offset(), plan(layouts.struct(n.name()), prefix + name + ".",
                        base + m.offset(), inner, new HashMap<>())));
                if (!inner.isEmpty()) {
                    throw new IllegalArgumentException(type.getName() + ": " + n.name() + " has no member "
                            + inner.keySet());
                }
                continue;
            }
            List<DefaultValue> defaults = new ArrayList<>();
            collectDefaults(struct.name(), m, m.offset(), defaults);
            if (!defaults.isEmpty()) {
                out.add(defaulted(defaults));
            }
        }
        return out;
    }

    private Step leaf(CLayout.Member m, int component) {
        RecordComponent rc = components[component];
        FieldCodec codec = FieldCodecs.of(layouts, m.member(), rc.getGenericType(), rc.getAnnotation(MaxLength.class),
                type.getSimpleName() + "." + rc.getName());
        children.addAll(codec.children());
        int offset = m.offset();
        return new Step() {
            @Override
            public void write(Object message, Pointer p, long base, NativeArena arena) {
                codec.writer().write(handles.get(component, message), p, base + offset, arena);
            }

            @Override
            public void read(Pointer p, long base, Object[] args) {
                args[component] = codec.reader().read(p, base + offset);
            }
        };
    }

    private static Step flattened(int offset, List<Step> inner) {
        return new Step() {
            @Override
            public void write(Object message, Pointer p, long base, NativeArena arena) {
                for (Step s : inner) {
                    s.write(message, p, base + offset, arena);
                }
            }

            @Override
            public void read(Pointer p, long base, Object[] args) {
                for (Step s : inner) {
                    s.read(p, base + offset, args);
                }
            }
        };
    }

    /** A value that a member nobody fills needs in the zeroed struct: an empty string, or a non-zero default. */
    private record DefaultValue(long offset, Object value) {
    }

    private static Step defaulted(List<DefaultValue> defaults) {
        return new Step() {
            @Override
            public void write(Object message, Pointer p, long base, NativeArena arena) {
                for (DefaultValue d : defaults) {
                    if (d.value() instanceof String s) {
                        arena.putString(p, base + d.offset(), s);
                    } else {
                        p.setDouble(base + d.offset(), (Double) d.value());
                    }
                }
            }

            @Override
            public void read(Pointer p, long base, Object[] args) {
                // nobody holds it: read past
            }
        };
    }

    private void collectDefaults(String owner, CLayout.Member m, long offset, List<DefaultValue> out) {
        IdlStruct.Type t = m.member().type();
        int count = Math.max(1, m.member().arrayLength());
        long stride = layouts.sizeOf(t);
        for (int i = 0; i < count; i++) {
            long at = offset + i * stride;
            if (t instanceof IdlStruct.Text) {
                out.add(new DefaultValue(at, ""));
            } else if (t instanceof IdlStruct.Nested n) {
                for (CLayout.Member inner : layouts.struct(n.name()).members()) {
                    collectDefaults(n.name(), inner, at + inner.offset(), out);
                }
            } else if (t instanceof IdlStruct.Scalar) {
                Double v = NONZERO_DEFAULTS.getOrDefault(owner, Map.of()).get(m.member().name());
                if (v != null) {
                    out.add(new DefaultValue(at, v));
                }
            }
            // a sequence's default is the zeroed dds_sequence_t: empty
        }
    }

    private static Map<String, Integer> takePrefixed(Map<String, Integer> byPath, String prefix) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, Integer>> it = byPath.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Integer> e = it.next();
            if (e.getKey().startsWith(prefix)) {
                out.put(e.getKey().substring(prefix.length()), e.getValue());
                it.remove();
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "CLayoutCodec[" + type.getSimpleName() + " as " + layout.name() + "]";
    }
}
