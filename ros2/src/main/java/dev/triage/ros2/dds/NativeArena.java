package dev.triage.ros2.dds;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Native blocks for one sample being written: strings and sequence buffers that the C struct points at. They stay
 * alive until {@link #close()}, after {@code dds_write} has serialised the sample. Helpers for the C layout of
 * strings ({@code char*}) and {@code dds_sequence_t} ({@code {uint32 _maximum, uint32 _length, T* _buffer,
 * bool _release}}, 24 bytes).
 */
public final class NativeArena implements AutoCloseable {

    /** sizeof(dds_sequence_t). */
    public static final int SEQUENCE_SIZE = 24;

    private final List<Memory> blocks = new ArrayList<>();

    /** A zeroed block of {@code bytes} (at least 1). */
    public Memory allocate(long bytes) {
        Memory m = new Memory(Math.max(1, bytes));
        m.clear();
        blocks.add(m);
        return m;
    }

    /** Sets the {@code char*} at {@code offset} to a NUL-terminated UTF-8 copy of {@code s}. */
    public void putString(Pointer struct, long offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Memory m = allocate(b.length + 1L);
        m.write(0, b, 0, b.length);
        struct.setPointer(offset, m);
    }

    /**
     * Sets the sequence at {@code offset} to {@code length} elements of {@code elementSize} bytes and returns the
     * zeroed element buffer (null when empty).
     */
    public Pointer putSequence(Pointer struct, long offset, int length, int elementSize) {
        struct.setInt(offset, length);
        struct.setInt(offset + 4, length);
        Memory buf = length == 0 ? null : allocate((long) length * elementSize);
        struct.setPointer(offset + 8, buf);
        struct.setByte(offset + 16, (byte) 0);   // _release false: the buffer is ours
        return buf;
    }

    /** Reads the {@code char*} at {@code offset} (null pointer = ""). */
    public static String getString(Pointer struct, long offset) {
        Pointer p = struct.getPointer(offset);
        return p == null ? "" : p.getString(0, StandardCharsets.UTF_8.name());
    }

    /** The length of the sequence at {@code offset}. */
    public static int sequenceLength(Pointer struct, long offset) {
        return struct.getInt(offset + 4);
    }

    /** The element buffer of the sequence at {@code offset}. */
    public static Pointer sequenceBuffer(Pointer struct, long offset) {
        return struct.getPointer(offset + 8);
    }

    @Override
    public void close() {
        for (Memory m : blocks) {
            m.close();
        }
        blocks.clear();
    }
}
