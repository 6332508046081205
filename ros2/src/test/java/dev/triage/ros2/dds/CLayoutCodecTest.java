package dev.triage.ros2.dds;

import com.sun.jna.Pointer;
import dev.triage.ros2.msg.CompressedImage;
import dev.triage.ros2.msg.Detection2D;
import dev.triage.ros2.msg.Detection2DArray;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.Image;
import dev.triage.ros2.msg.LaneArray;
import dev.triage.ros2.msg.Marker;
import dev.triage.ros2.msg.MarkerArray;
import dev.triage.ros2.msg.Ros2Types;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CLayoutCodec}'s rules without DDS: members no component fills get ROS 2's defaults, caps refuse a sample
 * before copying, unsigned values widen, and a record that does not fit its struct fails when the codec is built.
 * The offsets themselves are checked against gcc by {@link CLayoutTest}.
 */
public class CLayoutCodecTest {

    private static final String FLOAT32 = "std_msgs::msg::dds_::Float32_";

    /** A component that std_msgs/Float32 does not define. */
    public record Renamed(float value) {
    }

    /** float32 held in a double. */
    public record Widened(double data) {
    }

    @Test
    void membersNobodyFillsGetRos2Defaults() {
        Detection2D d = new Detection2D(new Header(1, 2, "cam"), List.of(new Detection2D.Hypothesis("person", 0.9)),
                10, 20, 0, 4, 8, "7");
        try (NativeArena arena = new NativeArena()) {
            Pointer p = write(Ros2Types.DETECTION_2D_ARRAY, new Detection2DArray(d.header(), List.of(d)), arena);
            Pointer hypothesis = NativeArena.sequenceBuffer(NativeArena.sequenceBuffer(p, 16), 16);
            assertEquals("person", NativeArena.getString(hypothesis, 0));
            assertEquals(0.9, hypothesis.getDouble(8));
            assertEquals(1.0, hypothesis.getDouble(64), "pose.pose.orientation.w: identity, ROS 2's default");
            for (long off = 16; off < 360; off += 8) {
                if (off != 64) {
                    assertEquals(0.0, hypothesis.getDouble(off), "pose and covariance at " + off);
                }
            }
        }
        Marker m = new Marker(new Header(0, 0, "cam"), "lanes", 1, Marker.LINE_STRIP, Marker.ADD,
                Marker.Pose.IDENTITY, new Marker.Vector3(2, 0, 0), new Marker.Color(1, 0, 0, 1), 0, 500_000_000,
                false, List.of(new LaneArray.Point(1, 2, 0)), List.of(), "", "", false);
        try (NativeArena arena = new NativeArena()) {
            Pointer p = NativeArena.sequenceBuffer(write(Ros2Types.MARKER_ARRAY, new MarkerArray(List.of(m)), arena),
                    0);
            for (long stringAt : new long[]{200, 216, 224, 296}) {   // texture_resource, texture's, mesh_file's
                assertNotNull(p.getPointer(stringAt), "an empty string, not a null char*, at " + stringAt);
                assertEquals("", NativeArena.getString(p, stringAt));
            }
            assertEquals(0, NativeArena.sequenceLength(p, 256), "uv_coordinates empty");
            assertNull(NativeArena.sequenceBuffer(p, 304), "mesh_file.data empty");
            assertEquals(500_000_000, p.getInt(140), "lifetime.nanosec");
        }
    }

    @Test
    void capsRefuseOversizedImagesWithTheirLength() {
        try (NativeArena arena = new NativeArena()) {
            Pointer image = arena.allocate(Ros2Types.IMAGE.size());
            image.setInt(44, Ros2Types.MAX_IMAGE_BYTES + 1);
            assertEquals("image data of 67108865 bytes",
                    assertThrows(IllegalArgumentException.class, () -> Ros2Types.IMAGE.read(image)).getMessage());
            Pointer compressed = arena.allocate(Ros2Types.COMPRESSED_IMAGE.size());
            compressed.setInt(28, -1);
            assertEquals("compressed image of 4294967295 bytes", assertThrows(IllegalArgumentException.class,
                    () -> Ros2Types.COMPRESSED_IMAGE.read(compressed)).getMessage());
        }
    }

    @Test
    void imagesRoundTripThroughTheStruct() {
        byte[] pixels = {1, 2, 3, (byte) 250, 5, 6};
        Image sent = new Image(new Header(-5, (int) 4_000_000_000L, "cam"), 1, 2, "rgb8", true, 6, pixels);
        try (NativeArena arena = new NativeArena()) {
            Pointer p = write(Ros2Types.IMAGE, sent, arena);
            assertEquals(1, p.getByte(32), "is_bigendian");
            Image got = Ros2Types.IMAGE.read(p);
            assertEquals(sent.header(), got.header());
            assertEquals(4_000_000_000L, got.header().toNanos() - got.header().sec() * 1_000_000_000L);
            assertEquals(List.of(1, 2, "rgb8", true, 6), List.of(got.height(), got.width(), got.encoding(),
                    got.bigEndian(), got.step()));
            assertArrayEquals(pixels, got.data());
            CompressedImage empty = new CompressedImage(new Header(0, 0, ""), "jpeg", new byte[0]);
            assertArrayEquals(new byte[0], Ros2Types.COMPRESSED_IMAGE.read(write(Ros2Types.COMPRESSED_IMAGE, empty,
                    arena)).data());
        }
    }

    @Test
    void aRecordThatDoesNotFitItsStructFailsWhenBuilt() {
        CLayout layouts = CLayout.shipped();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CLayoutCodec.of(Renamed.class, FLOAT32, layouts))
                .getMessage().contains("has components [value] that " + FLOAT32 + " does not define"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CLayoutCodec.of(Widened.class, FLOAT32, layouts))
                .getMessage().startsWith("Widened.data: IDL"));
        assertThrows(IllegalArgumentException.class, () -> CLayoutCodec.of(Widened.class, "no::Such_", layouts));
    }

    @Test
    void theIdlParserNamesTheLineItStopsAt() {
        String idl = "module a { module msg {\n  @final struct B_ { int32 x; };\n  struct C_ { B_ b; foo y; };\n}; };";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdlParser.parse("t.idl", idl));
        assertEquals("t.idl:3: unknown type 'foo'", e.getMessage());
        CLayout layout = new CLayout(IdlParser.parse("t.idl", idl.replace(" foo y;", " double y[2]; octet z;")));
        CLayout.Struct c = layout.struct("a::msg::C_");
        assertEquals(List.of(0, 8, 24), c.members().stream().map(CLayout.Member::offset).toList());
        assertEquals(32, c.size());
        assertEquals(8, c.align());
    }

    private static <T> Pointer write(TopicType<T> type, T message, NativeArena arena) {
        Pointer p = arena.allocate(type.size());
        type.write(message, p, arena);
        return p;
    }
}
