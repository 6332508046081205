package dev.triage.launch.wiring;

import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.geometry.Point;
import dev.triage.ros.msg.geometry.Pose;
import dev.triage.ros.msg.geometry.Quaternion;
import dev.triage.ros.msg.geometry.Vector3;
import dev.triage.ros.msg.sensor.CameraInfo;
import dev.triage.ros.msg.sensor.RegionOfInterest;
import dev.triage.ros.msg.std.Header;
import dev.triage.ros2.msg.LaneArray;
import dev.triage.ros2.msg.Marker;
import dev.triage.simbridge.msg.DerivedObject;
import dev.triage.simbridge.msg.ObjectArray;
import dev.triage.simbridge.msg.SolidPrimitive;
import dev.triage.simbridge.msg.TfMessage;
import dev.triage.simbridge.msg.Transform;
import dev.triage.simbridge.msg.TransformStamped;

/**
 * The CARLA loop's ground-truth messages between their ROS 2 records ({@code dev.triage.ros2.msg}) and the records
 * that sim-bridge's {@code CarlaLoop} and {@code CarlaSimPublisher} work on (the ROS 1 ones), field by field: the
 * same content, ROS 2's header (no seq: 0 when read) and the fields both leave out (an object's twist, accel and
 * polygons) as they are on the wire.
 */
public final class Ros2CarlaMessages {

    private Ros2CarlaMessages() {
    }

    static Header header(dev.triage.ros2.msg.Header h) {
        return new Header(0, Time.ofNanos(h.toNanos()), h.frameId());
    }

    static dev.triage.ros2.msg.Header header(Header h) {
        return dev.triage.ros2.msg.Header.ofNanos(h.stamp().toNanos(), h.frameId());
    }

    /** sensor_msgs CameraInfo, ROS 2 → the record the loop's projector reads. */
    public static CameraInfo cameraInfo(dev.triage.ros2.msg.CameraInfo m) {
        var roi = m.roi();
        return new CameraInfo(header(m.header()), m.height(), m.width(), m.distortionModel(), m.d(), m.k(), m.r(),
                m.p(), m.binningX(), m.binningY(),
                new RegionOfInterest(roi.xOffset(), roi.yOffset(), roi.height(), roi.width(), roi.doRectify()));
    }

    /** sensor_msgs CameraInfo → ROS 2. */
    public static dev.triage.ros2.msg.CameraInfo cameraInfo(CameraInfo m) {
        var roi = m.roi();
        return new dev.triage.ros2.msg.CameraInfo(header(m.header()), m.height(), m.width(), m.distortionModel(),
                m.d(), m.k(), m.r(), m.p(), m.binningX(), m.binningY(), new dev.triage.ros2.msg.CameraInfo
                .RegionOfInterest(roi.xOffset(), roi.yOffset(), roi.height(), roi.width(), roi.doRectify()));
    }

    /** tf2_msgs TFMessage, ROS 2 → the record the loop's transform buffer reads. */
    public static TfMessage tf(dev.triage.ros2.msg.TfMessage m) {
        return new TfMessage(m.transforms().stream().map(t -> new TransformStamped(header(t.header()),
                t.childFrameId(), new Transform(
                new Vector3(t.translation().x(), t.translation().y(), t.translation().z()),
                new Quaternion(t.rotation().x(), t.rotation().y(), t.rotation().z(), t.rotation().w())))).toList());
    }

    /** tf2_msgs TFMessage → ROS 2. */
    public static dev.triage.ros2.msg.TfMessage tf(TfMessage m) {
        return new dev.triage.ros2.msg.TfMessage(m.transforms().stream().map(t -> {
            Vector3 v = t.transform().translation();
            Quaternion q = t.transform().rotation();
            return new dev.triage.ros2.msg.TfMessage.TransformStamped(header(t.header()), t.childFrameId(),
                    new Marker.Vector3(v.x(), v.y(), v.z()), new dev.triage.ros2.msg.TfMessage.Quaternion(q.x(),
                    q.y(), q.z(), q.w()));
        }).toList());
    }

    /** derived_object_msgs ObjectArray, ROS 2 → the record the loop's live accuracy reads. */
    public static ObjectArray objects(dev.triage.ros2.msg.ObjectArray m) {
        return new ObjectArray(header(m.header()), m.objects().stream().map(o -> {
            Marker.Pose p = o.pose();
            return new DerivedObject(header(o.header()), o.id(), o.detectionLevel(), o.objectClassified(),
                    new Pose(new Point(p.position().x(), p.position().y(), p.position().z()),
                            new Quaternion(p.qx(), p.qy(), p.qz(), p.qw())),
                    new SolidPrimitive(o.shapeType(), o.dimensions()), o.classification(),
                    o.classificationCertainty(), o.classificationAge());
        }).toList());
    }

    /** derived_object_msgs ObjectArray → ROS 2. */
    public static dev.triage.ros2.msg.ObjectArray objects(ObjectArray m) {
        return new dev.triage.ros2.msg.ObjectArray(header(m.header()), m.objects().stream().map(o -> {
            Point x = o.pose().position();
            Quaternion q = o.pose().orientation();
            return new dev.triage.ros2.msg.ObjectArray.DerivedObject(header(o.header()), o.id(), o.detectionLevel(),
                    o.objectClassified(), new Marker.Pose(new LaneArray.Point(x.x(), x.y(), x.z()), q.x(), q.y(),
                    q.z(), q.w()), o.shape().type(), o.shape().dimensions(), o.classification(),
                    o.classificationCertainty(), o.classificationAge());
        }).toList());
    }
}
