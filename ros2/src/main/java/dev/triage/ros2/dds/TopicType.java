package dev.triage.ros2.dds;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A ROS 2 message type as Cyclone DDS sees it: a {@code dds_topic_descriptor_t} in native memory (type name,
 * C struct size and alignment, idlc's marshalling ops) plus the conversion between the Java record {@code T} and
 * that C struct, which {@link CLayoutCodec} derives from the record and the type's IDL struct
 * ({@code dds/ros2_types.idl}). A new message is a record, its IDL struct and its line of ops:
 * <pre>{@code
 * public static final TopicType<Float32> FLOAT32 = TopicType.of(Float32.class, "std_msgs::msg::dds_::Float32_");
 * }</pre> Cyclone serialises the struct as XCDR1 ({@code @final} types). The ops come from idlc 0.10.2
 * ({@code dds/ops.txt}, checked against a fresh idlc run by a test); the descriptor carries no XTypes
 * information ({@code m_flagset} 0), so peers match by type name, as with rmw_cyclonedds.
 *
 * @param <T> the Java message record
 */
public final class TopicType<T> {

    /** sizeof(dds_topic_descriptor_t) on 64-bit Linux. */
    private static final int DESCRIPTOR_SIZE = 104;
    private static final Map<String, String> OPS = loadOps();

    private final String typeName;
    private final int size;
    private final Memory descriptor;
    private final CLayoutCodec<T> codec;

    private TopicType(Class<T> record, String typeName) {
        this.typeName = typeName;
        this.codec = CLayoutCodec.of(record, typeName, CLayout.shipped());
        String line = OPS.get(typeName);
        if (line == null) {
            throw new IllegalStateException("no marshalling ops for " + typeName + " in dds/ops.txt");
        }
        Map<String, String> f = new HashMap<>();
        for (String kv : line.split(" ")) {
            int eq = kv.indexOf('=');
            f.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        this.size = Integer.parseInt(f.get("size"));
        int align = Integer.parseInt(f.get("align"));
        CLayout.Struct layout = codec.layout();
        if (layout.size() != size || layout.align() != align) {
            throw new IllegalStateException(typeName + ": computed C layout " + layout.size() + " bytes aligned "
                    + layout.align() + ", idlc's ops.txt says " + size + " aligned " + align);
        }
        int[] ops = Arrays.stream(f.get("ops").split(",")).mapToLong(Long::parseLong).mapToInt(l -> (int) l).toArray();
        Memory opsMem = new Memory(4L * ops.length);
        opsMem.write(0, ops, 0, ops.length);
        Memory name = cString(typeName);
        Memory meta = cString("");
        descriptor = new Memory(DESCRIPTOR_SIZE) {
            // keep the pointed-to blocks alive as long as the descriptor
            @SuppressWarnings("unused") private final Object[] keep = {opsMem, name, meta};
        };
        descriptor.clear();
        descriptor.setInt(0, size);
        descriptor.setInt(4, align);
        descriptor.setInt(8, Integer.parseInt(f.get("flags")));
        descriptor.setInt(12, 0);                   // m_nkeys
        descriptor.setPointer(16, name);            // m_typename
        descriptor.setPointer(24, null);            // m_keys
        descriptor.setInt(32, Integer.parseInt(f.get("nops")));
        descriptor.setPointer(40, opsMem);          // m_ops
        descriptor.setPointer(48, meta);            // m_meta
    }

    /**
     * The type {@code typeName} (an IDL struct of {@code dds/ros2_types.idl} with its line in {@code dds/ops.txt})
     * held in records of {@code record}.
     *
     * @throws IllegalArgumentException when the record and the struct do not fit (see {@link CLayoutCodec})
     * @throws IllegalStateException    when ops.txt lacks the type or disagrees with the computed layout
     */
    public static <R extends Record> TopicType<R> of(Class<R> record, String typeName) {
        return new TopicType<>(record, typeName);
    }

    private static Map<String, String> loadOps() {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = TopicType.class.getResourceAsStream("/dds/ops.txt")) {
            if (in == null) {
                throw new IllegalStateException("dds/ops.txt missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int sp = line.indexOf(' ');
                    out.put(line.substring(0, sp), line.substring(sp + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The DDS type name, e.g. {@code sensor_msgs::msg::dds_::Image_}. */
    public String typeName() {
        return typeName;
    }

    /** sizeof the C struct. */
    public int size() {
        return size;
    }

    Pointer descriptor() {
        return descriptor;
    }

    CLayoutCodec<T> codec() {
        return codec;
    }

    /** Writes {@code msg} into {@code sample} (zeroed, {@link #size()} bytes); extra blocks come from {@code arena}. */
    void write(T msg, Pointer sample, NativeArena arena) {
        codec.write(msg, sample, 0, arena);
    }

    /**
     * Reads a sample that Cyclone deserialised (a loan).
     *
     * @throws IllegalArgumentException when the content violates the message's rules
     */
    T read(Pointer sample) {
        return codec.read(sample, 0);
    }

    static Memory cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(b.length + 1L);
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
        return m;
    }
}
