package dev.triage.ros2.msg;

import com.sun.jna.Pointer;
import dev.triage.ros2.dds.NativeArena;
import dev.triage.ros2.dds.TopicType;


/**
 * The ROS 2 message types of a simulator's ground truth (the CARLA loop): sensor_msgs/msg/CameraInfo,
 * tf2_msgs/msg/TFMessage and derived_object_msgs/msg/ObjectArray, with their C layouts as idlc 0.10.2 lays out
 * {@code ros2/src/test/c/idl/ros2_types.idl} (x86_64/aarch64).
 */
public final class Ros2SimTypes {

    private Ros2SimTypes() {
    }

    /**
     * sensor_msgs/msg/CameraInfo (328 bytes): header @0, height @16, width @20, distortion_model @24, d @32, k @56,
     * r @128, p @200, binning_x @296, binning_y @300, roi @304 (x_offset, y_offset, height, width, do_rectify @+16).
     */
    public static final TopicType<CameraInfo> CAMERA_INFO = new TopicType<>("sensor_msgs::msg::dds_::CameraInfo_") {
        @Override
        protected void write(CameraInfo m, Pointer p, NativeArena a) {
            Ros2Types.writeHeader(m.header(), p, 0, a);
            p.setInt(16, m.height());
            p.setInt(20, m.width());
            a.putString(p, 24, m.distortionModel());
            Pointer d = a.putSequence(p, 32, m.d().length, 8);
            if (d != null) {
                d.write(0, m.d(), 0, m.d().length);
            }
            p.write(56, m.k(), 0, 9);
            p.write(128, m.r(), 0, 9);
            p.write(200, m.p(), 0, 12);
            p.setInt(296, m.binningX());
            p.setInt(300, m.binningY());
            CameraInfo.RegionOfInterest roi = m.roi();
            p.setInt(304, roi.xOffset());
            p.setInt(308, roi.yOffset());
            p.setInt(312, roi.height());
            p.setInt(316, roi.width());
            p.setByte(320, (byte) (roi.doRectify() ? 1 : 0));
        }

        @Override
        protected CameraInfo read(Pointer p) {
            int n = NativeArena.sequenceLength(p, 32);
            double[] d = n == 0 ? new double[0] : NativeArena.sequenceBuffer(p, 32).getDoubleArray(0, n);
            return new CameraInfo(Ros2Types.readHeader(p, 0), p.getInt(16), p.getInt(20),
                    NativeArena.getString(p, 24), d, p.getDoubleArray(56, 9), p.getDoubleArray(128, 9),
                    p.getDoubleArray(200, 12), p.getInt(296), p.getInt(300), new CameraInfo.RegionOfInterest(
                    p.getInt(304), p.getInt(308), p.getInt(312), p.getInt(316), p.getByte(320) != 0));
        }
    };

    // TransformStamped (80 bytes): header @0, child_frame_id @16, translation @24, rotation x, y, z, w @48..72
    private static final int TRANSFORM_STAMPED_SIZE = 80;

    /** tf2_msgs/msg/TFMessage (24 bytes): transforms @0. */
    public static final TopicType<TfMessage> TF_MESSAGE = new TopicType<>("tf2_msgs::msg::dds_::TFMessage_") {
        @Override
        protected void write(TfMessage m, Pointer p, NativeArena a) {
            Ros2Types.putStructs(p, 0, m.transforms(), TRANSFORM_STAMPED_SIZE, a, Ros2SimTypes::writeTransform);
        }

        @Override
        protected TfMessage read(Pointer p) {
            return new TfMessage(Ros2Types.getStructs(p, 0, TRANSFORM_STAMPED_SIZE, Ros2SimTypes::readTransform));
        }
    };

    // Object (264 bytes): header @0, id @16, detection_level @20, object_classified @21, pose @24 (position, then
    // orientation @48), twist @80, accel @128, polygon @176, shape @200 (type @200, dimensions @208, polygon @232),
    // classification @256, classification_certainty @257, classification_age @260
    private static final int OBJECT_SIZE = 264;

    /** derived_object_msgs/msg/ObjectArray (40 bytes): header @0, objects @16. */
    public static final TopicType<ObjectArray> OBJECT_ARRAY =
            new TopicType<>("derived_object_msgs::msg::dds_::ObjectArray_") {
                @Override
                protected void write(ObjectArray m, Pointer p, NativeArena a) {
                    Ros2Types.writeHeader(m.header(), p, 0, a);
                    Ros2Types.putStructs(p, 16, m.objects(), OBJECT_SIZE, a, Ros2SimTypes::writeObject);
                }

                @Override
                protected ObjectArray read(Pointer p) {
                    return new ObjectArray(Ros2Types.readHeader(p, 0),
                            Ros2Types.getStructs(p, 16, OBJECT_SIZE, Ros2SimTypes::readObject));
                }
            };

    private static void writeTransform(TfMessage.TransformStamped t, Pointer q, NativeArena a) {
        Ros2Types.writeHeader(t.header(), q, 0, a);
        a.putString(q, 16, t.childFrameId());
        q.setDouble(24, t.translation().x());
        q.setDouble(32, t.translation().y());
        q.setDouble(40, t.translation().z());
        writeQuaternion(t.rotation(), q, 48);
    }

    private static TfMessage.TransformStamped readTransform(Pointer q) {
        return new TfMessage.TransformStamped(Ros2Types.readHeader(q, 0), NativeArena.getString(q, 16),
                new Marker.Vector3(q.getDouble(24), q.getDouble(32), q.getDouble(40)), readQuaternion(q, 48));
    }

    private static void writeObject(ObjectArray.DerivedObject o, Pointer q, NativeArena a) {
        Ros2Types.writeHeader(o.header(), q, 0, a);
        q.setInt(16, (int) o.id());
        q.setByte(20, (byte) o.detectionLevel());
        q.setByte(21, (byte) (o.objectClassified() ? 1 : 0));
        Ros2Types.writePose(o.pose(), q, 24);
        // twist, accel (zeros) and both polygons (empty sequences) stay as the zeroed sample has them
        q.setByte(200, (byte) o.shapeType());
        Pointer dims = a.putSequence(q, 208, o.dimensions().length, 8);
        if (dims != null) {
            dims.write(0, o.dimensions(), 0, o.dimensions().length);
        }
        q.setByte(256, (byte) o.classification());
        q.setByte(257, (byte) o.classificationCertainty());
        q.setInt(260, (int) o.classificationAge());
    }

    private static ObjectArray.DerivedObject readObject(Pointer q) {
        int n = NativeArena.sequenceLength(q, 208);
        double[] dims = n == 0 ? new double[0] : NativeArena.sequenceBuffer(q, 208).getDoubleArray(0, n);
        return new ObjectArray.DerivedObject(Ros2Types.readHeader(q, 0), Integer.toUnsignedLong(q.getInt(16)),
                Byte.toUnsignedInt(q.getByte(20)), q.getByte(21) != 0,
                Ros2Types.readPose(q, 24),
                Byte.toUnsignedInt(q.getByte(200)), dims, Byte.toUnsignedInt(q.getByte(256)),
                Byte.toUnsignedInt(q.getByte(257)), Integer.toUnsignedLong(q.getInt(260)));
    }

    private static void writeQuaternion(TfMessage.Quaternion r, Pointer p, long off) {
        p.setDouble(off, r.x());
        p.setDouble(off + 8, r.y());
        p.setDouble(off + 16, r.z());
        p.setDouble(off + 24, r.w());
    }

    private static TfMessage.Quaternion readQuaternion(Pointer p, long off) {
        return new TfMessage.Quaternion(p.getDouble(off), p.getDouble(off + 8), p.getDouble(off + 16),
                p.getDouble(off + 24));
    }
}
