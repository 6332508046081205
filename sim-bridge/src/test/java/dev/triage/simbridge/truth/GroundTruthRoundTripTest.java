package dev.triage.simbridge.truth;

import dev.triage.perception.core.BoundingBox;
import dev.triage.perception.core.Detection;
import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.geometry.Point;
import dev.triage.ros.msg.geometry.Pose;
import dev.triage.ros.msg.geometry.Quaternion;
import dev.triage.ros.msg.std.Header;
import dev.triage.simbridge.msg.DerivedObject;
import dev.triage.simbridge.msg.SolidPrimitive;
import dev.triage.simbridge.sim.BoxLifter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Boxes lifted to 3D objects in the map frame and projected back through tf come out where they went in. */
class GroundTruthRoundTripTest {

    private static final long STAMP = 5_000_000_000L;

    private static List<Detection> randomBoxes(Random r, int n) {
        String[] labels = {"pedestrian", "cyclist", "vehicle"};
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> {
            double x1 = 20 + r.nextDouble() * 600;
            double y1 = 150 + r.nextDouble() * 250;
            return new Detection(labels[i % 3], 1.0, new BoundingBox(x1, y1, x1 + 10 + r.nextDouble() * 120,
                    y1 + 25 + r.nextDouble() * 150));
        }).filter(d -> d.box().x2() < 800 && d.box().y2() < 600).toList();
    }

    private static void roundTrip(PinholeCamera camera, RigidTransform vehicleFromCamera) {
        Random r = new Random(7);
        List<Detection> boxes = randomBoxes(r, 30);
        RigidTransform mapFromVehicle = RigidTransform.yawTranslation(0.7, 120.0, -35.0, 0.3);
        TransformBuffer tf = new TransformBuffer();
        tf.add("map", "ego_vehicle", STAMP - 50_000_000L, RigidTransform.translation(0, 0, 0));  // older, elsewhere
        tf.add("map", "ego_vehicle", STAMP, mapFromVehicle);
        tf.add("/ego_vehicle", "ego_vehicle/cam", STAMP, vehicleFromCamera);
        List<DerivedObject> objects = BoxLifter.lift(boxes, new Header(0, Time.ofNanos(STAMP), "map"),
                mapFromVehicle.compose(vehicleFromCamera), camera);
        assertEquals(boxes.size(), objects.size());
        RigidTransform cameraFromMap = tf.lookup("ego_vehicle/cam", "map", STAMP).orElseThrow();
        ObjectProjector.Projection p = ObjectProjector.project(objects, cameraFromMap, camera);
        assertEquals(boxes.size(), p.objects().size(), "every box is in view");
        for (int i = 0; i < boxes.size(); i++) {
            BoundingBox want = boxes.get(i).box();
            BoundingBox got = p.objects().get(i).box();
            assertEquals(boxes.get(i).label(), p.objects().get(i).label());
            assertEquals(want.x1(), got.x1(), 1e-6);
            assertEquals(want.y1(), got.y1(), 1e-6);
            assertEquals(want.x2(), got.x2(), 1e-6);
            assertEquals(want.y2(), got.y2(), 1e-6);
        }
    }

    @Test
    void bodyFrameCameraAsCarlaRosBridgePublishesIt() {
        roundTrip(PinholeCamera.carla(800, 600, 90), RigidTransform.translation(2.0, 0, 2.0));
    }

    @Test
    void opticalFrameCamera() {
        PinholeCamera optical = new PinholeCamera(800, 600, 400, 410, 390, 310, true);
        // optical axes (x right, y down, z forward) mounted looking forward: body <- optical rotation
        RigidTransform bodyFromOptical = new RigidTransform(-0.5, 0.5, -0.5, 0.5, 1.5, 0.1, 1.8);
        roundTrip(optical, bodyFromOptical);
    }

    @Test
    void truncatedObjectsAreIgnoreRegionsAndObjectsBehindAreSkipped() {
        PinholeCamera camera = PinholeCamera.carla(800, 600, 90);
        Header h = new Header(0, Time.ofNanos(STAMP), "ego_vehicle/rgb_front");
        DerivedObject behind = new DerivedObject(h, 1, 1, true, new Pose(new Point(-5, 0, 0), new Quaternion(0, 0, 0, 1)),
                SolidPrimitive.box(0.5, 0.6, 1.75), DerivedObject.CLASSIFICATION_PEDESTRIAN, 255, 1);
        DerivedObject atEdge = new DerivedObject(h, 2, 1, true, new Pose(new Point(5, 5.2, 0), new Quaternion(0, 0, 0, 1)),
                SolidPrimitive.box(0.5, 0.6, 1.75), DerivedObject.CLASSIFICATION_PEDESTRIAN, 255, 1);
        DerivedObject sign = new DerivedObject(h, 3, 1, true, new Pose(new Point(10, 0, 0), new Quaternion(0, 0, 0, 1)),
                SolidPrimitive.box(0.1, 1, 1), 11, 255, 1);
        ObjectProjector.Projection p = ObjectProjector.project(List.of(behind, atEdge, sign), RigidTransform.IDENTITY,
                camera);
        assertTrue(p.objects().isEmpty());
        assertEquals(1, p.ignore().size(), "the pedestrian cut by the image edge");
        assertEquals(Optional.empty(), ObjectProjector.label(11));
    }

    @Test
    void unconnectedFramesHaveNoTransform() {
        TransformBuffer tf = new TransformBuffer();
        tf.add("map", "ego_vehicle", STAMP, RigidTransform.IDENTITY);
        tf.add("odom", "other", STAMP, RigidTransform.IDENTITY);
        assertTrue(tf.lookup("other", "map", STAMP).isEmpty());
        assertTrue(tf.lookup("ego_vehicle", "map", STAMP).isPresent());
    }

    @Test
    void composeAndInverseAreConsistent() {
        RigidTransform a = new RigidTransform(0.1, -0.3, 0.2, 0.9, 1, 2, 3);
        RigidTransform b = RigidTransform.yawTranslation(1.1, -4, 0.5, 2);
        double[] p = {0.3, -1.2, 4.4};
        double[] viaCompose = a.compose(b).apply(p[0], p[1], p[2]);
        double[] b1 = b.apply(p[0], p[1], p[2]);
        double[] step = a.apply(b1[0], b1[1], b1[2]);
        double[] back = a.inverse().apply(step[0], step[1], step[2]);
        for (int i = 0; i < 3; i++) {
            assertEquals(step[i], viaCompose[i], 1e-9);
            assertEquals(b1[i], back[i], 1e-9);
        }
    }
}
