package dev.triage.launch.wiring;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ROS 2 XML launch files build a {@code bin/triage node --ros2} command that the node parses: arguments
 * substituted with their defaults ({@code $(var)}, {@code $(env NAME DEFAULT)}) as ros2 launch would, then given
 * to {@link Ros2Args}. ros2 launch itself is not installable here, so this is the check we can make.
 */
class Ros2LaunchFileTest {

    private static final Pattern VAR = Pattern.compile("\\$\\(var ([a-z_]+)\\)");
    private static final Pattern ENV = Pattern.compile("\\$\\(env ([A-Z_]+) ([^)]*)\\)");

    static List<String> command(String file) throws Exception {
        Path repo = Path.of(System.getProperty("triage.repo.root", "..")).toAbsolutePath().normalize();
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var doc = factory.newDocumentBuilder().parse(repo.resolve("ros2-pkg/triage/launch/" + file).toFile());
        Map<String, String> vars = new HashMap<>();
        NodeList args = doc.getElementsByTagName("arg");
        for (int i = 0; i < args.getLength(); i++) {
            Element a = (Element) args.item(i);
            Matcher env = ENV.matcher(a.getAttribute("default"));
            vars.put(a.getAttribute("name"), env.replaceAll("$2"));
        }
        NodeList exes = doc.getElementsByTagName("executable");
        assertEquals(1, exes.getLength());
        Matcher m = VAR.matcher(((Element) exes.item(0)).getAttribute("cmd"));
        StringBuilder cmd = new StringBuilder();
        while (m.find()) {
            assertTrue(vars.containsKey(m.group(1)), "undeclared arg " + m.group(1));
            m.appendReplacement(cmd, Matcher.quoteReplacement(vars.get(m.group(1))));
        }
        m.appendTail(cmd);
        return Arrays.asList(cmd.toString().split(" "));
    }

    static Ros2Args parse(List<String> cmd) {
        assertTrue(cmd.get(0).endsWith("/bin/triage"), cmd.toString());
        assertEquals(List.of("node", "--ros2"), cmd.subList(1, 3));
        return Ros2Args.parse(cmd.subList(3, cmd.size()), "triage", Map.of());
    }

    @Test
    void triageLaunch() throws Exception {
        Ros2Args a = parse(command("triage.launch.xml"));
        assertEquals("/perception/triage", a.nodeName());
        assertEquals("/camera/image_raw", a.resolve("~/image"));
        assertEquals(50, ((Number) a.param("budget_ms").orElseThrow()).intValue());
        assertEquals("raw", a.param("image_transport").orElseThrow());
        assertEquals(Boolean.FALSE, a.param("use_sim_time").orElseThrow());
    }

    @Test
    void carlaLaunch() throws Exception {
        Ros2Args a = parse(command("carla.launch.xml"));
        assertEquals("/triage", a.nodeName());
        assertEquals("/carla/ego_vehicle/rgb_front/image", a.resolve("~/image"));
        assertEquals("/carla/ego_vehicle/speedometer", a.resolve("~/speed"));
        assertEquals(Boolean.TRUE, a.param("use_sim_time").orElseThrow());
        assertEquals(Boolean.TRUE, a.param("use_speed").orElseThrow());
        assertEquals("ego_vehicle", a.param("carla_role").orElseThrow());
        assertEquals("rgb_front", a.param("carla_camera").orElseThrow());
    }
}
