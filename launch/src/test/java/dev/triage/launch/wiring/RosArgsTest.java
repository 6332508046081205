package dev.triage.launch.wiring;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ROS command-line conventions as roscpp/rospy read them. */
class RosArgsTest {

    @Test
    void remapsNamesNamespaceAndPrivateParams() {
        RosArgs a = RosArgs.parse(List.of("__name:=cam_triage", "__ns:=/car", "~image:=/camera/image_raw",
                "detections:=/perception/objects", "_budget_ms:=40", "_use_speed:=true", "_config:=/x.yaml",
                "_scale:=0.5", "__log:=/tmp/x.log"), "triage", Map.of("ROS_MASTER_URI", "http://10.0.0.1:11311/",
                "ROS_IP", "10.0.0.2"));
        assertEquals("/car/cam_triage", a.nodeName());
        assertEquals("/car", a.namespace());
        assertEquals(URI.create("http://10.0.0.1:11311/"), a.masterUri());
        assertEquals("10.0.0.2", a.host());
        assertEquals("/camera/image_raw", a.resolve("~image"));
        assertEquals("/car/cam_triage/lanes", a.resolve("~lanes"));
        assertEquals("/perception/objects", a.resolve("detections"));
        assertEquals("/diagnostics", a.resolve("/diagnostics"));
        assertEquals(40, a.privateParams().get("budget_ms"));
        assertEquals(true, a.privateParams().get("use_speed"));
        assertEquals("/x.yaml", a.privateParams().get("config"));
        assertEquals(0.5, a.privateParams().get("scale"));
    }

    @Test
    void aRemapOfANameTheNodeNeverResolvesIsReported() {
        // "image:=..." remaps /image, not the node's private ~image
        RosArgs a = RosArgs.parse(List.of("image:=/camera/image_raw", "~lanes:=/lanes"), "triage", Map.of());
        RemapCheck check = new RemapCheck(a::fullName, a::resolve, "~name:=...");
        assertEquals("/triage/image", check.resolve("~image"));
        assertEquals("/lanes", check.resolve("~lanes"));
        assertEquals(List.of("/image -> /camera/image_raw"), check.unused(a.remaps()));
        assertTrue(check.warning("/image -> /camera/image_raw").contains("[/triage/image, /triage/lanes]"));
        assertTrue(check.warning("/image -> /camera/image_raw").contains("remapped as '~name:=...'"));
    }

    @Test
    void commandLineWinsOverEnvironment() {
        RosArgs a = RosArgs.parse(List.of("__master:=http://127.0.0.1:12345", "__hostname:=car.local"), "triage",
                Map.of("ROS_MASTER_URI", "http://10.0.0.1:11311/", "ROS_IP", "10.0.0.2", "ROS_NAMESPACE", "/ns"));
        assertEquals(URI.create("http://127.0.0.1:12345"), a.masterUri());
        assertEquals("car.local", a.host());
        assertEquals("/ns/triage", a.nodeName());
    }

    @Test
    void refusesWhatIsNotARosArgument() {
        assertThrows(IllegalArgumentException.class, () -> RosArgs.parse(List.of("--frobnicate"), "triage", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> RosArgs.parse(List.of("__name:=a/b"), "triage", Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> RosArgs.parse(List.of("__master:=ftp://x"), "triage", Map.of()));
    }
}
