package dev.triage.ros.msg;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Reads the components of a public record and calls its canonical constructor through method handles: what the
 * record-based message codecs (ROS 1's {@link RecordCodec}, ROS 2's C-layout codec) share.
 *
 * <pre>{@code
 * RecordHandles<Header> h = RecordHandles.of(Header.class);
 * Header copy = h.construct(new Object[]{h.get(0, header), h.get(1, header), h.get(2, header)});
 * }</pre>
 *
 * @param <R> the record
 */
public final class RecordHandles<R> {

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    private final Class<R> type;
    private final RecordComponent[] components;
    private final MethodHandle[] getters;
    private final MethodHandle constructor;

    private RecordHandles(Class<R> type) throws ReflectiveOperationException {
        this.type = type;
        this.components = type.getRecordComponents();
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        getters = new MethodHandle[components.length];
        for (int i = 0; i < components.length; i++) {
            getters[i] = lookup.unreflect(components[i].getAccessor()).asType(GETTER);
        }
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(parameterTypes))
                .asSpreader(Object[].class, parameterTypes.length)
                .asType(MethodType.methodType(Object.class, Object[].class));
    }

    /**
     * The handles of {@code type}.
     *
     * @param purpose what the record is for, in the error message ({@code "for sensor_msgs/Image"})
     * @throws IllegalArgumentException when {@code type} is not a public record
     */
    public static <R> RecordHandles<R> of(Class<R> type, String purpose) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record " + purpose);
        }
        try {
            return new RecordHandles<>(type);
        } catch (ReflectiveOperationException | IllegalAccessError e) {
            throw new IllegalArgumentException(type.getName() + " is not a public record " + purpose, e);
        }
    }

    /** The record's components, in declaration order. */
    public RecordComponent[] components() {
        return components.clone();
    }

    /** Component {@code index} of {@code record}. */
    public Object get(int index, Object record) {
        try {
            return getters[index].invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new record of {@code args} (one per component, in order).
     *
     * @throws IllegalArgumentException (and whatever else) the record's own constructor throws, as it is
     */
    public R construct(Object[] args) {
        try {
            return type.cast(constructor.invokeExact(args));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
