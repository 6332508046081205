package dev.triage.ros.msg;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one wire codec of every message record: it walks the type's .msg definition (from {@link MsgCatalog}) in field
 * order and binds each field to the record component of the same name in camelCase ({@code frame_id} to
 * {@code frameId}, {@code D} to {@code d}). Java types follow {@link WireTypes}; nested messages are records again.
 * A field the record leaves out is read in full and dropped, and written as zeros (derived_object_msgs/Object's
 * {@code twist}, for one). Every record component must name a field; a mismatch fails when the codec is built, that
 * is when its {@link MessageType} constant is first used.
 *
 * <pre>{@code
 * MessageType<Float32> t = MessageType.of("std_msgs/Float32", Float32.class); // builds RecordCodec.of(...)
 * }</pre>
 *
 * @param <R> the message record
 */
public final class RecordCodec<R extends Record> implements MessageCodec<R> {

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    private final Class<R> type;
    private final WireType[] wires;
    private final MethodHandle[] getters;
    private final int[] slots;
    private final int components;
    private final MethodHandle constructor;
    private final int minBytes;
    private final boolean fixedSize;

    private RecordCodec(Class<R> type, String fullName) {
        this.type = type;
        MsgSpec spec = MsgCatalog.classpath().spec(fullName);
        RecordComponent[] recordComponents = type.getRecordComponents();
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < recordComponents.length; i++) {
            byName.put(recordComponents[i].getName(), i);
        }
        List<MsgField> fields = spec.fields();
        wires = new WireType[fields.size()];
        getters = new MethodHandle[fields.size()];
        slots = new int[fields.size()];
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        int size = 0;
        boolean fixed = true;
        try {
            for (int i = 0; i < fields.size(); i++) {
                Integer slot = byName.remove(camelCase(fields.get(i).name()));
                slots[i] = slot == null ? -1 : slot;
                RecordComponent c = slot == null ? null : recordComponents[slot];
                wires[i] = WireTypes.of(spec, fields.get(i), c == null ? null : c.getGenericType());
                getters[i] = c == null ? null : lookup.unreflect(c.getAccessor()).asType(GETTER);
                size += wires[i].minBytes();
                fixed &= wires[i].fixedSize();
            }
            if (!byName.isEmpty()) {
                throw new IllegalArgumentException(type.getName() + " has components " + byName.keySet()
                        + " that " + fullName + " does not define");
            }
            Class<?>[] parameterTypes = Arrays.stream(recordComponents).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(parameterTypes))
                    .asSpreader(Object[].class, parameterTypes.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " is not a public record for " + fullName, e);
        }
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
            wires[i].write(getters[i] == null ? wires[i].zero() : get(i, message), out);
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
            size += wires[i].fixedSize() || getters[i] == null ? wires[i].minBytes() : wires[i].sizeHint(get(i, message));
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
        try {
            return getters[field].invokeExact(message);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private R construct(Object[] args) {
        try {
            return type.cast(constructor.invokeExact(args));
        } catch (RuntimeException | Error e) {
            throw e; // a record's own validation (IllegalArgumentException) reaches MessageType as it is
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "RecordCodec[" + type.getSimpleName() + "]";
    }
}
