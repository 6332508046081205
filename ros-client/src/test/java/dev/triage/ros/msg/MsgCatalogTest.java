package dev.triage.ros.msg;

import dev.triage.ros.msg.diagnostic.DiagnosticMsgs;
import dev.triage.ros.msg.geometry.GeometryMsgs;
import dev.triage.ros.msg.rosgraph.RosgraphMsgs;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.msg.std.StdMsgs;
import dev.triage.ros.msg.vision.VisionMsgs;
import dev.triage.ros.msg.visualization.VisualizationMsgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MsgCatalogTest {

    /**
     * md5sums as ROS publishes them (the first three are the FACTS.md constants; the rest are rosmsg's; the
     * triage_msgs one is genmsg's for the message as first published, pinned so that N scenes left the wire alone).
     */
    @ParameterizedTest
    @CsvSource({
            "sensor_msgs/Image, 060021388200f6f0f447d0fcd9c64743",
            "sensor_msgs/CompressedImage, 8f7a12909da2c9d3332d540a0977563f",
            "vision_msgs/Detection2DArray, 402071f61477de256df9f1aa45e6e4c8",
            "std_msgs/Header, 2176decaecbce78abc3b96ef049fabed",
            "std_msgs/Float32, 73fcbf46b49191e672908e50842a83d4",
            "std_msgs/ColorRGBA, a29a96539573343b1310c73607334b00",
            "rosgraph_msgs/Clock, a9c97c1d230cfc112e270351a944ee47",
            "sensor_msgs/CameraInfo, c9a58c1b0b154e0e6da7578cb991d214",
            "sensor_msgs/RegionOfInterest, bdb633039d588fcccb441a4d43ccfe09",
            "geometry_msgs/Point, 4a842b65f413084dc2b10fb484ea7f17",
            "geometry_msgs/Quaternion, a779879fadf0160734f906b8c19c7004",
            "geometry_msgs/Pose, e45d45a5a1ce597b249e23fb30fc871f",
            "geometry_msgs/Pose2D, 938fa65709584ad8e77d238529be13b8",
            "geometry_msgs/PoseWithCovariance, c23e848cf1b7533a8d7c259073a97e6f",
            "geometry_msgs/Vector3, 4a842b65f413084dc2b10fb484ea7f17",
            "visualization_msgs/Marker, 4048c9de2a16f4ae8e0538085ebf1b97",
            "visualization_msgs/MarkerArray, d155b9ce5188fbaf89745847fd5882d7",
            "diagnostic_msgs/DiagnosticArray, 60810da900de1dd6ddd437c3503511da",
            "diagnostic_msgs/DiagnosticStatus, d0ce08bc6e5ba34c7754f563a9cabaf1",
            "diagnostic_msgs/KeyValue, cf57fdc6617a881a88c16e768132149c",
            "triage_msgs/SceneContext, 2c26d02bb7ce57d705b4618e34d986ed",
    })
    void md5MatchesRos(String type, String md5) {
        assertEquals(md5, MsgCatalog.classpath().md5(type));
    }

    @Test
    void typeConstantsCarryTheCatalogMd5() {
        assertEquals("060021388200f6f0f447d0fcd9c64743", SensorMsgs.IMAGE.md5());
        assertEquals("402071f61477de256df9f1aa45e6e4c8", VisionMsgs.DETECTION_2D_ARRAY.md5());
        assertEquals("d155b9ce5188fbaf89745847fd5882d7", VisualizationMsgs.MARKER_ARRAY.md5());
        assertEquals("60810da900de1dd6ddd437c3503511da", DiagnosticMsgs.DIAGNOSTIC_ARRAY.md5());
        assertEquals("a9c97c1d230cfc112e270351a944ee47", RosgraphMsgs.CLOCK.md5());
        assertEquals("73fcbf46b49191e672908e50842a83d4", StdMsgs.FLOAT32.md5());
        assertEquals("c23e848cf1b7533a8d7c259073a97e6f", GeometryMsgs.POSE_WITH_COVARIANCE.md5());
    }

    @Test
    void md5TextUsesNestedMd5sAndConstantsFirst() {
        MsgCatalog c = MsgCatalog.classpath();
        assertEquals("2176decaecbce78abc3b96ef049fabed header\nuint32 height\nuint32 width\nstring encoding\n"
                + "uint8 is_bigendian\nuint32 step\nuint8[] data", c.md5Text("sensor_msgs/Image"));
        assertTrue(c.md5Text("diagnostic_msgs/DiagnosticStatus").startsWith("byte OK=0\nbyte WARN=1\n"));
    }

    @Test
    void fullDefinitionListsDependenciesDepthFirstOnce() {
        MsgCatalog c = MsgCatalog.classpath();
        assertEquals(List.of("std_msgs/Header", "vision_msgs/Detection2D", "vision_msgs/ObjectHypothesisWithPose",
                        "geometry_msgs/PoseWithCovariance", "geometry_msgs/Pose", "geometry_msgs/Point",
                        "geometry_msgs/Quaternion", "vision_msgs/BoundingBox2D", "geometry_msgs/Pose2D",
                        "sensor_msgs/Image"),
                c.dependencies("vision_msgs/Detection2DArray"));
        String def = c.fullDefinition("sensor_msgs/Image");
        assertTrue(def.contains("\n" + "=".repeat(80) + "\nMSG: std_msgs/Header\n"), def);
        assertTrue(!def.endsWith("\n\n"));
    }

    @Test
    void unknownTypeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MsgCatalog.classpath().md5("nope_msgs/Nothing"));
        assertThrows(IllegalArgumentException.class, () -> MsgCatalog.classpath().md5("../etc/passwd"));
    }

    @Test
    void parserHandlesConstantsCommentsAndArrays() {
        MsgSpec s = MsgSpecParser.parse("p/T", "# c\nint32 A = 3 # three\nstring S=a # not a comment\n"
                + "float64[9] K  # cov\nfoo/Bar[] bars\n");
        assertEquals(List.of(new MsgConstant("int32", "A", "3"), new MsgConstant("string", "S", "a # not a comment")),
                s.constants());
        assertEquals(List.of(new MsgField("float64[9]", "K"), new MsgField("foo/Bar[]", "bars")), s.fields());
        assertThrows(IllegalArgumentException.class, () -> MsgSpecParser.parse("p/T", "int32\n"));
    }
}
