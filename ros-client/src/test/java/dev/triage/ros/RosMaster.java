package dev.triage.ros;

import dev.triage.ros.xmlrpc.XmlRpcClient;
import dev.triage.ros.xmlrpc.XmlRpcException;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Test helper: a Debian rosmaster on a free 127.0.0.1 port with a temporary ROS_HOME, and Debian's ROS command-line
 * tools run against it. Launch's node tests reach it through their {@code RosPeers}, which adds genpy classes and
 * ros-pkg to the environment.
 */
public final class RosMaster implements AutoCloseable {

    /** The Python that runs the ROS tools. */
    public static final String PYTHON = "/usr/bin/python3";
    private static final String[] TOOLS = {"/usr/bin/rosmaster", "/usr/bin/rostopic", "/usr/bin/rosnode"};

    private final Path home;
    private final int port;
    private final Map<String, String> extraEnv;
    private final Duration startTimeout;
    private Process master;

    private RosMaster(Path home, int port, Map<String, String> extraEnv, Duration startTimeout) {
        this.home = home;
        this.port = port;
        this.extraEnv = Map.copyOf(extraEnv);
        this.startTimeout = startTimeout;
    }

    /** Skips the calling test, with the reason, unless the Debian ROS tools are installed. */
    public static void assumeInstalled() {
        boolean ok = Files.isExecutable(Path.of(PYTHON));
        for (String t : TOOLS) {
            ok &= Files.isRegularFile(Path.of(t));
        }
        assumeTrue(ok, "Debian ROS tools missing (apt-get install ros-core rosbash ros-std-msgs ros-sensor-msgs "
                + "python3-sensor-msgs ...): skipping real-peer test");
    }

    /** Starts a master with ROS_HOME {@code tmp} (waiting up to 15 s for it), or skips the test. */
    public static RosMaster start(Path tmp) throws Exception {
        return start(tmp, Map.of(), Duration.ofSeconds(15));
    }

    /**
     * Starts a master with ROS_HOME {@code tmp}, waiting up to {@code startTimeout} for it, or skips the test; every
     * process started through it also gets {@code extraEnv}.
     */
    public static RosMaster start(Path tmp, Map<String, String> extraEnv, Duration startTimeout) throws Exception {
        assumeInstalled();
        RosMaster m = new RosMaster(tmp, freePort(), extraEnv, startTimeout);
        Files.createDirectories(tmp.resolve("log"));
        m.launch();
        return m;
    }

    /** A TCP port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The master's XML-RPC URI. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** ROS_HOME: logs and temporary files. */
    public Path home() {
        return home;
    }

    /** A node configuration against this master (master polled every 500 ms). */
    public RosNodeConfig config(String nodeName) {
        return RosNodeConfig.of(uri(), "127.0.0.1", nodeName).withMasterPollInterval(Duration.ofMillis(500));
    }

    /** The environment of every process started through this master. */
    public Map<String, String> env() {
        Map<String, String> env = new TreeMap<>();
        env.put("ROS_MASTER_URI", uri().toString());
        env.put("ROS_IP", "127.0.0.1");
        env.put("ROS_HOME", home.toString());
        env.put("ROS_LOG_DIR", home.resolve("log").toString());
        env.put("PYTHONUNBUFFERED", "1");
        env.putAll(extraEnv);
        return env;
    }

    /** Starts rosmaster (again, after {@link #kill()}) and waits until it answers. */
    public void launch() throws Exception {
        master = process(List.of(PYTHON, TOOLS[0], "--core", "-p", Integer.toString(port)), home.resolve("master.log"));
        XmlRpcClient rpc = new XmlRpcClient(Duration.ofMillis(500));
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (true) {
            try {
                rpc.call(uri(), "getPid", "/probe");
                return;
            } catch (XmlRpcException e) {
                if (System.nanoTime() > deadline || !master.isAlive()) {
                    throw new IllegalStateException("rosmaster did not start: " + Files.readString(home.resolve("master.log")), e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Kills the master (SIGKILL, as a crash) and waits for it to die. */
    public void kill() throws InterruptedException {
        master.destroyForcibly();
        master.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Starts a Python ROS tool ({@code /usr/bin/<args[0]>}, or {@code args[0]} where it is an absolute path) in the
     * background, output to {@code log}.
     */
    public Process tool(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON);
        cmd.add(args[0].startsWith("/") ? args[0] : "/usr/bin/" + args[0]);
        cmd.addAll(List.of(args).subList(1, args.length));
        return process(cmd, log);
    }

    /** Runs a Python ROS tool to completion; returns its output. */
    public String run(Duration timeout, String... args) throws Exception {
        Path log = Files.createTempFile(home, Path.of(args[0]).getFileName().toString(), ".log");
        Process p = tool(log, args);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", args) + " timed out; output:\n" + Files.readString(log));
        }
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Starts a command with the ROS environment in the background, output to {@code log}. */
    public Process process(List<String> cmd, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("ROS_HOSTNAME");
        pb.environment().remove("ROS_NAMESPACE");
        pb.environment().putAll(env());
        return pb.start();
    }

    @Override
    public void close() throws InterruptedException {
        if (master != null) {
            master.destroy();
            if (!master.waitFor(5, TimeUnit.SECONDS)) {
                master.destroyForcibly().waitFor();
            }
        }
    }
}
