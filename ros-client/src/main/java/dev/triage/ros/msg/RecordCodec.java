package dev.triage.ros.msg;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one wire codec of every message record: it walks the type's .msg definition (from {@link MsgCatalog}) in field
 * order and binds each field to the record component of the same name in camelCase ({@code frame_id} to
 * {@code frameId}, {@code D} to {@code d}). Java types follow {@link WireTypes}; nested messages are records again.
 * A field the record leaves out is read in full and dropped, and written as zeros (derived_object_msgs/Object's
 * {@code twist}, for one). Every record component must name a field, and every constant the record mirrors (a
 * public static field named as a .msg constant) must carry the .msg's value; a mismatch fails when the codec is
 * built, that is when its {@link MessageType} constant is first used.
 *
 * <pre>{@code
 * MessageType<Float32> t = MessageType.of("std_msgs/Float32", Float32.class); // builds RecordCodec.of(...)
 * }</pre>
 *
 * @param <R> the message record
 */
public final class RecordCodec<R extends Record> implements MessageCodec<R> {

    private final Class<R> type;
    private final WireType[] wires;
    private final int[] slots;
    private final int components;
    private final RecordHandles<R> handles;
    private final int minBytes;
    private final boolean fixedSize;

    private RecordCodec(Class<R> type, String fullName) {
        this.type = type;
        MsgSpec spec = MsgCatalog.classpath().spec(fullName);
        this.handles = RecordHandles.of(type, "for " + fullName);
        RecordComponent[] recordComponents = handles.components();
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < recordComponents.length; i++) {
            byName.put(recordComponents[i].getName(), i);
        }
        List<MsgField> fields = spec.fields();
        wires = new WireType[fields.size()];
        slots = new int[fields.size()];
        int size = 0;
        boolean fixed = true;
        for (int i = 0; i < fields.size(); i++) {
            Integer slot = byName.remove(camelCase(fields.get(i).name()));
            slots[i] = slot == null ? -1 : slot;
            RecordComponent c = slot == null ? null : recordComponents[slot];
            wires[i] = WireTypes.of(spec, fields.get(i), c == null ? null : c.getGenericType());
            size += wires[i].minBytes();
            fixed &= wires[i].fixedSize();
        }
        if (!byName.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " has components " + byName.keySet()
                    + " that " + fullName + " does not define");
        }
        checkConstants(type, spec);
        this.components = recordComponents.length;
        this.minBytes = size;
        this.fixedSize = fixed;
    }

    /**
     * The codec that holds {@code fullName} in records of {@code type}.
     *
     * @throws IllegalArgumentException when the definition is missing, or a field and a component do not match
     */
    public static <R extends Record> RecordCodec<R> of(Class<R> type, String fullName) {
        return new RecordCodec<>(type, fullName);
    }

    /**
     * A record that mirrors a constant of its .msg ({@code Marker.LINE_STRIP}, {@code DiagnosticStatus.WARN}) must
     * carry the .msg's value: the static field of the same name is compared with the definition's value text.
     */
    static void checkConstants(Class<?> type, MsgSpec spec) {
        for (MsgConstant c : spec.constants()) {
            Field field;
            try {
                field = type.getField(c.name());
            } catch (NoSuchFieldException e) {
                continue; // not mirrored
            }
            Object value;
            try {
                value = Modifier.isStatic(field.getModifiers()) ? field.get(null) : null;
            } catch (IllegalAccessException e) {
                value = null;
            }
            if (!sameValue(value, c)) {
                throw new IllegalArgumentException(type.getName() + "." + c.name() + " is " + value + ", but "
                        + spec.fullName() + " defines " + c.type() + " " + c.name() + "=" + c.valueText());
            }
        }
    }

    private static boolean sameValue(Object value, MsgConstant c) {
        try {
            if (value instanceof Float f) {
                return f == Float.parseFloat(c.valueText());
            }
            if (value instanceof Double d) {
                return d == Double.parseDouble(c.valueText());
            }
            if (value instanceof Number n) {
                return n.longValue() == Long.parseLong(c.valueText());
            }
            return value != null && value.toString().equals(c.valueText());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code frame_id} to {@code frameId}, {@code D} to {@code d}. */
    static String camelCase(String fieldName) {
        StringBuilder b = new StringBuilder(fieldName.length());
        boolean upper = false;
        for (char ch : fieldName.toCharArray()) {
            if (ch == '_') {
                upper = b.length() > 0;
            } else {
                b.append(upper ? Character.toUpperCase(ch) : b.length() == 0 ? Character.toLowerCase(ch) : ch);
                upper = false;
            }
        }
        return b.toString();
    }

    @Override
    public void write(R message, MessageWriter out) {
        writeValue(message, out);
    }

    void writeValue(Object message, MessageWriter out) {
        for (int i = 0; i < wires.length; i++) {
            wires[i].write(slots[i] < 0 ? wires[i].zero() : get(i, message), out);
        }
    }

    @Override
    public R read(MessageReader in) {
        Object[] args = new Object[components];
        for (int i = 0; i < wires.length; i++) {
            Object value = wires[i].read(in);
            if (slots[i] >= 0) {
                args[slots[i]] = value;
            }
        }
        return construct(args);
    }

    @Override
    public int sizeHint(R message) {
        return sizeHintOf(message);
    }

    int sizeHintOf(Object message) {
        if (fixedSize) {
            return minBytes;
        }
        int size = 0;
        for (int i = 0; i < wires.length; i++) {
            size += wires[i].fixedSize() || slots[i] < 0 ? wires[i].minBytes() : wires[i].sizeHint(get(i, message));
        }
        return size;
    }

    /** The smallest serialized size of one message. */
    public int minBytes() {
        return minBytes;
    }

    boolean fixedSize() {
        return fixedSize;
    }

    /** A record of zeros and empties, for a fixed-length array nobody fills. */
    R zero() {
        Object[] args = new Object[components];
        for (int i = 0; i < wires.length; i++) {
            if (slots[i] >= 0) {
                args[slots[i]] = wires[i].zero();
            }
        }
        return construct(args);
    }

    private Object get(int field, Object message) {
        return handles.get(slots[field], message);
    }

    private R construct(Object[] args) {
        // a record's own validation (IllegalArgumentException) reaches MessageType as it is
        return handles.construct(args);
    }

    @Override
    public String toString() {
        return "RecordCodec[" + type.getSimpleName() + "]";
    }
}
