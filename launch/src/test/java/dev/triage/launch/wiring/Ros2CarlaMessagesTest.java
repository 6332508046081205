package dev.triage.launch.wiring;

import dev.triage.datasets.synthetic.Route;
import dev.triage.simbridge.CarlaTopics;
import dev.triage.simbridge.msg.DerivedObject;
import dev.triage.simbridge.msg.ObjectArray;
import dev.triage.simbridge.sim.CarlaDrive;
import dev.triage.simbridge.sim.CarlaSimOptions;
import dev.triage.simbridge.sim.TickTruth;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tick's ground truth survives the trip to the ROS 2 records and back, field by field (ROS 2 headers have no seq). */
class Ros2CarlaMessagesTest {

    @Test
    void tickTruthRoundTrip() {
        try (CarlaDrive drive = new CarlaDrive(CarlaSimOptions.defaults(Route.parse("urban:12")))) {
            TickTruth truth = TickTruth.of(drive, drive.tick(11), CarlaTopics.DEFAULT);
            assertEquals(truth.tf(), Ros2CarlaMessages.tf(Ros2CarlaMessages.tf(truth.tf())));

            var info = Ros2CarlaMessages.cameraInfo(Ros2CarlaMessages.cameraInfo(truth.cameraInfo()));
            assertEquals(truth.cameraInfo().header().stamp(), info.header().stamp());
            assertEquals(CarlaTopics.DEFAULT.cameraFrame(), info.header().frameId());
            assertEquals(truth.cameraInfo().width(), info.width());
            assertEquals(truth.cameraInfo().height(), info.height());
            assertEquals(truth.cameraInfo().distortionModel(), info.distortionModel());
            assertArrayEquals(truth.cameraInfo().d(), info.d());
            assertArrayEquals(truth.cameraInfo().k(), info.k());
            assertArrayEquals(truth.cameraInfo().r(), info.r());
            assertArrayEquals(truth.cameraInfo().p(), info.p());
            assertEquals(truth.cameraInfo().roi(), info.roi());

            ObjectArray objects = Ros2CarlaMessages.objects(Ros2CarlaMessages.objects(truth.objects()));
            assertTrue(truth.objects().objects().size() > 0, "the urban frame has objects");
            assertEquals(truth.objects().objects().size(), objects.objects().size());
            assertEquals(truth.objects().header().stamp(), objects.header().stamp());
            for (int i = 0; i < objects.objects().size(); i++) {
                DerivedObject s = truth.objects().objects().get(i);
                DerivedObject g = objects.objects().get(i);
                assertEquals(s.header().stamp(), g.header().stamp());
                assertEquals(s.header().frameId(), g.header().frameId());
                assertEquals(new DerivedObject(g.header(), s.id(), s.detectionLevel(), s.objectClassified(), s.pose(),
                        s.shape(), s.classification(), s.classificationCertainty(), s.classificationAge()), g);
            }
        }
    }
}
