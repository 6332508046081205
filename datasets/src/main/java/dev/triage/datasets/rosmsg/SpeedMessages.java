package dev.triage.datasets.rosmsg;

import dev.triage.perception.core.SpeedSample;

import java.util.Optional;
import java.util.Set;

/**
 * Decodes the vehicle-speed messages a recording may carry, in ROS 1 or ROS 2 (CDR) form through their
 * {@link FieldReader}: std_msgs/Float32 ({@code data}, m/s, as carla-ros-bridge's speedometer publishes it),
 * carla_msgs/CarlaSpeedometer ({@code header}, {@code speed}) and nav_msgs/Odometry (the length of
 * {@code twist.twist.linear}). Type names are accepted with or without ROS 2's {@code /msg/}.
 */
public final class SpeedMessages {
    /** std_msgs/Float32. */
    public static final String FLOAT32 = "std_msgs/Float32";
    /** carla_msgs/CarlaSpeedometer. */
    public static final String CARLA_SPEEDOMETER = "carla_msgs/CarlaSpeedometer";
    /** nav_msgs/Odometry. */
    public static final String ODOMETRY = "nav_msgs/Odometry";
    private static final Set<String> TYPES = Set.of(FLOAT32, CARLA_SPEEDOMETER, ODOMETRY);
    /** PoseWithCovariance: position (3) + orientation (4) + covariance (36). */
    private static final int POSE_WITH_COVARIANCE = 43;

    private SpeedMessages() {
    }

    /** The names for errors. */
    public static final String NAMES = FLOAT32 + ", " + CARLA_SPEEDOMETER + " or " + ODOMETRY;

    /** The choice of a recording's speed topic: {@code requested}, else the first topic of a speed type. */
    public static TopicChoice topicChoice(Optional<String> requested) {
        return new TopicChoice(requested, SpeedMessages::isSpeedType, NAMES);
    }

    /** True for a speed type, ROS 1 or ROS 2 name. */
    public static boolean isSpeedType(String type) {
        return TYPES.contains(ros1Name(type));
    }

    /**
     * Decodes one speed message.
     *
     * @param type          its type, ROS 1 or ROS 2 name
     * @param fields        the message's fields, in its wire format (ROS 1 or CDR)
     * @param recordedNanos the time it was recorded: the stamp where there is no header or it is 0
     */
    public static SpeedSample decode(String type, FieldReader fields, long recordedNanos)
            throws MalformedMessageException {
        String name = ros1Name(type);
        if (FLOAT32.equals(name)) {
            return new SpeedSample(fields.float32("data"), recordedNanos);
        }
        if (!TYPES.contains(name)) {
            throw MalformedMessageException.wrongDefinition("type " + type + " is not " + NAMES);
        }
        long stamp = fields.header().stampNanos();
        long at = stamp != 0 ? stamp : recordedNanos;
        if (CARLA_SPEEDOMETER.equals(name)) {
            return new SpeedSample(fields.float32("speed"), at);
        }
        fields.string("child_frame_id");
        for (int i = 0; i < POSE_WITH_COVARIANCE; i++) {
            fields.float64("pose");
        }
        double x = fields.float64("twist.twist.linear.x");
        double y = fields.float64("twist.twist.linear.y");
        double z = fields.float64("twist.twist.linear.z");
        return new SpeedSample(Math.sqrt(x * x + y * y + z * z), at);
    }

    /** {@code std_msgs/msg/Float32} → {@code std_msgs/Float32}. */
    private static String ros1Name(String type) {
        return type.replace("/msg/", "/");
    }
}
