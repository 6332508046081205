package dev.triage.launch.node;

import dev.triage.ros.RosMaster;
import dev.triage.ros.RosNodeConfig;
import dev.triage.ros.msg.Genpy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Test helper: ros's {@link RosMaster} (a Debian rosmaster on a free 127.0.0.1 port with a temporary ROS_HOME, and
 * Debian's ROS tools run against it) with genpy classes for vision_msgs and triage_msgs on PYTHONPATH and ros-pkg on
 * ROS_PACKAGE_PATH, for rostopic, rosbag, roslaunch, rosnode and rospy scripts.
 */
final class RosPeers implements AutoCloseable {

    static final String PYTHON = RosMaster.PYTHON;
    private static final String[] TOOLS = {"rosmaster", "rostopic", "rosnode", "rosbag", "roslaunch"};
    private static final Duration MASTER_START = Duration.ofSeconds(20);

    private final Path home;
    private final Path repo;
    private RosMaster master;

    private RosPeers(Path home, Path repo) {
        this.home = home;
        this.repo = repo;
    }

    static void assumeInstalled() {
        boolean ok = Files.isExecutable(Path.of(PYTHON)) && Files.isRegularFile(Path.of(Genpy.GENMSG));
        for (String t : TOOLS) {
            ok &= Files.isRegularFile(Path.of("/usr/bin/" + t));
        }
        assumeTrue(ok, "Debian ROS tools missing (apt-get install ros-core rosbash ros-std-msgs ros-sensor-msgs "
                + "python3-sensor-msgs python3-rosbag roslaunch ...): skipping real-peer node test");
    }

    static RosPeers start(Path tmp, Path repo) throws Exception {
        assumeInstalled();
        RosPeers p = new RosPeers(tmp, repo);
        p.generatePythonClasses();
        p.master = RosMaster.start(tmp, Map.of("ROS_PACKAGE_PATH", repo.resolve("ros-pkg") + ":/usr/share",
                "PYTHONPATH", tmp.resolve("py").toString()), MASTER_START);
        return p;
    }

    /**
     * A stand-in for bin/triage that runs the freshly compiled classes of this test run; roslaunch's triage_node
     * script execs it through {@code TRIAGE_LAUNCHER}.
     */
    static Path launcherScript(Path dir, Path repo) throws IOException {
        Path launcher = dir.resolve("triage-launcher.sh");
        Files.writeString(launcher, "#!/bin/sh\nexec java -Dai.djl.offline=true -Dai.djl.pytorch.graph_optimizer=false -Dtriage.home='" + repo + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.triage.launch.cli.TriageCli \"$@\"\n");
        if (!launcher.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + launcher + " executable");
        }
        return launcher;
    }

    /** Starts {@code roslaunch triage LAUNCH_FILE args...} with the test's ROS environment and launcher script. */
    Process roslaunch(Path log, Path launcher, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "/usr/bin/roslaunch", "triage"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("ROS_HOSTNAME");
        pb.environment().putAll(env());
        pb.environment().put("TRIAGE_LAUNCHER", launcher.toString());
        return pb.start();
    }

    static int freePort() throws IOException {
        return RosMaster.freePort();
    }

    URI uri() {
        return master.uri();
    }

    Path home() {
        return home;
    }

    RosNodeConfig config(String nodeName) {
        return master.config(nodeName);
    }

    Map<String, String> env() {
        return master.env();
    }

    /** vision_msgs (not in Debian) and triage_msgs classes for rostopic echo, from this repo's .msg files. */
    private void generatePythonClasses() throws Exception {
        Map<String, Path> pkgs = Map.of("vision_msgs", repo.resolve("ros-client/src/main/resources/msg/vision_msgs"),
                "triage_msgs", repo.resolve("ros-pkg/triage_msgs/msg"));
        Genpy genpy = new Genpy(home);
        for (var e : pkgs.entrySet()) {
            String[] names;
            try (var files = Files.list(e.getValue())) {
                names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".msg")).sorted()
                        .map(n -> n.substring(0, n.length() - ".msg".length())).toArray(String[]::new);
            }
            genpy.generate(e.getKey(), e.getValue(), List.of("-I" + e.getKey() + ":" + e.getValue(),
                    "-Istd_msgs:/usr/share/std_msgs/msg", "-Igeometry_msgs:/usr/share/geometry_msgs/msg",
                    "-Isensor_msgs:/usr/share/sensor_msgs/msg"), names);
        }
    }

    /** Starts the master again (after {@link #killMaster()}) and waits until it answers. */
    void launchMaster() throws Exception {
        master.launch();
    }

    /** Kills the master (SIGKILL, as a crash). */
    void killMaster() throws InterruptedException {
        master.kill();
    }

    /** Starts a command with the ROS environment in the background, output to {@code log}. */
    Process process(List<String> cmd, Path log) throws IOException {
        return master.process(cmd, log);
    }

    /** Starts a Python ROS tool ({@code /usr/bin/<args[0]>}) in the background. */
    Process tool(Path log, String... args) throws IOException {
        return master.tool(log, args);
    }

    /** Runs a Python ROS tool to completion; returns its output. */
    String run(Duration timeout, String... args) throws Exception {
        return master.run(timeout, args);
    }

    /** Sends SIGINT (as Ctrl-C) to a process and waits for it. */
    static void interrupt(Process p, Duration timeout) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (master != null) {
            master.close();
        }
    }
}
