package dev.triage.ros.tcpros;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportUnitTest {

    @Test
    void connectionHeaderRoundTripsInTheWireLayout() throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("callerid", "/a");
        f.put("message_definition", "uint8 x=1\nstring s");
        ConnectionHeader h = new ConnectionHeader(f);
        byte[] wire = h.encode();
        // total length, then "callerid=/a" (11 bytes) with its own length, little-endian
        assertEquals(wire.length - 4, wire[0] & 0xff);
        assertEquals(11, wire[4]);
        assertEquals("callerid=/a", new String(wire, 8, 11));
        assertEquals(h, ConnectionHeader.read(new ByteArrayInputStream(wire)));
    }

    @Test
    void hostileHeaderLengthsAreRefused() {
        byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};
        assertThrows(IOException.class, () -> ConnectionHeader.read(new ByteArrayInputStream(huge)));
        byte[] badField = {8, 0, 0, 0, 100, 0, 0, 0, 'a', '=', 'b', 'c'};
        assertThrows(IOException.class, () -> ConnectionHeader.read(new ByteArrayInputStream(badField)));
        byte[] noEquals = {5, 0, 0, 0, 1, 0, 0, 0, 'a'};
        assertThrows(IOException.class, () -> ConnectionHeader.read(new ByteArrayInputStream(noEquals)));
    }

    @Test
    void framesAboveTheCapAreRefusedBeforeAllocation() {
        byte[] frame = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        OversizedMessageException e = assertThrows(OversizedMessageException.class,
                () -> Frames.read(new DataInputStream(new ByteArrayInputStream(frame)), 1 << 20));
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
    }

    @Test
    void headerCheckFollowsRosRules() {
        ConnectionHeader ok = new ConnectionHeader(Map.of("type", "std_msgs/Float32", "md5sum", "abc"));
        assertTrue(HeaderCheck.mismatch("/t", "std_msgs/Float32", "abc", ok).isEmpty());
        assertTrue(HeaderCheck.mismatch("/t", "std_msgs/Float32", "abc",
                new ConnectionHeader(Map.of("type", "*", "md5sum", "*"))).isEmpty());
        assertTrue(HeaderCheck.mismatch("/t", "std_msgs/Float32", "abd", ok).orElseThrow().contains("md5sum mismatch"));
        assertTrue(HeaderCheck.mismatch("/t", "std_msgs/Other", "abc", ok).orElseThrow().contains("type mismatch"));
        assertTrue(HeaderCheck.mismatch("/t", "x/Y", "abc", new ConnectionHeader(Map.of("type", "x/Y")))
                .orElseThrow().contains("no md5sum"));
        assertTrue(HeaderCheck.mismatch("/t", "x/Y", "abc", ConnectionHeader.error("go away"))
                .orElseThrow().contains("go away"));
    }

    @Test
    void dropOldestQueueKeepsTheNewestAndCounts() throws InterruptedException {
        DropOldestQueue<Integer> q = new DropOldestQueue<>(2);
        for (int i = 0; i < 5; i++) {
            q.offer(i);
        }
        assertEquals(3, q.dropped());
        assertEquals(3, q.poll(1, TimeUnit.MILLISECONDS));
        assertEquals(4, q.poll(1, TimeUnit.MILLISECONDS));
        assertNull(q.poll(1, TimeUnit.MILLISECONDS));
        q.close();
        q.offer(9);
        assertEquals(0, q.size());
        assertThrows(IllegalArgumentException.class, () -> new DropOldestQueue<>(0));
    }
}
