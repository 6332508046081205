package dev.triage.launch.wiring;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ros2ArgsTest {

    @Test
    void rosArgsConventions() {
        Ros2Args a = Ros2Args.parse(List.of("--ros-args", "-r", "~/image:=/camera/image_raw", "-r", "__ns:=/perception",
                "-r", "__node:=triage", "-p", "budget_ms:=50", "--param", "config:=/tmp/x.yaml", "--log-level", "info",
                "--remap", "detections:=dets"), "default", Map.of("ROS_DOMAIN_ID", "42"));
        assertEquals("/perception/triage", a.nodeName());
        assertEquals("/perception", a.namespace());
        assertEquals(42, a.domainId());
        assertEquals("/camera/image_raw", a.resolve("~/image"));
        assertEquals("/perception/triage/detections", a.resolve("~/detections"));
        assertEquals("/perception/dets", a.resolve("detections"));
        assertEquals("/diagnostics", a.resolve("/diagnostics"));
        assertEquals(50, ((Number) a.param("budget_ms").orElseThrow()).intValue());
        assertEquals("/tmp/x.yaml", a.param("config").orElseThrow());
        assertEquals(List.of("p.yaml"), Ros2Args.parse(List.of("--ros-args", "--params-file", "p.yaml"), "t", Map.of()).paramsFiles());
    }

    @Test
    void aRemapWhoseSourceTheNodeNeverResolvesIsReported() {
        // bash expands an unquoted ~/image:=... to /root/image:=...: a remap of nothing
        Ros2Args a = Ros2Args.parse(List.of("--ros-args", "-r", "/root/image:=/carla/rgb", "-r", "~/lanes:=/lanes"),
                "triage", Map.of());
        List<String> named = List.of(a.fullName("~/image"), a.fullName("~/lanes"), a.fullName("/diagnostics"));
        assertEquals(List.of("/triage/image", "/triage/lanes", "/diagnostics"), named);
        RemapCheck check = new RemapCheck(a::fullName, a::resolve, "~/name:=...");
        List.of("~/image", "~/lanes", "/diagnostics").forEach(check::resolve);
        assertEquals(List.of("/root/image -> /carla/rgb"), check.unused(a.remaps()));
        assertEquals("/lanes", a.resolve("~/lanes"));
    }

    @Test
    void defaultsAndErrors() {
        Ros2Args a = Ros2Args.parse(List.of(), "triage", Map.of());
        assertEquals("/triage", a.nodeName());
        assertEquals(0, a.domainId());
        assertEquals("/triage/image", a.resolve("~/image"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ros2Args.parse(List.of("image:=/x"), "t",
                Map.of())).getMessage().contains("--ros-args"));
        assertThrows(IllegalArgumentException.class, () -> Ros2Args.parse(List.of("--ros-args", "-p", "budget"), "t",
                Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Ros2Args.parse(List.of("--ros-args", "-x"), "t", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Ros2Args.parse(List.of(), "t", Map.of("ROS_DOMAIN_ID",
                "300")));
        assertThrows(IllegalArgumentException.class, () -> Ros2Args.parse(List.of("--ros-args", "-r", "__node:=a/b"),
                "t", Map.of()));
    }
}
