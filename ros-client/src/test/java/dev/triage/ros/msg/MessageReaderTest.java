package dev.triage.ros.msg;

import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.msg.std.Header;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MessageReaderTest {

    @Test
    void hostileArrayLengthFailsWithoutAllocating() {
        byte[] wire = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2};
        assertThrows(MessageFormatException.class, () -> new MessageReader(wire).bytes());
        assertThrows(MessageFormatException.class, () -> new MessageReader(wire).float64Array());
        assertThrows(MessageFormatException.class, () -> new MessageReader(wire).string());
    }

    @Test
    void truncatedAndTrailingBytesAreRefused() {
        Image img = new Image(new Header(1, new Time(2, 3), "f"), 1, 1, "mono8", false, 1, new byte[]{9});
        byte[] wire = SensorMsgs.IMAGE.serialize(img);
        assertThrows(MessageFormatException.class,
                () -> SensorMsgs.IMAGE.deserialize(Arrays.copyOf(wire, wire.length - 1)));
        assertThrows(MessageFormatException.class,
                () -> SensorMsgs.IMAGE.deserialize(Arrays.copyOf(wire, wire.length + 1)));
        assertEquals("f", SensorMsgs.IMAGE.deserialize(wire).header().frameId());
    }

    @Test
    void framedSerializationPrefixesTheLength() {
        byte[] framed = SensorMsgs.IMAGE.serializeFramed(new Image(new Header(0, Time.ZERO, ""), 0, 0, "", false, 0,
                new byte[0]));
        assertEquals(framed.length - 4, framed[0]);
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] wire = {2, 0, 0, 0, (byte) 0xc3, (byte) 0x28};
        assertThrows(MessageFormatException.class, () -> new MessageReader(wire).string());
    }

    @Test
    void timeConversions() {
        assertEquals(4_000_000_005L, Time.ofNanos(4_000_000_005L).toNanos());
        assertEquals(new Time((int) 3_000_000_000L, 0).toNanos(), 3_000_000_000_000_000_000L);
        assertEquals(new RosDuration(-1, 500_000_000), RosDuration.ofNanos(-500_000_000));
    }
}
