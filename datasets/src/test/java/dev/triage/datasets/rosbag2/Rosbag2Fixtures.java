package dev.triage.datasets.rosbag2;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.datasets.bag.RosTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: writes rosbag2 fixtures with real, independent writers: MCAP files with the npm {@code @mcap/core}
 * writer and CDR messages with {@code @foxglove/rosmsg2-serialization} ({@code src/test/fixtures-npm/
 * write_rosbag2.mjs}), sqlite3 files with Python's sqlite3 module ({@code write_db3.py}) from those CDR bytes. The
 * drives use the committed PNG test frames, stamped like the ROS 1 bags of {@link RosTools#writeBag}.
 */
public final class Rosbag2Fixtures {
    /** Header stamp of frame 0; frame i is 100 ms later and logged 5 ms after its stamp. */
    public static final long BASE_NS = RosTools.BASE_NS;
    private static final Path NPM = npmFolder();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Boolean available;

    private Rosbag2Fixtures() {
    }

    /**
     * One message of a fixture.
     *
     * @param message the message's fields as JSON values; {@code data} is given as bytes apart
     * @param data    the bytes of the message's {@code data} field, or null
     */
    public record Msg(String topic, String type, long logTimeNanos, Map<String, Object> message, byte[] data) {
    }

    /** The fixture writers' folder, from the datasets module (tests' working folder) or a sibling module. */
    private static Path npmFolder() {
        Path here = Path.of("").toAbsolutePath();
        Path own = here.resolve("src/test/fixtures-npm");
        return Files.isDirectory(own) ? own : here.resolveSibling("datasets").resolve("src/test/fixtures-npm");
    }

    /** Whether node and the pinned npm writers (and /usr/bin/python3 for sqlite3) are there; tests skip if not. */
    public static synchronized boolean available() {
        if (available == null) {
            available = Files.isRegularFile(NPM.resolve("node_modules/@mcap/core/package.json"))
                    && Files.isRegularFile(NPM.resolve("node_modules/@foxglove/rosmsg2-serialization/package.json"))
                    && Files.isExecutable(Path.of(RosTools.PYTHON)) && run(List.of("node", "--version")) == 0;
        }
        return available;
    }

    /** Why the fixture tests skipped. */
    public static String skipReason() {
        return "node or the pinned npm fixture writers are missing (scripts/install-deps.sh installs nodejs and runs "
                + "datasets/src/test/fixtures-npm/install.sh), or /usr/bin/python3 is missing";
    }

    /** The std_msgs header of frame {@code i}. */
    public static Map<String, Object> header(long stampNanos, String frameId) {
        return Map.of("stamp", Map.of("sec", stampNanos / 1_000_000_000L, "nanosec", stampNanos % 1_000_000_000L),
                "frame_id", frameId);
    }

    /** A sensor_msgs/msg/Image message of frame {@code i}. */
    public static Msg image(String topic, int i, int width, int height, String encoding, int step, byte[] pixels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("header", header(BASE_NS + i * 100_000_000L, "camera"));
        m.put("height", height);
        m.put("width", width);
        m.put("encoding", encoding);
        m.put("is_bigendian", 0);
        m.put("step", step);
        return new Msg(topic, Ros2ImageParser.IMAGE, BASE_NS + i * 100_000_000L + 5_000_000L, m, pixels);
    }

    /** A sensor_msgs/msg/CompressedImage message of frame {@code i}. */
    public static Msg compressed(String topic, int i, String format, byte[] bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("header", header(BASE_NS + i * 100_000_000L, "camera"));
        m.put("format", format);
        return new Msg(topic, Ros2ImageParser.COMPRESSED_IMAGE, BASE_NS + i * 100_000_000L + 5_000_000L, m, bytes);
    }

    /** A std_msgs/msg/Float32 speed with frame {@code i}: 10 + i / 2 m/s, logged with the frame. */
    public static Msg float32Speed(String topic, int i) {
        return new Msg(topic, "std_msgs/msg/Float32", BASE_NS + i * 100_000_000L + 5_000_000L,
                Map.of("data", 10 + i / 2.0), null);
    }

    /** A carla_msgs/msg/CarlaSpeedometer with frame {@code i}: 20 + i m/s, stamped like the frame. */
    public static Msg carlaSpeed(String topic, int i) {
        return new Msg(topic, "carla_msgs/msg/CarlaSpeedometer", BASE_NS + i * 100_000_000L + 5_000_000L,
                Map.of("header", header(BASE_NS + i * 100_000_000L, "ego"), "speed", 20 + i), null);
    }

    /** A nav_msgs/msg/Odometry with frame {@code i}: linear twist (3, 4, 0) * (2 + i / 10), 5 * (2 + i / 10) m/s. */
    public static Msg odometry(String topic, int i) {
        double k = 2 + i / 10.0;
        List<Double> covariance = java.util.Collections.nCopies(36, 0.0);
        Map<String, Object> pose = Map.of("pose", Map.of("position", Map.of("x", 1.0, "y", 2.0, "z", 0.0),
                "orientation", Map.of("x", 0.0, "y", 0.0, "z", 0.0, "w", 1.0)), "covariance", covariance);
        Map<String, Object> twist = Map.of("twist", Map.of("linear", Map.of("x", 3 * k, "y", 4 * k, "z", 0.0),
                "angular", Map.of("x", 0.0, "y", 0.0, "z", 0.1)), "covariance", covariance);
        return new Msg(topic, "nav_msgs/msg/Odometry", BASE_NS + i * 100_000_000L + 5_000_000L,
                Map.of("header", header(BASE_NS + i * 100_000_000L, "odom"), "child_frame_id", "base_link",
                        "pose", pose, "twist", twist), null);
    }

    /** A std_msgs/msg/String on /chatter, logged before the first frame. */
    public static Msg chatter() {
        return new Msg("/chatter", "std_msgs/msg/String", BASE_NS - 1_000_000_000L, Map.of("data", "hello"), null);
    }

    /**
     * The test frames as a drive: bgr8 Images on {@code /cam/image_raw} and the PNG files as CompressedImages on
     * {@code /cam/compressed}, frame by frame, after a /chatter message.
     */
    public static List<Msg> drive() throws IOException {
        List<Msg> out = new ArrayList<>(List.of(chatter()));
        List<Path> pngs = RosTools.framePngs();
        for (int i = 0; i < pngs.size(); i++) {
            out.add(image("/cam/image_raw", i, 320, 240, "bgr8", 960, RosTools.bgr(pngs.get(i))));
            out.add(compressed("/cam/compressed", i, "png", Files.readAllBytes(pngs.get(i))));
        }
        return out;
    }

    /**
     * Writes an MCAP file with @mcap/core.
     *
     * @param options write_rosbag2.mjs options: compression (zstd|lz4|none), chunked, chunkSize, summary,
     *                unfinished, schemaText
     */
    public static Path writeMcap(Path out, List<Msg> messages, Map<String, Object> options) throws IOException {
        Map<String, Object> spec = spec(out.resolveSibling(out.getFileName() + ".data"), messages);
        spec.putAll(options);
        spec.put("mcap", out.toString());
        node(out.resolveSibling(out.getFileName() + ".json"), spec);
        return out;
    }

    /** Writes a rosbag2 sqlite3 file: CDR from the npm serializer, stored by write_db3.py ({@code flags} too). */
    public static Path writeDb3(Path out, List<Msg> messages, String... flags) throws IOException {
        Path cdr = out.resolveSibling(out.getFileName() + ".cdr");
        Map<String, Object> spec = spec(out.resolveSibling(out.getFileName() + ".data"), messages);
        spec.put("cdrDir", cdr.toString());
        node(out.resolveSibling(out.getFileName() + ".json"), spec);
        List<String> cmd = new ArrayList<>(List.of(RosTools.PYTHON, NPM.resolve("write_db3.py").toString(),
                out.toString(), cdr.toString()));
        cmd.addAll(List.of(flags));
        if (run(cmd) != 0 || !Files.isRegularFile(out)) {
            throw new IllegalStateException("write_db3.py failed: " + cmd);
        }
        return out;
    }

    /** Writes a rosbag2 folder's metadata.yaml, as {@code ros2 bag record} leaves it (the fields this reader uses). */
    public static void writeMetadata(Path folder, String storage, List<String> files, int messageCount)
            throws IOException {
        StringBuilder y = new StringBuilder("rosbag2_bagfile_information:\n  version: 5\n  storage_identifier: ")
                .append(storage).append("\n  duration:\n    nanoseconds: 500000000\n  starting_time:\n")
                .append("    nanoseconds_since_epoch: ").append(BASE_NS).append("\n  message_count: ")
                .append(messageCount).append("\n  topics_with_message_count: []\n")
                .append("  compression_format: \"\"\n  compression_mode: \"\"\n  relative_file_paths:\n");
        for (String f : files) {
            y.append("    - ").append(f).append('\n');
        }
        Files.writeString(folder.resolve("metadata.yaml"), y.toString());
    }

    private static Map<String, Object> spec(Path dataDir, List<Msg> messages) throws IOException {
        Files.createDirectories(dataDir);
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Msg m = messages.get(i);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("topic", m.topic());
            e.put("type", m.type());
            e.put("logTime", Long.toString(m.logTimeNanos()));
            e.put("message", m.message());
            if (m.data() != null) {
                Path f = dataDir.resolve(i + ".bin");
                Files.write(f, m.data());
                e.put("dataFile", f.toString());
            }
            list.add(e);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("messages", list);
        return spec;
    }

    private static void node(Path specFile, Map<String, Object> spec) throws IOException {
        JSON.writeValue(specFile.toFile(), spec);
        List<String> cmd = List.of("node", NPM.resolve("write_rosbag2.mjs").toString(), specFile.toString());
        if (run(cmd) != 0) {
            throw new IllegalStateException("write_rosbag2.mjs failed: " + cmd);
        }
    }

    private static int run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(NPM.toFile()).inheritIO().start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Where {@code needle} first stands in {@code haystack} (to corrupt a fixture at a known place). */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
