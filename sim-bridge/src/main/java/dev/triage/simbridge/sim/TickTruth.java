package dev.triage.simbridge.sim;

import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.geometry.Quaternion;
import dev.triage.ros.msg.geometry.Vector3;
import dev.triage.ros.msg.sensor.CameraInfo;
import dev.triage.ros.msg.sensor.RegionOfInterest;
import dev.triage.ros.msg.std.Header;
import dev.triage.simbridge.CarlaTopics;
import dev.triage.simbridge.msg.DerivedObject;
import dev.triage.simbridge.msg.ObjectArray;
import dev.triage.simbridge.msg.TfMessage;
import dev.triage.simbridge.msg.Transform;
import dev.triage.simbridge.msg.TransformStamped;
import dev.triage.simbridge.truth.PinholeCamera;
import dev.triage.simbridge.truth.RigidTransform;

import java.util.List;

/**
 * What a CARLA-style bridge publishes beside the image of one tick, all stamped with the tick's sim time: {@code /tf}
 * (map ← ego vehicle, ego vehicle ← camera), the camera's camera_info (an ideal pinhole) and the ground-truth
 * objects (the synthetic frame's boxes lifted to 3D by {@link BoxLifter}). Transport-neutral: the ROS 1
 * {@link CarlaSimPublisher} publishes these records, the ROS 2 publisher converts them.
 *
 * @param cameraHeader the header of the camera's image and camera_info of this tick
 */
public record TickTruth(TfMessage tf, Header cameraHeader, CameraInfo cameraInfo, ObjectArray objects) {

    /** The messages of {@code tick} of {@code drive}, with the frame names of {@code names}. */
    public static TickTruth of(CarlaDrive drive, CarlaDrive.Tick tick, CarlaTopics names) {
        Time t = Time.ofNanos(tick.stampNanos());
        RigidTransform vehicleFromCamera = CarlaDrive.vehicleFromCamera();
        TfMessage tf = new TfMessage(List.of(
                stamped(t, CarlaTopics.worldFrame(), names.vehicleFrame(), tick.mapFromVehicle()),
                stamped(t, names.vehicleFrame(), names.cameraFrame(), vehicleFromCamera)));
        Header cameraHeader = new Header(tick.index(), t, names.cameraFrame());
        Header world = new Header(tick.index(), t, CarlaTopics.worldFrame());
        List<DerivedObject> truth = BoxLifter.lift(tick.frame().truth().objects(), world,
                tick.mapFromVehicle().compose(vehicleFromCamera), drive.camera());
        return new TickTruth(tf, cameraHeader, cameraInfo(cameraHeader, drive.camera()), new ObjectArray(world, truth));
    }

    private static CameraInfo cameraInfo(Header h, PinholeCamera camera) {
        double[] k = {camera.fx(), 0, camera.cx(), 0, camera.fy(), camera.cy(), 0, 0, 1};
        double[] r = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] p = {camera.fx(), 0, camera.cx(), 0, 0, camera.fy(), camera.cy(), 0, 0, 0, 1, 0};
        return new CameraInfo(h, camera.height(), camera.width(), "plumb_bob", new double[5], k, r, p, 0, 0,
                RegionOfInterest.FULL);
    }

    private static TransformStamped stamped(Time t, String parent, String child, RigidTransform x) {
        return new TransformStamped(new Header(0, t, parent), child, new Transform(new Vector3(x.tx(), x.ty(), x.tz()),
                new Quaternion(x.qx(), x.qy(), x.qz(), x.qw())));
    }
}
