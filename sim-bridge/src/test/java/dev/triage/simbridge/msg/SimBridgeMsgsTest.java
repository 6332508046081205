package dev.triage.simbridge.msg;

import dev.triage.ros.msg.Genpy;
import dev.triage.ros.msg.MessageFormatException;
import dev.triage.ros.msg.MsgCatalog;
import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.geometry.Point;
import dev.triage.ros.msg.geometry.Pose;
import dev.triage.ros.msg.geometry.Quaternion;
import dev.triage.ros.msg.geometry.Vector3;
import dev.triage.ros.msg.std.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Round trips of the sim-bridge messages, their md5sums, and (where Debian's genpy is installed) parity with Python
 * classes that genmsg_py generates from this module's .msg files.
 */
class SimBridgeMsgsTest {

    private static final Header H = new Header(7, new Time(1_700_000_000, 5), "map");
    /** Smallest serialized derived_object_msgs/Object: empty frame id, empty polygon, no dimensions. */
    private static final int OBJECT_MIN_BYTES = 16 + 4 + 1 + 1 + 56 + 48 + 48 + 4 + 5 + 1 + 1 + 4;

    private static DerivedObject car(long id) {
        return new DerivedObject(H, id, DerivedObject.OBJECT_TRACKED, true,
                new Pose(new Point(10, -2, 0.5), new Quaternion(0, 0, 0.7071, 0.7071)), SolidPrimitive.box(4.5, 1.8, 1.5),
                DerivedObject.CLASSIFICATION_CAR, 255, 4_000_000_001L);
    }

    private static TfMessage tf() {
        return new TfMessage(List.of(
                new TransformStamped(H, "ego", new Transform(new Vector3(1, 2, 3), new Quaternion(0, 0, 1, 0))),
                new TransformStamped(new Header(8, new Time(3, 4), "ego"), "ego/front",
                        new Transform(new Vector3(2, 0, 1.6), Quaternion.IDENTITY))));
    }

    @Test
    void objectArrayRoundTrips() {
        DerivedObject walker = new DerivedObject(new Header(0, Time.ZERO, ""), 3, DerivedObject.OBJECT_DETECTED, false,
                Pose.IDENTITY, new SolidPrimitive(SolidPrimitive.CYLINDER, new double[]{1.8, 0.3}),
                DerivedObject.CLASSIFICATION_PEDESTRIAN, 0, 0);
        ObjectArray msg = new ObjectArray(H, List.of(car(0xFFFF_FFFFL), walker));
        byte[] wire = SimBridgeMsgs.OBJECT_ARRAY.serialize(msg);
        assertEquals(msg, SimBridgeMsgs.OBJECT_ARRAY.deserialize(wire));
        assertArrayEquals(wire, SimBridgeMsgs.OBJECT_ARRAY.serialize(SimBridgeMsgs.OBJECT_ARRAY.deserialize(wire)));
        // frame "map" twice + two empty-ish objects: layout size is fixed by the definition
        int expected = (16 + 3) + 4 + (OBJECT_MIN_BYTES + 3 + 24) + (OBJECT_MIN_BYTES + 16);
        assertEquals(expected, wire.length);
    }

    @Test
    void hostilePolygonLengthIsRefused() {
        byte[] wire = SimBridgeMsgs.OBJECT_ARRAY.serialize(new ObjectArray(H, List.of(car(1))));
        int polygonAt = (16 + 3) + 4 + (16 + 3) + 4 + 1 + 1 + 56 + 96;
        ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN).putInt(polygonAt, 1_000_000);
        assertThrows(MessageFormatException.class, () -> SimBridgeMsgs.OBJECT_ARRAY.deserialize(wire));
    }

    @Test
    void tfMessageRoundTrips() {
        TfMessage msg = tf();
        byte[] wire = SimBridgeMsgs.TF_MESSAGE.serialize(msg);
        assertEquals(msg, SimBridgeMsgs.TF_MESSAGE.deserialize(wire));
        assertEquals(4 + (16 + 3 + 4 + 3 + 56) + (16 + 3 + 4 + 9 + 56), wire.length);
    }

    @Test
    void md5sumsMatchRos() {
        assertEquals("94810edda583a504dfda3829e70d7eec", SimBridgeMsgs.TF_MESSAGE.md5());
        assertEquals("d8f8cbc74c5ff283fca29569ccefb45d", MsgCatalog.classpath().md5("shape_msgs/SolidPrimitive"));
        assertTrue(SimBridgeMsgs.OBJECT_ARRAY.md5().matches("[0-9a-f]{32}"));
        assertTrue(SimBridgeMsgs.OBJECT_ARRAY.definition().contains("MSG: shape_msgs/SolidPrimitive\n"));
    }

    @Test
    void solidPrimitiveCopiesAndComparesDimensions() {
        double[] d = {1, 2, 3};
        SolidPrimitive s = new SolidPrimitive(SolidPrimitive.BOX, d);
        d[0] = 9;
        assertEquals(1, s.dimensions()[SolidPrimitive.BOX_X]);
        assertEquals(SolidPrimitive.box(1, 2, 3), s);
        assertEquals(SolidPrimitive.box(1, 2, 3).hashCode(), s.hashCode());
        assertThrows(IllegalArgumentException.class, () -> new SolidPrimitive(256, d));
    }

    // ---- genpy parity -------------------------------------------------------------------------------------------

    private static final String PY = """
            import io, sys, genpy
            from std_msgs.msg import Header
            from geometry_msgs.msg import Pose, Point, Quaternion, Vector3, Twist, Accel, Polygon, Point32, Transform, TransformStamped
            from shape_msgs.msg import SolidPrimitive
            from derived_object_msgs.msg import Object, ObjectArray
            from tf2_msgs.msg import TFMessage
            def ser(name, m):
                b = io.BytesIO(); m.serialize(b); print('hex', name, b.getvalue().hex())
                print('md5', name, m._md5sum)
            h = Header(seq=7, stamp=genpy.Time(1700000000, 5), frame_id='map')
            pose = Pose(Point(10, -2, 0.5), Quaternion(0, 0, 0.7071, 0.7071))
            full = Object(header=h, id=4000000000, detection_level=1, object_classified=True, pose=pose,
                twist=Twist(Vector3(1, 2, 3), Vector3(4, 5, 6)), accel=Accel(Vector3(-1, -2, -3), Vector3(0.1, 0.2, 0.3)),
                polygon=Polygon([Point32(1, 2, 3), Point32(4, 5, 6)]),
                shape=SolidPrimitive(type=SolidPrimitive.BOX, dimensions=[4.5, 1.8, 1.5]),
                classification=Object.CLASSIFICATION_TRUCK, classification_certainty=200, classification_age=4000000001)
            bare = Object(header=Header(seq=1, stamp=genpy.Time(2, 3), frame_id=''), id=3, detection_level=0,
                object_classified=False, pose=Pose(Point(1, 2, 3), Quaternion(0, 0, 0, 1)),
                shape=SolidPrimitive(type=SolidPrimitive.CYLINDER, dimensions=[1.8, 0.3]),
                classification=Object.CLASSIFICATION_PEDESTRIAN, classification_certainty=9, classification_age=1)
            ser('ObjectArrayFull', ObjectArray(header=h, objects=[full, bare]))
            ser('ObjectArrayBare', ObjectArray(header=h, objects=[bare]))
            ser('TFMessage', TFMessage(transforms=[TransformStamped(header=h, child_frame_id='ego',
                transform=Transform(Vector3(1, 2, 3), Quaternion(0, 0, 1, 0)))]))
            print('md5', 'Object', Object._md5sum)
            print('md5', 'SolidPrimitive', SolidPrimitive._md5sum)
            sys.stdout.write('def ' + ObjectArray._full_text.encode('utf-8').hex() + '\\n')
            """;

    @TempDir
    Path tmp;

    @Test
    void matchesGenpyGeneratedFromOurMsgFiles() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of(Genpy.GENMSG))
                        && Files.isDirectory(Path.of("/usr/share/std_msgs/msg"))
                        && Files.isDirectory(Path.of("/usr/share/geometry_msgs/msg"))
                        && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/geometry_msgs")),
                "Debian genpy / python3-geometry-msgs missing: skipping genpy parity");
        Genpy genpy = new Genpy(tmp);
        Path shapeDir = genpy.copy("shape_msgs", "SolidPrimitive");
        Path tf2Dir = genpy.copy("tf2_msgs", "TFMessage");
        Path dobjDir = genpy.copy("derived_object_msgs", "Object", "ObjectArray");
        List<String> includes = List.of("-Istd_msgs:/usr/share/std_msgs/msg",
                "-Igeometry_msgs:/usr/share/geometry_msgs/msg", "-Ishape_msgs:" + shapeDir, "-Itf2_msgs:" + tf2Dir,
                "-Iderived_object_msgs:" + dobjDir);
        genpy.generate("shape_msgs", shapeDir, includes, "SolidPrimitive");
        genpy.generate("tf2_msgs", tf2Dir, includes, "TFMessage");
        genpy.generate("derived_object_msgs", dobjDir, includes, "Object", "ObjectArray");

        Genpy.Output printed = genpy.run(PY);
        Map<String, String> hex = printed.hex();
        Map<String, String> md5 = printed.md5();
        String definition = printed.definition();

        assertEquals(md5.get("ObjectArrayFull"), SimBridgeMsgs.OBJECT_ARRAY.md5(), "ObjectArray md5");
        assertEquals(md5.get("Object"), MsgCatalog.classpath().md5("derived_object_msgs/Object"), "Object md5");
        assertEquals(md5.get("SolidPrimitive"), MsgCatalog.classpath().md5("shape_msgs/SolidPrimitive"));
        assertEquals(md5.get("TFMessage"), SimBridgeMsgs.TF_MESSAGE.md5(), "TFMessage md5");
        assertEquals(Genpy.sections(definition), Genpy.sections(SimBridgeMsgs.OBJECT_ARRAY.definition()));

        // genpy bytes with non-zero twist/accel and a polygon decode; the discarded parts leave the rest aligned
        ObjectArray full = SimBridgeMsgs.OBJECT_ARRAY.deserialize(HexFormat.of().parseHex(hex.get("ObjectArrayFull")));
        assertEquals(H, full.header());
        assertEquals(2, full.objects().size());
        DerivedObject truck = full.objects().get(0);
        assertEquals(new DerivedObject(H, 4_000_000_000L, DerivedObject.OBJECT_TRACKED, true,
                new Pose(new Point(10, -2, 0.5), new Quaternion(0, 0, 0.7071, 0.7071)), SolidPrimitive.box(4.5, 1.8, 1.5),
                DerivedObject.CLASSIFICATION_TRUCK, 200, 4_000_000_001L), truck);
        DerivedObject bare = new DerivedObject(new Header(1, new Time(2, 3), ""), 3, DerivedObject.OBJECT_DETECTED,
                false, new Pose(new Point(1, 2, 3), Quaternion.IDENTITY),
                new SolidPrimitive(SolidPrimitive.CYLINDER, new double[]{1.8, 0.3}),
                DerivedObject.CLASSIFICATION_PEDESTRIAN, 9, 1);
        assertEquals(bare, full.objects().get(1));

        // with zero twist/accel and no polygon, Java writes exactly genpy's bytes
        assertEquals(hex.get("ObjectArrayBare"),
                HexFormat.of().formatHex(SimBridgeMsgs.OBJECT_ARRAY.serialize(new ObjectArray(H, List.of(bare)))));
        TfMessage tf = new TfMessage(List.of(
                new TransformStamped(H, "ego", new Transform(new Vector3(1, 2, 3), new Quaternion(0, 0, 1, 0)))));
        assertEquals(hex.get("TFMessage"), HexFormat.of().formatHex(SimBridgeMsgs.TF_MESSAGE.serialize(tf)));
        assertEquals(tf, SimBridgeMsgs.TF_MESSAGE.deserialize(HexFormat.of().parseHex(hex.get("TFMessage"))));
    }
}
