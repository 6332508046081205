package dev.triage.ros.tcpros;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The link's message reader: one reused buffer, the budget taken as bytes arrive, nothing held between messages. */
class FrameReaderTest {

    private static final int MIB = 1 << 20;

    @Test
    void reusesItsBufferAcrossCameraSizedMessagesAndReadsEachExactly() throws IOException {
        byte[] first = pattern(2_764_854, 1);
        byte[] second = pattern(2_764_854, 7);
        byte[] smaller = pattern(1_000_000, 3);
        MemoryBudget budget = new MemoryBudget(16L * MIB);
        FrameReader reader = reader(budget, first, second, smaller);

        FrameReader.Payload a = reader.next();
        assertEquals(first.length, a.length());
        assertArrayEquals(first, Arrays.copyOf(a.bytes(), a.length()));
        assertEquals(first.length, budget.inUse(), "the budget holds the message being read");
        reader.release();
        assertEquals(0, budget.inUse());

        FrameReader.Payload b = reader.next();
        assertSame(a.bytes(), b.bytes(), "a message of the same size reuses the buffer");
        assertArrayEquals(second, Arrays.copyOf(b.bytes(), b.length()));
        assertEquals(second.length, budget.inUse(), "reused capacity is granted as bytes arrive, as for a new buffer");
        reader.release();

        FrameReader.Payload c = reader.next();
        assertSame(a.bytes(), c.bytes(), "a smaller message (more than a quarter of the buffer) reuses it too");
        assertEquals(smaller.length, c.length());
        assertArrayEquals(smaller, Arrays.copyOf(c.bytes(), c.length()));
        reader.release();
        assertEquals(0, budget.inUse());
    }

    @Test
    void dropsABufferFarLargerThanTheMessagesThatFollow() throws IOException {
        byte[] big = pattern(8 * MIB, 5);
        byte[] small = pattern(100, 9);
        FrameReader reader = reader(new MemoryBudget(32L * MIB), big, small, small);
        FrameReader.Payload a = reader.next();
        reader.release();
        FrameReader.Payload b = reader.next();
        assertSame(a.bytes(), b.bytes(), "the small message is read into the buffer it finds");
        assertArrayEquals(small, Arrays.copyOf(b.bytes(), b.length()));
        reader.release();
        FrameReader.Payload c = reader.next();
        assertNotSame(a.bytes(), c.bytes(), "after a message under a quarter of it, the large buffer is let go");
        assertEquals(small.length, c.bytes().length);
        assertArrayEquals(small, Arrays.copyOf(c.bytes(), c.length()));
    }

    @Test
    void aReusedBufferStillNeedsTheBudgetForEachGrowth() throws IOException {
        MemoryBudget budget = new MemoryBudget(4L * MIB);
        byte[] three = pattern(3 * MIB, 2);
        FrameReader reader = reader(budget, three, three);
        reader.next();
        reader.release();
        long taken = budget.inUse();
        assertEquals(0, taken);
        // another link holds most of the budget now: the reused capacity must not bypass it
        budget.tryReserve(2L * MIB, false);
        assertThrows(MessageBudgetException.class, reader::next);
        reader.release();
        assertEquals(2L * MIB, budget.inUse(), "only the other link's bytes remain taken");
    }

    private static FrameReader reader(MemoryBudget budget, byte[]... messages) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            wire.write(m.length & 0xff);
            wire.write(m.length >>> 8 & 0xff);
            wire.write(m.length >>> 16 & 0xff);
            wire.write(m.length >>> 24 & 0xff);
            wire.writeBytes(m);
        }
        DeadlineInputStream timing = new DeadlineInputStream(new ByteArrayInputStream(wire.toByteArray()), () -> true);
        return new FrameReader(timing, timing, 64 * MIB, budget, 1_000_000_000L);
    }

    private static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed * 17 + (i >>> 9));
        }
        return b;
    }
}
