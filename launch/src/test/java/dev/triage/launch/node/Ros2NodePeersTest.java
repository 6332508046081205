package dev.triage.launch.node;

import dev.triage.launch.wiring.Ros2NodeLauncher;
import dev.triage.ros2.dds.CPeer;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.dds.DdsReader;
import dev.triage.ros2.dds.FastDdsPeer;
import dev.triage.ros2.dds.PeerDetections;
import dev.triage.ros2.dds.PeerProcess;
import dev.triage.ros2.dds.QosProfile;
import dev.triage.ros2.dds.Ros2TestSupport;
import dev.triage.ros2.dds.UdpBindings;
import dev.triage.ros.node.ResultMarkers;
import dev.triage.ros2.msg.Detection2D;
import dev.triage.ros2.msg.Detection2DArray;
import dev.triage.ros2.msg.Header;
import dev.triage.ros2.msg.Ros2Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ROS 2 node (in-process, {@code --ros-args} wiring) against the peers of the other vendor and against slow
 * subscribers. A C++ camera on eProsima Fast DDS 2.9 (fastddsgen types, loopback-only profile) publishes 640x480
 * rgb8 frames and subscribes the node's detections: every Detection2DArray it decodes carries its image's stamp
 * and frame_id and equals, field by field, what a Java probe on Cyclone decoded from the same node. A restarted
 * Fast DDS camera that interleaves samples whose bytes are not an Image_ still gets detections. Two slow C
 * subscribers on libddsc (one never takes, one frozen with SIGSTOP) do not slow the node for a normal one: while a
 * C camera publishes 100 frames at 20 Hz, the normal subscriber gets the detections of every frame the node
 * processed, at least 30, each within 2 s of its image, and the JVM's heap and resident memory stay within stated
 * bounds. The resident bound is measured after a warm-up burst at the same rate and in a JVM of its own whose heap
 * is fixed and touched up front (launch/pom.xml), so that it counts native memory only. (With keep-all instead of keep-last-10 output writers, Cyclone's writer history holds on to the frozen
 * reader's unacknowledged samples and starts to throttle the writer after a few hundred kB: detections went missing,
 * which this test caught.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Ros2NodePeersTest {

    private static final String IMAGES = "rt/camera/image_raw";
    private static final String DETECTIONS = "rt/perception/triage/detections";
    private static final String MARKERS = "rt/perception/triage/markers";
    /** Heap growth (after GC) allowed while the slow subscribers hold on: what the node keeps is 10 samples/writer. */
    private static final long HEAP_BOUND = 32L << 20;
    /** Resident-set growth allowed meanwhile (Cyclone's native writer history included). */
    private static final long RSS_BOUND = 96L << 20;

    /** Frames the camera publishes at 20 Hz while the slow subscribers hold on. */
    private static final int SLOW_FRAMES = 100;

    @TempDir
    static Path tmp;
    static int domain;
    static Ros2NodeLauncher.Running node;
    static DdsParticipant probe;
    static DdsReader<Detection2DArray> detections;
    static final Map<Header, Detection2DArray> DECODED_BY_JAVA = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Ros2TestSupport.requireLoopbackConfig();
        CPeer.assumeTools();
        domain = Ros2TestSupport.testDomain();
        node = Ros2InProcess.start(tmp, domain, "-r", "~/image:=/camera/image_raw",
                "-r", "__ns:=/perception", "-r", "__node:=triage", "-p", "budget_ms:=200");
        probe = DdsParticipant.create(domain);
        detections = probe.createReader(DETECTIONS, Ros2Types.DETECTION_2D_ARRAY, QosProfile.RELIABLE,
                a -> DECODED_BY_JAVA.put(a.header(), a), e -> { });
    }

    @AfterAll
    static void stop() {
        if (detections != null) detections.close();
        if (probe != null) probe.close();
        if (node != null) node.close();
    }

    /** Checks every array's stamp and frame_id against the camera's (sec 1000 + i, nanosec 1000 i). */
    static List<PeerDetections> checkedStamps(List<String> out, String frameId, int count) {
        assertTrue(out.contains("published " + count), String.join("\n", out));
        List<PeerDetections> dets = PeerDetections.parse(out);
        for (PeerDetections d : dets) {
            int i = d.header().sec() - 1000;
            assertTrue(i >= 0 && i < count, "stamp of an input image: " + d.header());
            assertEquals(1000 * i, d.header().nanosec(), "nanosec kept: " + d.header());
            assertEquals(frameId, d.header().frameId(), "frame_id kept: " + d.header());
        }
        return dets;
    }

    static List<String> fastDdsCamera(String frameId, int count, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("camera", IMAGES, DETECTIONS, "" + count, "10", frameId));
        args.addAll(List.of(extra));
        try (PeerProcess camera = PeerProcess.start(FastDdsPeer.executable(), FastDdsPeer.environment(domain),
                args.toArray(String[]::new))) {
            assertTrue(camera.waitForLine("det ", 25_000), "detections while the camera runs: " + camera.output());
            List<String> sockets = UdpBindings.of(camera.pid());
            assertFalse(sockets.isEmpty(), "the Fast DDS peer's UDP sockets");
            assertTrue(sockets.stream().allMatch(UdpBindings::isLoopback), "Fast DDS on 127.0.0.1 only: " + sockets);
            return camera.finish(40);
        }
    }

    /**
     * A real street photo with people (../shared/data's pedestrians_street_dev set, non-commercial licence, not in
     * the repo) as 640x480 raw rgb8, so that the node's detections have fields to compare; empty when it is absent.
     */
    static Optional<Path> streetImageRgb() throws Exception {
        Path images = Path.of(System.getProperty("triage.shared.data", "../../shared/data"))
                .resolve("pedestrians_street_dev/images").toAbsolutePath().normalize();
        if (!Files.isDirectory(images)) {
            return Optional.empty();
        }
        Path first;
        try (var files = Files.list(images)) {
            first = files.filter(f -> f.toString().matches(".*\\.(jpg|jpeg|png)$")).sorted().findFirst().orElse(null);
        }
        if (first == null) {
            return Optional.empty();
        }
        BufferedImage scaled = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(ImageIO.read(first.toFile()), 0, 0, 640, 480, null);
        g.dispose();
        byte[] bgr = ((DataBufferByte) scaled.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        Path raw = tmp.resolve("street.rgb");
        Files.write(raw, rgb);
        return Optional.of(raw);
    }

    @Test
    @Order(1)
    void fastDdsCameraDecodesTheNodesDetectionsFieldByField() throws Exception {
        Optional<Path> street = streetImageRgb();
        List<String> out = street.isPresent() ? fastDdsCamera("cam_fastdds", 20, "rgb=" + street.get())
                : fastDdsCamera("cam_fastdds", 20);
        List<PeerDetections> dets = checkedStamps(out, "cam_fastdds", 20);
        assertTrue(dets.size() >= 5, "detections for the Fast DDS camera's images: " + dets.size() + " of 20");
        Thread.sleep(200);
        int objects = 0;
        for (PeerDetections d : dets) {
            Detection2DArray java = DECODED_BY_JAVA.get(d.header());
            assertTrue(java != null, "the Java probe got the same array: " + d.header());
            d.assertSameAs(java);
            objects += d.count();
        }
        System.out.printf("Fast DDS camera (%s): %d arrays, %d detections decoded field by field%n",
                street.isPresent() ? "street photo" : "grey ramp, no street photo here", dets.size(), objects);
        if (street.isPresent()) {
            assertTrue(objects > 0, "people detected in the street photo, so that fields were compared");
        }
    }

    @Test
    @Order(2)
    void restartedFastDdsCameraWithMalformedSamplesStillGetsDetections() throws Exception {
        long before = node.node().summary().framesIn();
        List<PeerDetections> dets = checkedStamps(fastDdsCamera("cam_fastdds_bad", 15, "malformed"),
                "cam_fastdds_bad", 15);
        assertTrue(dets.size() >= 4, "detections after the restart, among malformed samples: " + dets.size());
        long in = node.node().summary().framesIn() - before;
        assertTrue(in <= 15, "only the good images are frames (the malformed never reach the node): " + in);
    }

    @Test
    @Order(3)
    void slowSubscribersDoNotStopTheNode() throws Exception {
        Path cPeer = CPeer.build(tmp, "ros2_peer.c");
        Map<String, String> env = Map.of("ROS_DOMAIN_ID", Integer.toString(domain));
        String[] cameraArgs = slowCameraArgs();
        // The node's first burst at 20 Hz grows its native working set once (about 200 MiB with the default models,
        // then flat: measured burst after burst); a warm-up burst without slow subscribers keeps that out of the bound.
        try (PeerProcess warmUp = PeerProcess.start(cPeer, env, cameraArgs)) {
            checkedStamps(warmUp.finish(40), "cam_slow", SLOW_FRAMES);
        }
        try (PeerProcess neverTakes = PeerProcess.start(cPeer, env, "stall", DETECTIONS, "20");
             PeerProcess frozen = PeerProcess.start(cPeer, env, "stall", DETECTIONS, "20")) {
            assertTrue(neverTakes.waitForLine("matched", 20_000), "slow subscriber matched: " + neverTakes.output());
            assertTrue(frozen.waitForLine("matched", 20_000), "slow subscriber matched: " + frozen.output());
            CPeer.run(tmp, "/bin/kill", "-STOP", Long.toString(frozen.pid()));
            long heapBefore = heapAfterGc();
            long rssBefore = residentBytes();
            long processedBefore = node.node().summary().framesProcessed();

            List<PeerDetections> dets;
            try (PeerProcess camera = PeerProcess.start(cPeer, env, cameraArgs)) {
                dets = checkedStamps(camera.finish(40), "cam_slow", SLOW_FRAMES);
            }
            long objects = dets.stream().mapToLong(PeerDetections::count).sum();
            long processed = node.node().summary().framesProcessed() - processedBefore;
            long heapGrowth = heapAfterGc() - heapBefore;
            long rssGrowth = residentBytes() - rssBefore;
            long maxRttMs = dets.stream().mapToLong(PeerDetections::rttMicros).max().orElse(-1) / 1000;
            System.out.printf("slow subscribers: %d of %d frames processed, %d detection arrays (%d detections) to "
                    + "the normal subscriber, max round trip %d ms, heap %+d MiB, RSS %+d MiB%n", processed,
                    SLOW_FRAMES, dets.size(), objects, maxRttMs, heapGrowth >> 20, rssGrowth >> 20);
            assertTrue(dets.size() >= 30, "detections for >= 30 of " + SLOW_FRAMES + " frames (20 Hz for 5 s, "
                    + "so >= 6 Hz): " + dets.size());
            assertEquals(processed, dets.size(), "every processed frame's detections reached the normal subscriber");
            assertTrue(maxRttMs >= 0 && maxRttMs < 2000, "each image's detections within 2 s: " + maxRttMs + " ms");
            assertTrue(neverTakes.waitForLine("held 10", 3000), "the slow subscriber's history filled up and "
                    + "stayed full: " + neverTakes.output());
            assertTrue(heapGrowth < HEAP_BOUND, "heap growth " + heapGrowth);
            assertTrue(rssGrowth < RSS_BOUND, "resident growth " + rssGrowth);
            CPeer.run(tmp, "/bin/kill", "-CONT", Long.toString(frozen.pid()));
        }
    }

    /** The C camera's arguments: {@value #SLOW_FRAMES} street photos (else grey ramps) at 20 Hz, frame cam_slow. */
    static String[] slowCameraArgs() throws Exception {
        List<String> args = new ArrayList<>(List.of("camera", IMAGES, DETECTIONS, "" + SLOW_FRAMES, "20", "cam_slow"));
        streetImageRgb().ifPresent(rgb -> args.add("rgb=" + rgb));
        return args.toArray(String[]::new);
    }

    static long heapAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static long residentBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /**
     * {@code ~markers} over ROS 2: a C subscriber on libddsc (idlc types of visualization_msgs/msg/MarkerArray, Humble
     * layout) decodes the node's markers, and every box marker equals the detection the Java probe decoded from the
     * same image (same stamp and frame_id): the corners of its box as a closed LINE_STRIP in pixels, its class's
     * colour, the ROS 1 node's line width, pose, action and lifetime (the same {@link ResultMarkers} builds both).
     */
    @Test
    @Order(4)
    void aCSubscriberDecodesTheNodesMarkersFieldByField() throws Exception {
        Path cPeer = CPeer.build(tmp, "ros2_peer.c");
        Map<String, String> env = Map.of("ROS_DOMAIN_ID", Integer.toString(domain));
        List<String> markerLines;
        try (PeerProcess markers = PeerProcess.start(cPeer, env, "markers", MARKERS, "5")) {
            assertTrue(markers.waitForLine("matched", 20_000), "marker subscriber matched: " + markers.output());
            Thread.sleep(500); // the node's writer sees the reader too, and starts writing markers
            List<String> args = new ArrayList<>(List.of("camera", IMAGES, DETECTIONS, "20", "10", "cam_markers"));
            streetImageRgb().ifPresent(rgb -> args.add("rgb=" + rgb));
            try (PeerProcess camera = PeerProcess.start(cPeer, env, args.toArray(String[]::new))) {
                checkedStamps(camera.finish(40), "cam_markers", 20);
            }
            markerLines = markers.finish(40);
        }
        Thread.sleep(200);
        long arrays = markerLines.stream().filter(l -> l.startsWith("ma ")).count();
        assertTrue(arrays >= 5, "marker arrays decoded by the C subscriber: " + markerLines);
        int boxes = 0;
        for (String line : markerLines.stream().filter(l -> l.startsWith("m ")).toList()) {
            String[] f = line.split(" ");
            Header header = new Header(Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3]);
            assertEquals("cam_markers", header.frameId(), line);
            Map<String, String> v = new HashMap<>();
            for (int k = 4; k < f.length; k++) {
                int eq = f[k].indexOf('=');
                v.put(f[k].substring(0, eq), f[k].substring(eq + 1));
            }
            assertEquals("4", v.get("type"), "LINE_STRIP: " + line);
            assertEquals("0", v.get("action"), line);
            assertEquals("0.000,0.000,0.000,0.000,0.000,0.000,1.000", v.get("pose"), "identity pose: " + line);
            assertEquals(String.format(Locale.ROOT, "%.3f,0.000,0.000", ResultMarkers.LINE_WIDTH),
                    v.get("scale"), line);
            assertEquals("0.500000000", v.get("life"), "the default 0.5 s marker lifetime: " + line);
            for (String empty : List.of("tex", "texfmt", "text", "mesh")) {
                assertEquals("[]", v.get(empty), empty + ": " + line);
            }
            assertEquals("[]:0", v.get("meshfile"), line);
            assertEquals(List.of("0", "0", "0", "0", "0"), List.of(v.get("locked"), v.get("colors"),
                    v.get("texdata"), v.get("uv"), v.get("embedded")), line);
            if (!v.get("ns").equals(ResultMarkers.DETECTIONS)) {
                assertEquals(ResultMarkers.LANES, v.get("ns"), line);
                continue;
            }
            Detection2DArray decoded = DECODED_BY_JAVA.get(header);
            assertTrue(decoded != null, "the Java probe got the detections of the same image: " + header);
            Detection2D d = decoded.detections().get(Integer.parseInt(v.get("id")));
            double x1 = d.centerX() - d.sizeX() / 2;
            double y1 = d.centerY() - d.sizeY() / 2;
            double x2 = d.centerX() + d.sizeX() / 2;
            double y2 = d.centerY() + d.sizeY() / 2;
            String corners = Stream.of(new double[]{x1, y1}, new double[]{x2, y1},
                            new double[]{x2, y2}, new double[]{x1, y2}, new double[]{x1, y1})
                    .map(c -> String.format(Locale.ROOT, "%.3f:%.3f:0.000", c[0], c[1]))
                    .collect(Collectors.joining(";"));
            assertEquals(corners, v.get("pts"), "the box of detection " + v.get("id") + ": " + line);
            ResultMarkers.Rgba c = ResultMarkers.classColour(d.results().get(0).classId());
            assertEquals(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", c.r(), c.g(), c.b(), c.a()),
                    v.get("color"), "the colour of " + d.results().get(0).classId() + ": " + line);
            boxes++;
        }
        System.out.printf("markers: %d arrays, %d box markers compared with the detections field by field%n",
                arrays, boxes);
        if (streetImageRgb().isPresent()) {
            assertTrue(boxes > 0, "people in the street photo, so that box markers were compared");
        }
    }
}
