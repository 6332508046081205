package dev.triage.datasets.bag;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Test helper: makes bags with Debian's ROS tools (the python rosbag API, or a real {@code rosbag record} of a rospy
 * publisher behind a private rosmaster on 127.0.0.1) from the committed PNG test frames.
 */
public final class RosTools {
    public static final String PYTHON = "/usr/bin/python3";
    /** Header stamp of frame 0 in bags written by write_bag.py; frame i is 100 ms later, recorded 5 ms later. */
    public static final long BASE_NS = 1_700_000_000L * 1_000_000_000L;
    private static Boolean pythonRosbag;

    private RosTools() {
    }

    public static Path frames() {
        return resource("/frames");
    }

    /** The folder of write_bag.py (found by that file, since another module's tests may have a /ros folder too). */
    static Path scripts() {
        return resource("/ros/write_bag.py").getParent();
    }

    public static List<Path> framePngs() throws IOException {
        try (Stream<Path> s = Files.list(frames())) {
            return s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }

    /** The pixels of a PNG as packed BGR bytes (what a bgr8 message carries). */
    public static byte[] bgr(Path png) throws IOException {
        BufferedImage read = ImageIO.read(png.toFile());
        BufferedImage bgr = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(read, 0, 0, null);
        return ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    }

    /**
     * Asserts that {@code frames} are the test frames as bgr8 Images, as write_bag.py (and the rosbag2 fixture
     * writers) record them: numbered from 0, header stamps 100 ms apart from {@link #BASE_NS}, frame id "camera",
     * 320x240, step 960, the PNGs' pixels.
     */
    public static void assertBgr8Drive(List<Frame> frames) throws IOException {
        List<Path> pngs = framePngs();
        assertEquals(pngs.size(), frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            assertEquals(i, f.seq());
            assertEquals(BASE_NS + i * 100_000_000L, f.stampNanos(), "header stamp");
            assertEquals("camera", f.frameId());
            Image.Raw raw = (Image.Raw) f.image();
            assertEquals(List.of("bgr8", 320, 240, 960), List.of(raw.encoding(), raw.width(), raw.height(),
                    raw.step()));
            assertArrayEquals(bgr(pngs.get(i)), raw.data(), "pixels of " + pngs.get(i));
        }
    }

    /**
     * Asserts that {@code frames} are the test frames as png CompressedImages, as the bag and rosbag2 fixture writers
     * record them: one per PNG, in order, format "png", the PNG files' bytes.
     */
    public static void assertPngDrive(List<Frame> frames) throws IOException {
        List<Path> pngs = framePngs();
        assertEquals(pngs.size(), frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Image.Encoded encoded = (Image.Encoded) frames.get(i).image();
            assertEquals("png", encoded.format());
            assertArrayEquals(Files.readAllBytes(pngs.get(i)), encoded.data());
        }
    }

    /** Whether Debian's python rosbag API (and PIL) can be run; the tests skip when not. */
    public static synchronized boolean pythonRosbag() {
        if (pythonRosbag == null) {
            pythonRosbag = Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c",
                    "import rosbag, roslz4, rospy, sensor_msgs.msg, std_msgs.msg, PIL"), Map.of(), 60).exitCode == 0;
        }
        return pythonRosbag;
    }

    /** Whether /usr/bin/python3 imports {@code module} (message packages some tests need beyond the basic ones). */
    public static boolean pythonModule(String module) {
        return Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import " + module), Map.of(), 60)
                .exitCode == 0;
    }

    /** Whether a real recording can be made (rosmaster and rosbag on the PATH's Debian locations, rospy). */
    static boolean rosbagRecord() {
        return pythonRosbag() && Files.isExecutable(Path.of("/usr/bin/rosmaster"))
                && Files.isExecutable(Path.of("/usr/bin/rosbag"));
    }

    public static String skipReason() {
        return "Debian's ROS tools are missing (scripts/install-deps.sh installs ros-core, python3-rosbag, "
                + "python3-roslz4, python3-sensor-msgs ...)";
    }

    /**
     * Writes {@code out} with write_bag.py from the test frames.
     *
     * @param args further write_bag.py arguments: --compression, --stream TOPIC:KIND:FORMAT, --chatter, ...
     */
    public static Path writeBag(Path out, String... args) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, scripts().resolve("write_bag.py").toString(),
                out.toString(), frames().toString()));
        cmd.addAll(List.of(args));
        Result r = run(cmd, Map.of(), 120);
        if (r.exitCode != 0 || !Files.isRegularFile(out)) {
            throw new IllegalStateException("write_bag.py failed (" + r.exitCode + "): " + r.output);
        }
        return out;
    }

    /**
     * Records the test frames with {@code rosbag record}: starts a private rosmaster on a free 127.0.0.1 port, runs
     * {@code rosbag record -O out [compressionFlag] topic}, publishes the frames with publish_frames.py and stops the
     * recorder with SIGINT, as Ctrl-C would.
     *
     * @param compressionFlag "", "--lz4" or "--bz2"
     */
    static Path record(Path work, Path out, String topic, String kind, String format, String compressionFlag)
            throws IOException, InterruptedException {
        int port = freePort();
        Path home = Files.createDirectories(work.resolve("ros_home"));
        Map<String, String> env = Map.of("ROS_MASTER_URI", "http://127.0.0.1:" + port, "ROS_IP", "127.0.0.1",
                "ROS_HOSTNAME", "127.0.0.1", "ROS_HOME", home.toString(), "ROS_LOG_DIR",
                home.resolve("log").toString());
        Process master = start(List.of("/usr/bin/rosmaster", "--core", "-p", Integer.toString(port)), env,
                work.resolve("rosmaster.log"));
        Process recorder = null;
        try {
            waitForPort(port, master);
            List<String> rec = new ArrayList<>(List.of("/usr/bin/rosbag", "record", "-O", out.toString()));
            if (!compressionFlag.isEmpty()) {
                rec.add(compressionFlag);
            }
            rec.add(topic);
            recorder = start(rec, env, work.resolve("record.log"));
            Result pub = run(List.of(PYTHON, scripts().resolve("publish_frames.py").toString(), frames().toString(),
                    topic, kind, format), env, 120);
            if (pub.exitCode != 0) {
                throw new IllegalStateException("publish_frames.py failed (" + pub.exitCode + "): " + pub.output
                        + "\nrecord.log: " + Files.readString(work.resolve("record.log")));
            }
            // rosbag record runs the recorder as a child process; Ctrl-C (SIGINT) makes it close the bag cleanly.
            for (ProcessHandle child : recorder.descendants().toList()) {
                signal("INT", child.pid());
            }
            signal("INT", recorder.pid());
            recorder.waitFor(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Path active = Path.of(out + ".active");
            while ((!Files.isRegularFile(out) || Files.exists(active)) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (!Files.isRegularFile(out)) {
                throw new IllegalStateException("rosbag record wrote no " + out + ": "
                        + Files.readString(work.resolve("record.log")));
            }
            return out;
        } finally {
            if (recorder != null) {
                recorder.descendants().forEach(ProcessHandle::destroyForcibly);
                recorder.destroyForcibly();
            }
            master.descendants().forEach(ProcessHandle::destroy);
            master.destroy();
            if (!master.waitFor(10, TimeUnit.SECONDS)) {
                master.destroyForcibly();
            }
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port, Process master) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException("rosmaster exited with " + master.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("rosmaster did not answer on 127.0.0.1:" + port);
    }

    private static Process start(List<String> cmd, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds) {
        Path log = null;
        try {
            log = Files.createTempFile("ros-tool", ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", cmd) + "\n" + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    // a temp file left behind
                }
            }
        }
    }

    /** A test resource folder; from another module's tests (this class in the test-jar) the source folder. */
    private static Path resource(String name) {
        try {
            java.net.URI uri = RosTools.class.getResource(name).toURI();
            if ("jar".equals(uri.getScheme())) {
                return Path.of("").toAbsolutePath().resolveSibling("datasets").resolve("src/test/resources")
                        .resolve(name.substring(1));
            }
            return Path.of(uri);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " missing", e);
        }
    }
}
