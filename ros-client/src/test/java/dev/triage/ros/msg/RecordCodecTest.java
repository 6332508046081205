package dev.triage.ros.msg;

import dev.triage.ros.msg.geometry.Point;
import dev.triage.ros.msg.std.Header;
import dev.triage.ros.msg.triage.Lane;
import dev.triage.ros.msg.triage.LaneArray;
import dev.triage.ros.msg.triage.SceneContext;
import dev.triage.ros.msg.triage.TriageMsgs;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one record codec: name binding, refused mismatches, and the triage_msgs layouts it derives. */
class RecordCodecTest {

    /** A record with a component std_msgs/Float32 does not define. */
    public record Extra(float data, int more) {
    }

    /** A record that holds std_msgs/Float32's float in a double. */
    public record WrongType(double data) {
    }

    /** A record that mirrors diagnostic_msgs/DiagnosticStatus's WARN with the wrong value. */
    public record WrongConstant(byte level, String name, String message, String hardwareId,
                                List<dev.triage.ros.msg.diagnostic.KeyValue> values) {
        /** The .msg says 1. */
        public static final byte WARN = 4;
    }

    @Test
    void fieldNamesBecomeComponentNames() {
        assertEquals("frameId", RecordCodec.camelCase("frame_id"));
        assertEquals("d", RecordCodec.camelCase("D"));
        assertEquals("meshUseEmbeddedMaterials", RecordCodec.camelCase("mesh_use_embedded_materials"));
        assertEquals("isBigendian", RecordCodec.camelCase("is_bigendian"));
    }

    @Test
    void aRecordThatDoesNotFitTheDefinitionIsRefusedWhenTheCodecIsBuilt() {
        var extra = assertThrows(IllegalArgumentException.class, () -> RecordCodec.of(Extra.class, "std_msgs/Float32"));
        assertTrue(extra.getMessage().contains("[more]"), extra.getMessage());
        var wrong = assertThrows(IllegalArgumentException.class,
                () -> RecordCodec.of(WrongType.class, "std_msgs/Float32"));
        assertTrue(wrong.getMessage().contains("std_msgs/Float32.data (float32)"), wrong.getMessage());
        var constant = assertThrows(IllegalArgumentException.class,
                () -> RecordCodec.of(WrongConstant.class, "diagnostic_msgs/DiagnosticStatus"));
        assertTrue(constant.getMessage().contains("WrongConstant.WARN is 4, but diagnostic_msgs/DiagnosticStatus "
                + "defines byte WARN=1"), constant.getMessage());
    }

    @Test
    void laneArrayFollowsTheMsgLayout() {
        Lane lane = new Lane(Lane.SLOT_EGO_LEFT, Lane.TYPE_DASHED, 0.5f, List.of(new Point(1, 2, 0), new Point(3, 4, 0)),
                new float[]{0.25f, 0.75f});
        LaneArray msg = new LaneArray(new Header(3, new Time(4, 5), "cam"), 640, 384, List.of(lane));
        byte[] wire = TriageMsgs.LANE_ARRAY.serialize(msg);
        ByteBuffer b = ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN);
        int at = 4 + 8 + 4 + 3;
        assertEquals(640, b.getInt(at));
        assertEquals(384, b.getInt(at + 4));
        assertEquals(1, b.getInt(at + 8));
        assertEquals(Lane.SLOT_EGO_LEFT, wire[at + 12]);
        assertEquals(Lane.TYPE_DASHED, wire[at + 13]);
        assertEquals(0.5f, b.getFloat(at + 14));
        assertEquals(at + 12 + 2 + 4 + (4 + 2 * 24) + (4 + 2 * 4), wire.length);
        LaneArray back = TriageMsgs.LANE_ARRAY.deserialize(wire);
        assertEquals(msg.lanes().get(0).points(), back.lanes().get(0).points());
        assertArrayEquals(wire, TriageMsgs.LANE_ARRAY.serialize(back));
    }

    @Test
    void sceneContextRoundTripsAndRefusesHostileLengths() {
        SceneContext msg = new SceneContext(new Header(1, new Time(2, 3), "cam"), "urban", List.of("urban", "highway"),
                new float[]{0.75f, 0.25f}, new float[]{0.5f, 0.5f}, true, List.of("urban"), 4, 12.5f, true);
        byte[] wire = TriageMsgs.SCENE_CONTEXT.serialize(msg);
        assertArrayEquals(wire, TriageMsgs.SCENE_CONTEXT.serialize(TriageMsgs.SCENE_CONTEXT.deserialize(wire)));
        int scenesAt = 4 + 8 + 4 + 3 + 4 + 5;
        ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN).putInt(scenesAt, 1_000_000);
        assertThrows(MessageFormatException.class, () -> TriageMsgs.SCENE_CONTEXT.deserialize(wire));
    }
}
