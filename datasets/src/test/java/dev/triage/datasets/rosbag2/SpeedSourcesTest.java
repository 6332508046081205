package dev.triage.datasets.rosbag2;

import dev.triage.datasets.bag.BagImageSource;
import dev.triage.datasets.bag.RosTools;
import dev.triage.perception.core.SpeedSample;
import dev.triage.datasets.rosmsg.RecordedSpeedSource;
import dev.triage.datasets.rosmsg.SpeedSource;
import dev.triage.perception.spi.SourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Vehicle speed from recordings: {@link Rosbag2ImageSource#openSpeed} (MCAP, sqlite3) and {@link BagImageSource#openSpeed} (ROS 1). */
class SpeedSourcesTest {
    private static final int N = 6;
    private static final long FRAME = 100_000_000L;
    private static final long LOGGED = 5_000_000L;
    @TempDir
    Path dir;

    private static List<Rosbag2Fixtures.Msg> drive() throws Exception {
        List<Rosbag2Fixtures.Msg> msgs = new ArrayList<>(Rosbag2Fixtures.drive());
        for (int i = 0; i < N; i++) {
            msgs.add(Rosbag2Fixtures.float32Speed("/carla/ego_vehicle/speedometer", i));
            msgs.add(Rosbag2Fixtures.carlaSpeed("/speedometer", i));
            msgs.add(Rosbag2Fixtures.odometry("/odom", i));
        }
        return msgs;
    }

    @Test
    void ros2RecordingsGiveEverySpeedTypeWithItsStamp() throws Exception {
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
        List<Rosbag2Fixtures.Msg> drive = drive();
        for (Path file : List.of(Rosbag2Fixtures.writeMcap(dir.resolve("s.mcap"), drive, Map.of()),
                Rosbag2Fixtures.writeMcap(dir.resolve("u.mcap"), drive, Map.of("summary", false)),
                Rosbag2Fixtures.writeDb3(dir.resolve("s.db3"), drive))) {
            try (RecordedSpeedSource first = Rosbag2ImageSource.openSpeed(file, Optional.empty())) {
                List<SpeedSample> s = readAll(first);
                assertEquals(Optional.of("/carla/ego_vehicle/speedometer"), first.topic(), file.toString());
                assertFloat32(s);
            }
            try (RecordedSpeedSource carla = Rosbag2ImageSource.openSpeed(file, Optional.of("/speedometer"))) {
                List<SpeedSample> s = readAll(carla);
                assertEquals(N, s.size());
                for (int i = 0; i < N; i++) {
                    assertEquals(new SpeedSample(20 + i, Rosbag2Fixtures.BASE_NS + i * FRAME), s.get(i));
                }
            }
            try (RecordedSpeedSource odom = Rosbag2ImageSource.openSpeed(file, Optional.of("/odom"))) {
                assertOdometry(readAll(odom));
            }
        }
        SourceException image = assertThrows(SourceException.class,
                () -> Rosbag2ImageSource.openSpeed(dir.resolve("s.mcap"), Optional.of("/cam/image_raw")));
        assertTrue(image.getMessage().contains("carries sensor_msgs/msg/Image, not std_msgs/Float32"),
                image.getMessage());
    }

    @Test
    void ros1BagsGiveFloat32AndOdometrySpeeds() throws Exception {
        assumeTrue(RosTools.pythonRosbag() && RosTools.pythonModule("nav_msgs.msg"), RosTools.skipReason());
        Path bag = RosTools.writeBag(dir.resolve("speed.bag"), "--compression", "lz4", "--chatter",
                "--stream", "/cam/image_raw:raw:bgr8", "--speed", "/carla/ego_vehicle/speedometer:float32",
                "--speed", "/odom:odometry");
        try (RecordedSpeedSource first = BagImageSource.openSpeed(bag, Optional.empty())) {
            assertFloat32(readAll(first));
            assertEquals(Optional.of("/carla/ego_vehicle/speedometer"), first.topic());
        }
        try (RecordedSpeedSource odom = BagImageSource.openSpeed(bag, Optional.of("/odom"))) {
            assertOdometry(readAll(odom));
        }
    }

    /** Float32 has no header: stamped with the time it was logged. */
    private static void assertFloat32(List<SpeedSample> s) {
        assertEquals(N, s.size());
        for (int i = 0; i < N; i++) {
            assertEquals(new SpeedSample(10 + i / 2.0, Rosbag2Fixtures.BASE_NS + i * FRAME + LOGGED), s.get(i));
        }
    }

    private static void assertOdometry(List<SpeedSample> s) {
        assertEquals(N, s.size());
        for (int i = 0; i < N; i++) {
            assertEquals(Rosbag2Fixtures.BASE_NS + i * FRAME, s.get(i).stampNanos());
            assertEquals(5 * (2 + i / 10.0), s.get(i).metresPerSecond(), 1e-9);
        }
    }

    private static List<SpeedSample> readAll(SpeedSource source) throws SourceException {
        List<SpeedSample> out = new ArrayList<>();
        for (Optional<SpeedSample> s = source.next(); s.isPresent(); s = source.next()) {
            out.add(s.get());
        }
        return out;
    }
}
