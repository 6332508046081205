package dev.triage.ros2.msg;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ROS 2 triage_msgs package's .msg files ({@code ros2-pkg/triage_msgs/msg}) and the IDL the Java layouts come
 * from ({@code src/main/resources/dds/ros2_types.idl}) declare the same fields, in order, with the rosidl type mapping.
 */
class TriageMsgsIdlTest {

    private static final Map<String, String> PRIMITIVES = Map.of("string", "string", "float32", "float",
            "float64", "double", "bool", "boolean", "uint32", "uint32", "uint8", "octet", "int32", "int32");

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("ros2-pkg")) ? here : here.getParent();
    }

    static String idlType(String rosType) {
        boolean array = rosType.endsWith("[]");
        String base = array ? rosType.substring(0, rosType.length() - 2) : rosType;
        String t = PRIMITIVES.containsKey(base) ? PRIMITIVES.get(base)
                : base.contains("/") ? base.replace("/", "::msg::dds_::") + "_" : base + "_";
        return array ? "sequence<" + t + ">" : t;
    }

    static List<String> msgFields(String name) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(root().resolve("ros2-pkg/triage_msgs/msg/" + name + ".msg"))) {
            String l = line.replaceAll("#.*", "").strip();
            if (l.isEmpty() || l.contains("=")) {
                continue;  // comments and constants
            }
            String[] f = l.split("\\s+");
            out.add(idlType(f[0]) + " " + f[1]);
        }
        return out;
    }

    static List<String> idlFields(String name) throws Exception {
        String idl = Files.readString(root().resolve("ros2/src/main/resources/dds/ros2_types.idl"));
        Matcher m = Pattern.compile("struct " + name + "_ \\{([^}]*)}").matcher(idl);
        if (!m.find()) {
            throw new AssertionError("no struct " + name + "_ in the IDL");
        }
        List<String> out = new ArrayList<>();
        for (String decl : m.group(1).split(";")) {
            String d = decl.strip().replaceAll("\\s+", " ");
            if (!d.isEmpty()) {
                int sp = d.lastIndexOf(' ');
                out.add(d.substring(0, sp) + " " + d.substring(sp + 1));
            }
        }
        return out;
    }

    @Test
    void msgFilesAndIdlAgree() throws Exception {
        for (String name : List.of("SceneContext", "LaneArray", "Lane")) {
            assertEquals(msgFields(name), idlFields(name), name);
        }
    }
}
