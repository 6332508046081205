package dev.triage.ros.msg;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the {@link WireType} of one .msg field from its declared type and the Java type of the record component
 * that holds it (or, where the record leaves the field out, the natural Java type). The pairs it accepts:
 *
 * <table>
 * <caption>ROS type to Java type</caption>
 * <tr><td>bool</td><td>boolean</td></tr>
 * <tr><td>int8, byte</td><td>int (sign-extended) or byte</td></tr>
 * <tr><td>uint8, char</td><td>int (0..255); uint8 also boolean (any non-zero byte is true)</td></tr>
 * <tr><td>int16, uint16, int32</td><td>int</td></tr>
 * <tr><td>uint32</td><td>int (raw bits) or long (0..2^32-1)</td></tr>
 * <tr><td>int64, uint64</td><td>long</td></tr>
 * <tr><td>float32, float64, string, time, duration</td><td>float, double, String, {@link Time}, {@link RosDuration}</td></tr>
 * <tr><td>uint8[] (variable length)</td><td>byte[]</td></tr>
 * <tr><td>float32[], float64[] (any length)</td><td>float[], double[]</td></tr>
 * <tr><td>any other array</td><td>{@code List} of the element's Java type</td></tr>
 * <tr><td>a message type</td><td>a record (see {@link RecordCodec})</td></tr>
 * </table>
 */
final class WireTypes {

    private static final Set<String> BYTE_TYPES = Set.of("uint8", "byte", "char", "int8");
    private static final Map<String, Map<Class<?>, WireType>> SCALARS = scalars();

    private WireTypes() {
    }

    /**
     * The wire type of {@code field} of {@code owner}, held in Java as {@code javaType}.
     *
     * @param javaType the record component's generic type, or null where no component holds the field
     * @throws IllegalArgumentException when the Java type cannot hold the field
     */
    static WireType of(MsgSpec owner, MsgField field, Type javaType) {
        String type = field.type();
        int bracket = type.indexOf('[');
        if (bracket < 0) {
            return element(owner, field, javaType);
        }
        String size = type.substring(bracket + 1, type.length() - 1);
        int fixedLength = size.isEmpty() ? -1 : Integer.parseInt(size);
        String base = field.baseType();
        if ((javaType == null || javaType == byte[].class) && BYTE_TYPES.contains(base) && fixedLength < 0) {
            return ValueWire.bytes();
        }
        if ((javaType == null || javaType == double[].class) && base.equals("float64")) {
            return new NumberArrayWire(false, fixedLength);
        }
        if ((javaType == null || javaType == float[].class) && base.equals("float32")) {
            return new NumberArrayWire(true, fixedLength);
        }
        if (javaType == null) {
            return new ListWire(element(owner, field, null), fixedLength);
        }
        if (javaType instanceof ParameterizedType p && p.getRawType() == List.class) {
            return new ListWire(element(owner, field, p.getActualTypeArguments()[0]), fixedLength);
        }
        throw mismatch(owner, field, javaType);
    }

    private static WireType element(MsgSpec owner, MsgField field, Type javaType) {
        String base = field.baseType();
        if (MsgField.isBuiltinType(base)) {
            Map<Class<?>, WireType> byJavaType = SCALARS.get(base);
            WireType wire = javaType == null ? byJavaType.values().iterator().next() : byJavaType.get(javaType);
            if (wire == null) {
                throw mismatch(owner, field, javaType);
            }
            return wire;
        }
        String nested = owner.resolve(field);
        if (javaType == null) {
            MsgSpec spec = MsgCatalog.classpath().spec(nested);
            WireType[] fields = new WireType[spec.fields().size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = of(spec, spec.fields().get(i), null);
            }
            return new TupleWire(fields);
        }
        if (javaType instanceof Class<?> c && c.isRecord()) {
            return ValueWire.record(RecordCodec.of(c.asSubclass(Record.class), nested));
        }
        throw mismatch(owner, field, javaType);
    }

    private static IllegalArgumentException mismatch(MsgSpec owner, MsgField field, Type javaType) {
        return new IllegalArgumentException(owner.fullName() + "." + field.name() + " (" + field.type()
                + ") cannot be held in a Java " + javaType.getTypeName());
    }

    private static Map<String, Map<Class<?>, WireType>> scalars() {
        Map<String, Map<Class<?>, WireType>> m = new LinkedHashMap<>();
        WireType int8 = ValueWire.fixed(MessageReader::int8, (w, v) -> w.int8((Integer) v), 1, 0);
        WireType int8AsByte = ValueWire.fixed(in -> (byte) in.int8(), (w, v) -> w.int8((Byte) v), 1, (byte) 0);
        WireType uint8 = ValueWire.fixed(MessageReader::uint8, (w, v) -> w.int8((Integer) v), 1, 0);
        WireType int32 = ValueWire.fixed(MessageReader::int32, (w, v) -> w.int32((Integer) v), 4, 0);
        WireType int64 = ValueWire.fixed(MessageReader::int64, (w, v) -> w.int64((Long) v), 8, 0L);
        WireType bool = ValueWire.fixed(MessageReader::bool, (w, v) -> w.bool((Boolean) v), 1, false);
        m.put("bool", Map.of(boolean.class, bool));
        m.put("int8", ordered(int.class, int8, byte.class, int8AsByte));
        m.put("byte", ordered(int.class, int8, byte.class, int8AsByte));
        m.put("uint8", ordered(int.class, uint8, boolean.class, bool));
        m.put("char", Map.of(int.class, uint8));
        m.put("int16", Map.of(int.class, ValueWire.fixed(MessageReader::int16, (w, v) -> w.int16((Integer) v), 2, 0)));
        m.put("uint16", Map.of(int.class,
                ValueWire.fixed(in -> in.int16() & 0xFFFF, (w, v) -> w.int16((Integer) v), 2, 0)));
        m.put("int32", Map.of(int.class, int32));
        m.put("uint32", ordered(int.class, int32, long.class,
                ValueWire.fixed(in -> in.int32() & 0xFFFF_FFFFL, (w, v) -> w.int32((int) (long) (Long) v), 4, 0L)));
        m.put("int64", Map.of(long.class, int64));
        m.put("uint64", Map.of(long.class, int64));
        m.put("float32", Map.of(float.class,
                ValueWire.fixed(MessageReader::float32, (w, v) -> w.float32((Float) v), 4, 0f)));
        m.put("float64", Map.of(double.class,
                ValueWire.fixed(MessageReader::float64, (w, v) -> w.float64((Double) v), 8, 0d)));
        m.put("string", Map.of(String.class, ValueWire.string()));
        m.put("time", Map.of(Time.class, ValueWire.fixed(MessageReader::time, (w, v) -> w.time((Time) v), 8, Time.ZERO)));
        m.put("duration", Map.of(RosDuration.class,
                ValueWire.fixed(MessageReader::duration, (w, v) -> w.duration((RosDuration) v), 8, RosDuration.ZERO)));
        return Map.copyOf(m);
    }

    /** A map whose first entry (the Java type of a field no record holds) is {@code first}. */
    private static Map<Class<?>, WireType> ordered(Class<?> first, WireType firstWire, Class<?> second,
                                                   WireType secondWire) {
        Map<Class<?>, WireType> m = new LinkedHashMap<>();
        m.put(first, firstWire);
        m.put(second, secondWire);
        return m;
    }
}
