package dev.triage.launch.wiring;

import dev.triage.datasets.rosbag2.Rosbag2Fixtures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rosbag2 fixture drive as MCAP files with and without a vehicle-speed topic, for the recorded-speed tests. */
final class SpeedDrives {
    /** The speed topic of {@link #withSpeed}: carla-ros-bridge's speedometer. */
    static final String SPEEDOMETER = "/carla/ego_vehicle/speedometer";

    private SpeedDrives() {
    }

    /** {@code dir/s.mcap}: the drive and one std_msgs/Float32 speed message on {@link #SPEEDOMETER}. */
    static Path withSpeed(Path dir) throws IOException {
        List<Rosbag2Fixtures.Msg> msgs = new ArrayList<>(Rosbag2Fixtures.drive());
        msgs.add(Rosbag2Fixtures.float32Speed(SPEEDOMETER, 0));
        return Rosbag2Fixtures.writeMcap(dir.resolve("s.mcap"), msgs, Map.of());
    }

    /** {@code dir/p.mcap}: the drive alone. */
    static Path withoutSpeed(Path dir) throws IOException {
        return Rosbag2Fixtures.writeMcap(dir.resolve("p.mcap"), Rosbag2Fixtures.drive(), Map.of());
    }
}
