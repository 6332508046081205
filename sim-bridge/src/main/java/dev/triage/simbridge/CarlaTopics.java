package dev.triage.simbridge;

import dev.triage.ros.GraphNames;

/**
 * carla-ros-bridge topic names for one ego vehicle and one camera: {@code /carla/<role>/<camera>/image} (bgra8
 * sensor_msgs/Image), {@code .../camera_info}, {@code /carla/<role>/speedometer} (std_msgs/Float32, m/s),
 * {@code /carla/<role>/objects} (derived_object_msgs/ObjectArray ground truth), and the global {@code /clock},
 * {@code /tf} and {@code /tf_static}.
 *
 * @param role   the ego vehicle's role name, e.g. {@code ego_vehicle}
 * @param camera the camera sensor's id, e.g. {@code rgb_front}
 */
public record CarlaTopics(String role, String camera) {

    /** carla-ros-bridge's defaults: {@code ego_vehicle}, {@code rgb_front}. */
    public static final CarlaTopics DEFAULT = new CarlaTopics("ego_vehicle", "rgb_front");

    public CarlaTopics {
        for (String s : new String[] {role, camera}) {
            if (s == null || !s.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not a ROS name segment: '" + s + "'");
            }
        }
    }

    /** The camera's image topic. */
    public String image() {
        return GraphNames.requireGlobal("/carla/" + role + "/" + camera + "/image", "topic");
    }

    /** The camera's calibration topic. */
    public String cameraInfo() {
        return "/carla/" + role + "/" + camera + "/camera_info";
    }

    /** The vehicle's speed topic. */
    public String speedometer() {
        return "/carla/" + role + "/speedometer";
    }

    /** The ground-truth objects topic. */
    public String objects() {
        return "/carla/" + role + "/objects";
    }

    /** The camera's tf frame, as the bridge names it ({@code <role>/<camera>}). */
    public String cameraFrame() {
        return role + "/" + camera;
    }

    /** The vehicle's tf frame. */
    public String vehicleFrame() {
        return role;
    }

    /** The world's tf frame. */
    public static String worldFrame() {
        return "map";
    }
}
