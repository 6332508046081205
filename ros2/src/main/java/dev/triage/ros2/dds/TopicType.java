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
 * that C struct. Cyclone serialises the struct as XCDR1 ({@code @final} types). The ops come from idlc 0.10.2
 * ({@code dds/ops.txt}, checked against a fresh idlc run by a test); the descriptor carries no XTypes
 * information ({@code m_flagset} 0), so peers match by type name, as with rmw_cyclonedds.
 *
 * @param <T> the Java message record
 */
public abstract class TopicType<T> {

    /** sizeof(dds_topic_descriptor_t) on 64-bit Linux. */
    private static final int DESCRIPTOR_SIZE = 104;
    private static final Map<String, String> OPS = loadOps();

    private final String typeName;
    private final int size;
    private final Memory descriptor;

    protected TopicType(String typeName) {
        this.typeName = typeName;
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
        descriptor.setInt(4, Integer.parseInt(f.get("align")));
        descriptor.setInt(8, Integer.parseInt(f.get("flags")));
        descriptor.setInt(12, 0);                   // m_nkeys
        descriptor.setPointer(16, name);            // m_typename
        descriptor.setPointer(24, null);            // m_keys
        descriptor.setInt(32, Integer.parseInt(f.get("nops")));
        descriptor.setPointer(40, opsMem);          // m_ops
        descriptor.setPointer(48, meta);            // m_meta
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

    /** Writes {@code msg} into {@code sample} (zeroed, {@link #size()} bytes); extra blocks come from {@code arena}. */
    protected abstract void write(T msg, Pointer sample, NativeArena arena);

    /**
     * Reads a sample that Cyclone deserialised (a loan).
     *
     * @throws IllegalArgumentException when the content violates the message's rules
     */
    protected abstract T read(Pointer sample);

    static Memory cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(b.length + 1L);
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
        return m;
    }
}
