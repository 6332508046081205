package dev.triage.ros2.msg;

import dev.triage.ros2.dds.DdsField;

import java.util.List;

/**
 * derived_object_msgs/msg/ObjectArray (the ROS 2 branch of astuff_sensor_msgs), as carla-ros-bridge publishes the
 * simulator's objects on {@code /carla/<role>/objects}.
 */
public record ObjectArray(Header header, List<DerivedObject> objects) {

    public ObjectArray {
        objects = List.copyOf(objects);
    }

    /**
     * derived_object_msgs/msg/Object, reduced to the fields Triage uses: {@code twist}, {@code accel}, the object's
     * {@code polygon} and the shape's {@code polygon} are read past and written as zeros / empty.
     *
     * @param id              uint32
     * @param detectionLevel  uint8 (0 detected, 1 tracked)
     * @param shapeType       shape_msgs/SolidPrimitive type (1 = BOX)
     * @param dimensions      the shape's dimensions (at most 3; a BOX: x, y, z)
     * @param classification  uint8 (4 = pedestrian, ...)
     * @param classificationAge uint32
     */
    public record DerivedObject(Header header, long id, int detectionLevel, boolean objectClassified, Marker.Pose pose,
                                @DdsField("shape.type") int shapeType,
                                @DdsField("shape.dimensions") double[] dimensions, int classification, int classificationCertainty,
                                long classificationAge) {

        /** Copies the dimensions; a SolidPrimitive holds at most 3. */
        public DerivedObject {
            if (dimensions.length > 3) {
                throw new IllegalArgumentException("a solid primitive has at most 3 dimensions, got "
                        + dimensions.length);
            }
            dimensions = dimensions.clone();
        }
    }
}
