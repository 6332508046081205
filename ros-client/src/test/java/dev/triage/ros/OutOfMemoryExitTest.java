package dev.triage.ros;

import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.xmlrpc.XmlRpcClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An OutOfMemoryError in a node's thread ends the process with status 3 (so roslaunch {@code respawn} or systemd
 * start a fresh one), instead of the node living on with a dead link thread. A child JVM with a 48 MB heap is sent a
 * legal 40 MB image (within the 64 MiB message cap and the 256 MiB in-flight budget, but not its heap).
 */
@Timeout(60)
class OutOfMemoryExitTest {

    @TempDir
    Path tmp;

    @Test
    void outOfMemoryInALinkThreadExitsWithStatus3() throws Exception {
        Path err = tmp.resolve("child.err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("triage.oomprobe.classpath", System.getProperty("java.class.path")),
                OomProbeMain.class.getName())
                .redirectError(err.toFile()).start();
        try (RosNode camera = RosNode.start(RosNodeConfig.of(HostilePublisherTest.NO_MASTER, "127.0.0.1",
                "/big_camera"))) {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("SLAVE "), "child said " + line + "; " + Files.readString(err));
            String slave = line.substring(6);
            Publisher<Image> pub = camera.advertise("/big", SensorMsgs.IMAGE, PublisherOptions.latched());
            pub.publish(new Image(RosInteropTest.header("cam"), 4000, 3500, "rgb8", false, 10500,
                    new byte[10500 * 4000]));
            {
                new XmlRpcClient(Duration.ofSeconds(5)).call(java.net.URI.create(slave), "publisherUpdate", "/master",
                        "/big", List.of(camera.slaveUri().toString()));
                boolean exited = child.waitFor(30, TimeUnit.SECONDS);
                String stderr = Files.readString(err);
                assertTrue(exited, "the child lives on after its link thread ran out of memory; stderr:\n" + stderr);
                assertEquals(ThreadPolicy.OUT_OF_MEMORY_EXIT, child.exitValue(), stderr);
                assertTrue(stderr.contains("OutOfMemoryError"), stderr);
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
    }
}
