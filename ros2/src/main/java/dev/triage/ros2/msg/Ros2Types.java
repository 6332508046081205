package dev.triage.ros2.msg;

import com.sun.jna.Pointer;
import dev.triage.ros2.dds.NativeArena;
import dev.triage.ros2.dds.TopicType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The ROS 2 message types Triage exchanges over DDS, with their C layouts (x86_64/aarch64, as idlc 0.10.2 lays
 * out {@code ros2/src/test/c/idl/ros2_types.idl}; offsets checked against the C compiler by the peer tests).
 */
public final class Ros2Types {

    private Ros2Types() {
    }

    /** Largest image accepted: 64 MiB of pixels. */
    public static final int MAX_IMAGE_BYTES = 64 << 20;

    // std_msgs/Header: stamp{int32 sec @0, uint32 nanosec @4}, char* frame_id @8; 16 bytes
    static void writeHeader(Header h, Pointer p, long off, NativeArena a) {
        p.setInt(off, h.sec());
        p.setInt(off + 4, h.nanosec());
        a.putString(p, off + 8, h.frameId());
    }

    static Header readHeader(Pointer p, long off) {
        return new Header(p.getInt(off), p.getInt(off + 4), NativeArena.getString(p, off + 8));
    }

    /** sensor_msgs/msg/Image: header @0, height @16, width @20, encoding @24, is_bigendian @32, step @36, data @40. */
    public static final TopicType<Image> IMAGE = new TopicType<>("sensor_msgs::msg::dds_::Image_") {
        @Override
        protected void write(Image m, Pointer p, NativeArena a) {
            writeHeader(m.header(), p, 0, a);
            p.setInt(16, m.height());
            p.setInt(20, m.width());
            a.putString(p, 24, m.encoding());
            p.setByte(32, (byte) (m.bigEndian() ? 1 : 0));
            p.setInt(36, m.step());
            Pointer buf = a.putSequence(p, 40, m.data().length, 1);
            if (buf != null) {
                buf.write(0, m.data(), 0, m.data().length);
            }
        }

        @Override
        protected Image read(Pointer p) {
            int n = NativeArena.sequenceLength(p, 40);
            if (n < 0 || n > MAX_IMAGE_BYTES) {
                throw new IllegalArgumentException("image data of " + Integer.toUnsignedLong(n) + " bytes");
            }
            byte[] data = n == 0 ? new byte[0] : NativeArena.sequenceBuffer(p, 40).getByteArray(0, n);
            return new Image(readHeader(p, 0), p.getInt(16), p.getInt(20), NativeArena.getString(p, 24),
                    p.getByte(32) != 0, p.getInt(36), data);
        }
    };

    /** sensor_msgs/msg/CompressedImage: header @0, format @16, data @24; 48 bytes. */
    public static final TopicType<CompressedImage> COMPRESSED_IMAGE =
            new TopicType<>("sensor_msgs::msg::dds_::CompressedImage_") {
                @Override
                protected void write(CompressedImage m, Pointer p, NativeArena a) {
                    writeHeader(m.header(), p, 0, a);
                    a.putString(p, 16, m.format());
                    Pointer buf = a.putSequence(p, 24, m.data().length, 1);
                    if (buf != null) {
                        buf.write(0, m.data(), 0, m.data().length);
                    }
                }

                @Override
                protected CompressedImage read(Pointer p) {
                    int n = NativeArena.sequenceLength(p, 24);
                    if (n < 0 || n > MAX_IMAGE_BYTES) {
                        throw new IllegalArgumentException("compressed image of " + Integer.toUnsignedLong(n)
                                + " bytes");
                    }
                    byte[] data = n == 0 ? new byte[0] : NativeArena.sequenceBuffer(p, 24).getByteArray(0, n);
                    return new CompressedImage(readHeader(p, 0), NativeArena.getString(p, 16), data);
                }
            };

    /** rosgraph_msgs/msg/Clock: clock{int32 sec @0, uint32 nanosec @4}; 8 bytes. */
    public static final TopicType<Clock> CLOCK = new TopicType<>("rosgraph_msgs::msg::dds_::Clock_") {
        @Override
        protected void write(Clock m, Pointer p, NativeArena a) {
            p.setInt(0, m.sec());
            p.setInt(4, m.nanosec());
        }

        @Override
        protected Clock read(Pointer p) {
            return new Clock(p.getInt(0), p.getInt(4));
        }
    };

    /** std_msgs/msg/Float32: data @0; 4 bytes. */
    public static final TopicType<Float32> FLOAT32 = new TopicType<>("std_msgs::msg::dds_::Float32_") {
        @Override
        protected void write(Float32 m, Pointer p, NativeArena a) {
            p.setFloat(0, m.data());
        }

        @Override
        protected Float32 read(Pointer p) {
            return new Float32(p.getFloat(0));
        }
    };

    /** Writes one element of a sequence of structs into its slot. */
    @FunctionalInterface
    interface StructWriter<E> {
        void write(E element, Pointer slot, NativeArena arena);
    }

    /** Lays {@code items} out as a {@code dds_sequence_t} at {@code off}, {@code size} bytes per struct. */
    static <E> void putStructs(Pointer p, long off, List<E> items, int size, NativeArena a, StructWriter<E> w) {
        Pointer buf = a.putSequence(p, off, items.size(), size);
        for (int i = 0; i < items.size(); i++) {
            w.write(items.get(i), buf.share((long) i * size), a);
        }
    }

    /** Reads the sequence of structs at {@code off}, {@code size} bytes each. */
    static <E> List<E> getStructs(Pointer p, long off, int size, Function<Pointer, E> r) {
        int n = NativeArena.sequenceLength(p, off);
        Pointer buf = NativeArena.sequenceBuffer(p, off);
        List<E> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.apply(buf.share((long) i * size)));
        }
        return out;
    }

    static void putStrings(Pointer p, long off, List<String> values, NativeArena a) {
        Pointer buf = a.putSequence(p, off, values.size(), 8);
        for (int i = 0; i < values.size(); i++) {
            a.putString(buf, 8L * i, values.get(i));
        }
    }

    static List<String> getStrings(Pointer p, long off) {
        int n = NativeArena.sequenceLength(p, off);
        Pointer buf = NativeArena.sequenceBuffer(p, off);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(NativeArena.getString(buf, 8L * i));
        }
        return out;
    }

    static void putFloats(Pointer p, long off, float[] values, NativeArena a) {
        Pointer buf = a.putSequence(p, off, values.length, 4);
        if (buf != null) {
            buf.write(0, values, 0, values.length);
        }
    }

    static float[] getFloats(Pointer p, long off) {
        int n = NativeArena.sequenceLength(p, off);
        return n == 0 ? new float[0] : NativeArena.sequenceBuffer(p, off).getFloatArray(0, n);
    }

    /**
     * triage_msgs/msg/SceneContext (144 bytes): header @0, scene @16, scenes @24, probabilities @48,
     * raw_probabilities @72, uncertain @96, experts_run @104, switch_count @128, latency_ms @132, deadline_met @136.
     */
    public static final TopicType<SceneContext> SCENE_CONTEXT =
            new TopicType<>("triage_msgs::msg::dds_::SceneContext_") {
                @Override
                protected void write(SceneContext m, Pointer p, NativeArena a) {
                    writeHeader(m.header(), p, 0, a);
                    a.putString(p, 16, m.scene());
                    putStrings(p, 24, m.scenes(), a);
                    putFloats(p, 48, m.probabilities(), a);
                    putFloats(p, 72, m.rawProbabilities(), a);
                    p.setByte(96, (byte) (m.uncertain() ? 1 : 0));
                    putStrings(p, 104, m.expertsRun(), a);
                    p.setInt(128, m.switchCount());
                    p.setFloat(132, m.latencyMs());
                    p.setByte(136, (byte) (m.deadlineMet() ? 1 : 0));
                }

                @Override
                protected SceneContext read(Pointer p) {
                    return new SceneContext(readHeader(p, 0), NativeArena.getString(p, 16), getStrings(p, 24),
                            getFloats(p, 48), getFloats(p, 72), p.getByte(96) != 0, getStrings(p, 104),
                            p.getInt(128), p.getFloat(132), p.getByte(136) != 0);
                }
            };

    // Lane (56 bytes): slot @0, type @1, confidence @4, points @8 (Point: x, y, z doubles, 24 bytes),
    // point_confidence @32. LaneArray (48 bytes): header @0, image_width @16, image_height @20, lanes @24.
    private static final int LANE_SIZE = 56;

    /** triage_msgs/msg/LaneArray. */
    public static final TopicType<LaneArray> LANE_ARRAY = new TopicType<>("triage_msgs::msg::dds_::LaneArray_") {
        @Override
        protected void write(LaneArray m, Pointer p, NativeArena a) {
            writeHeader(m.header(), p, 0, a);
            p.setInt(16, m.imageWidth());
            p.setInt(20, m.imageHeight());
            Pointer lanes = a.putSequence(p, 24, m.lanes().size(), LANE_SIZE);
            for (int i = 0; i < m.lanes().size(); i++) {
                LaneArray.Lane l = m.lanes().get(i);
                Pointer q = lanes.share((long) i * LANE_SIZE);
                q.setByte(0, l.slot());
                q.setByte(1, l.type());
                q.setFloat(4, l.confidence());
                Pointer pts = a.putSequence(q, 8, l.points().size(), 24);
                for (int j = 0; j < l.points().size(); j++) {
                    writePoint(l.points().get(j), pts, 24L * j);
                }
                putFloats(q, 32, l.pointConfidence(), a);
            }
        }

        @Override
        protected LaneArray read(Pointer p) {
            int n = NativeArena.sequenceLength(p, 24);
            Pointer lanes = NativeArena.sequenceBuffer(p, 24);
            List<LaneArray.Lane> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Pointer q = lanes.share((long) i * LANE_SIZE);
                int np = NativeArena.sequenceLength(q, 8);
                Pointer pts = NativeArena.sequenceBuffer(q, 8);
                List<LaneArray.Point> points = new ArrayList<>(np);
                for (int j = 0; j < np; j++) {
                    points.add(readPoint(pts, 24L * j));
                }
                out.add(new LaneArray.Lane(q.getByte(0), q.getByte(1), q.getFloat(4), points, getFloats(q, 32)));
            }
            return new LaneArray(readHeader(p, 0), p.getInt(16), p.getInt(20), out);
        }
    };

    // Detection2D (88 bytes): header @0, results seq @16 (ObjectHypothesisWithPose, 360 bytes each:
    // hypothesis{char* class_id @0, double score @8}, pose{pose{position xyz @16, orientation xyzw @40},
    // covariance[36] @72}), bbox @40 {center{position{x @40, y @48}, theta @56}, size_x @64, size_y @72},
    // char* id @80. Detection2DArray (40 bytes): header @0, detections seq @16.
    private static final int DETECTION_SIZE = 88;
    private static final int HYPOTHESIS_SIZE = 360;

    /** vision_msgs/msg/Detection2DArray (ROS 2 layout). */
    public static final TopicType<Detection2DArray> DETECTION_2D_ARRAY =
            new TopicType<>("vision_msgs::msg::dds_::Detection2DArray_") {
                @Override
                protected void write(Detection2DArray m, Pointer p, NativeArena a) {
                    writeHeader(m.header(), p, 0, a);
                    Pointer dets = a.putSequence(p, 16, m.detections().size(), DETECTION_SIZE);
                    for (int i = 0; i < m.detections().size(); i++) {
                        Detection2D d = m.detections().get(i);
                        Pointer q = dets.share((long) i * DETECTION_SIZE);
                        writeHeader(d.header(), q, 0, a);
                        Pointer hyps = a.putSequence(q, 16, d.results().size(), HYPOTHESIS_SIZE);
                        for (int j = 0; j < d.results().size(); j++) {
                            Pointer h = hyps.share((long) j * HYPOTHESIS_SIZE);
                            a.putString(h, 0, d.results().get(j).classId());
                            h.setDouble(8, d.results().get(j).score());
                            h.setDouble(64, 1.0);   // orientation.w: identity, ROS 2's default
                        }
                        q.setDouble(40, d.centerX());
                        q.setDouble(48, d.centerY());
                        q.setDouble(56, d.theta());
                        q.setDouble(64, d.sizeX());
                        q.setDouble(72, d.sizeY());
                        a.putString(q, 80, d.id());
                    }
                }

                @Override
                protected Detection2DArray read(Pointer p) {
                    int n = NativeArena.sequenceLength(p, 16);
                    List<Detection2D> out = new ArrayList<>(n);
                    Pointer dets = NativeArena.sequenceBuffer(p, 16);
                    for (int i = 0; i < n; i++) {
                        Pointer q = dets.share((long) i * DETECTION_SIZE);
                        int nh = NativeArena.sequenceLength(q, 16);
                        Pointer hyps = NativeArena.sequenceBuffer(q, 16);
                        List<Detection2D.Hypothesis> hs = new ArrayList<>(nh);
                        for (int j = 0; j < nh; j++) {
                            Pointer h = hyps.share((long) j * HYPOTHESIS_SIZE);
                            hs.add(new Detection2D.Hypothesis(NativeArena.getString(h, 0), h.getDouble(8)));
                        }
                        out.add(new Detection2D(readHeader(q, 0), hs, q.getDouble(40), q.getDouble(48),
                                q.getDouble(56), q.getDouble(64), q.getDouble(72), NativeArena.getString(q, 80)));
                    }
                    return new Detection2DArray(readHeader(p, 0), out);
                }
            };

    // DiagnosticStatus (56 bytes): octet level @0, char* name @8, message @16, hardware_id @24, values seq @32
    // (KeyValue: char* key @0, value @8; 16 bytes). DiagnosticArray (40 bytes): header @0, status seq @16.
    private static final int STATUS_SIZE = 56;
    private static final int KEY_VALUE_SIZE = 16;

    /** diagnostic_msgs/msg/DiagnosticArray. */
    public static final TopicType<DiagnosticArray> DIAGNOSTIC_ARRAY =
            new TopicType<>("diagnostic_msgs::msg::dds_::DiagnosticArray_") {
                @Override
                protected void write(DiagnosticArray m, Pointer p, NativeArena a) {
                    writeHeader(m.header(), p, 0, a);
                    Pointer st = a.putSequence(p, 16, m.status().size(), STATUS_SIZE);
                    for (int i = 0; i < m.status().size(); i++) {
                        DiagnosticArray.Status s = m.status().get(i);
                        Pointer q = st.share((long) i * STATUS_SIZE);
                        q.setByte(0, s.level());
                        a.putString(q, 8, s.name());
                        a.putString(q, 16, s.message());
                        a.putString(q, 24, s.hardwareId());
                        Pointer kv = a.putSequence(q, 32, s.values().size(), KEY_VALUE_SIZE);
                        for (int j = 0; j < s.values().size(); j++) {
                            a.putString(kv, (long) j * KEY_VALUE_SIZE, s.values().get(j).key());
                            a.putString(kv, (long) j * KEY_VALUE_SIZE + 8, s.values().get(j).value());
                        }
                    }
                }

                @Override
                protected DiagnosticArray read(Pointer p) {
                    int n = NativeArena.sequenceLength(p, 16);
                    Pointer st = NativeArena.sequenceBuffer(p, 16);
                    List<DiagnosticArray.Status> out = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        Pointer q = st.share((long) i * STATUS_SIZE);
                        int nk = NativeArena.sequenceLength(q, 32);
                        Pointer kv = NativeArena.sequenceBuffer(q, 32);
                        List<DiagnosticArray.KeyValue> kvs = new ArrayList<>(nk);
                        for (int j = 0; j < nk; j++) {
                            kvs.add(new DiagnosticArray.KeyValue(NativeArena.getString(kv, (long) j * KEY_VALUE_SIZE),
                                    NativeArena.getString(kv, (long) j * KEY_VALUE_SIZE + 8)));
                        }
                        out.add(new DiagnosticArray.Status(q.getByte(0), NativeArena.getString(q, 8),
                                NativeArena.getString(q, 16), NativeArena.getString(q, 24), kvs));
                    }
                    return new DiagnosticArray(readHeader(p, 0), out);
                }
            };

    // Marker (336 bytes): header @0, ns @16, id @24, type @28, action @32, pose @40 {position xyz @40,
    // orientation xyzw @64}, scale xyz @96, color rgba @120, lifetime {sec @136, nanosec @140}, frame_locked @144,
    // points seq @152 (Point 24 bytes), colors seq @176 (ColorRGBA 16 bytes), texture_resource @200, texture @208
    // {header @208, format @224, data seq @232}, uv_coordinates seq @256, text @280, mesh_resource @288,
    // mesh_file {filename @296, data seq @304}, mesh_use_embedded_materials @328. MarkerArray (24 bytes): markers @0.
    private static final int MARKER_SIZE = 336;
    private static final int COLOR_SIZE = 16;

    /** visualization_msgs/msg/MarkerArray (ROS 2 Humble layout). */
    public static final TopicType<MarkerArray> MARKER_ARRAY =
            new TopicType<>("visualization_msgs::msg::dds_::MarkerArray_") {
                @Override
                protected void write(MarkerArray m, Pointer p, NativeArena a) {
                    putStructs(p, 0, m.markers(), MARKER_SIZE, a, Ros2Types::writeMarker);
                }

                @Override
                protected MarkerArray read(Pointer p) {
                    return new MarkerArray(getStructs(p, 0, MARKER_SIZE, Ros2Types::readMarker));
                }
            };

    private static void writeMarker(Marker m, Pointer q, NativeArena a) {
        writeHeader(m.header(), q, 0, a);
        a.putString(q, 16, m.ns());
        q.setInt(24, m.id());
        q.setInt(28, m.type());
        q.setInt(32, m.action());
        writePose(m.pose(), q, 40);
        q.setDouble(96, m.scale().x());
        q.setDouble(104, m.scale().y());
        q.setDouble(112, m.scale().z());
        writeColor(m.color(), q, 120);
        q.setInt(136, m.lifetimeSec());
        q.setInt(140, m.lifetimeNanosec());
        q.setByte(144, (byte) (m.frameLocked() ? 1 : 0));
        Pointer pts = a.putSequence(q, 152, m.points().size(), 24);
        for (int j = 0; j < m.points().size(); j++) {
            writePoint(m.points().get(j), pts, 24L * j);
        }
        Pointer colors = a.putSequence(q, 176, m.colors().size(), COLOR_SIZE);
        for (int j = 0; j < m.colors().size(); j++) {
            writeColor(m.colors().get(j), colors, (long) COLOR_SIZE * j);
        }
        a.putString(q, 200, "");                       // texture_resource
        writeHeader(new Header(0, 0, ""), q, 208, a);  // texture: empty CompressedImage
        a.putString(q, 224, "");
        a.putString(q, 280, m.text());
        a.putString(q, 288, m.meshResource());
        a.putString(q, 296, "");                       // mesh_file.filename
        q.setByte(328, (byte) (m.meshUseEmbeddedMaterials() ? 1 : 0));
    }

    private static Marker readMarker(Pointer q) {
        int np = NativeArena.sequenceLength(q, 152);
        Pointer pts = NativeArena.sequenceBuffer(q, 152);
        List<LaneArray.Point> points = new ArrayList<>(np);
        for (int j = 0; j < np; j++) {
            points.add(readPoint(pts, 24L * j));
        }
        int nc = NativeArena.sequenceLength(q, 176);
        Pointer colors = NativeArena.sequenceBuffer(q, 176);
        List<Marker.Color> cs = new ArrayList<>(nc);
        for (int j = 0; j < nc; j++) {
            cs.add(readColor(colors, (long) COLOR_SIZE * j));
        }
        return new Marker(readHeader(q, 0), NativeArena.getString(q, 16), q.getInt(24), q.getInt(28), q.getInt(32),
                readPose(q, 40), new Marker.Vector3(q.getDouble(96), q.getDouble(104), q.getDouble(112)),
                readColor(q, 120), q.getInt(136), q.getInt(140), q.getByte(144) != 0, points, cs,
                NativeArena.getString(q, 280), NativeArena.getString(q, 288), q.getByte(328) != 0);
    }

    static void writePoint(LaneArray.Point pt, Pointer p, long off) {
        p.setDouble(off, pt.x());
        p.setDouble(off + 8, pt.y());
        p.setDouble(off + 16, pt.z());
    }

    static LaneArray.Point readPoint(Pointer p, long off) {
        return new LaneArray.Point(p.getDouble(off), p.getDouble(off + 8), p.getDouble(off + 16));
    }

    /** geometry_msgs/Pose (56 bytes): position @0, orientation x, y, z, w @24..48. */
    static void writePose(Marker.Pose pose, Pointer p, long off) {
        writePoint(pose.position(), p, off);
        p.setDouble(off + 24, pose.qx());
        p.setDouble(off + 32, pose.qy());
        p.setDouble(off + 40, pose.qz());
        p.setDouble(off + 48, pose.qw());
    }

    static Marker.Pose readPose(Pointer p, long off) {
        return new Marker.Pose(readPoint(p, off), p.getDouble(off + 24), p.getDouble(off + 32), p.getDouble(off + 40),
                p.getDouble(off + 48));
    }

    private static void writeColor(Marker.Color c, Pointer p, long off) {
        p.setFloat(off, c.r());
        p.setFloat(off + 4, c.g());
        p.setFloat(off + 8, c.b());
        p.setFloat(off + 12, c.a());
    }

    private static Marker.Color readColor(Pointer p, long off) {
        return new Marker.Color(p.getFloat(off), p.getFloat(off + 4), p.getFloat(off + 8), p.getFloat(off + 12));
    }
}
