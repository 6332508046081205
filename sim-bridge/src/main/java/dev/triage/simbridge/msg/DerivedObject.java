package dev.triage.simbridge.msg;

import dev.triage.ros.msg.geometry.Pose;
import dev.triage.ros.msg.std.Header;

import java.util.Objects;

/**
 * derived_object_msgs/Object, as published by carla-ros-bridge on {@code /carla/<role>/objects}, reduced to the
 * fields Triage uses. The wire message's {@code twist}, {@code accel} and {@code polygon} have no component here:
 * {@link dev.triage.ros.msg.RecordCodec} reads them (so the stream stays aligned) and discards them, and writes
 * zeros and an empty polygon.
 *
 * @param header                  stamp and frame of the pose
 * @param id                      object id (uint32)
 * @param detectionLevel          {@link #OBJECT_DETECTED} or {@link #OBJECT_TRACKED} (uint8)
 * @param objectClassified        whether the classification fields are valid
 * @param pose                    position and orientation
 * @param shape                   bounding solid, usually a {@link SolidPrimitive#BOX}
 * @param classification          one of the {@code CLASSIFICATION_*} constants (uint8)
 * @param classificationCertainty 0 (none) to 255 (certain)
 * @param classificationAge       frames with the current classification (uint32)
 */
public record DerivedObject(Header header, long id, int detectionLevel, boolean objectClassified, Pose pose,
                            SolidPrimitive shape, int classification, int classificationCertainty,
                            long classificationAge) {

    /** detectionLevel: seen in at least one frame. */
    public static final int OBJECT_DETECTED = 0;
    /** detectionLevel: tracked across frames. */
    public static final int OBJECT_TRACKED = 1;

    /** classification: unknown. */
    public static final int CLASSIFICATION_UNKNOWN = 0;
    /** classification: a pedestrian. */
    public static final int CLASSIFICATION_PEDESTRIAN = 4;
    /** classification: a bicycle. */
    public static final int CLASSIFICATION_BIKE = 5;
    /** classification: a car. */
    public static final int CLASSIFICATION_CAR = 6;
    /** classification: a truck. */
    public static final int CLASSIFICATION_TRUCK = 7;
    /** classification: a motorcycle. */
    public static final int CLASSIFICATION_MOTORCYCLE = 8;
    /** classification: another kind of vehicle. */
    public static final int CLASSIFICATION_OTHER_VEHICLE = 9;

    /** Checks for nulls and that the unsigned fields fit their wire types. */
    public DerivedObject {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(pose, "pose");
        Objects.requireNonNull(shape, "shape");
        uint32("id", id);
        uint8("detectionLevel", detectionLevel);
        uint8("classification", classification);
        uint8("classificationCertainty", classificationCertainty);
        uint32("classificationAge", classificationAge);
    }

    private static void uint8(String name, int v) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException(name + " must be a uint8, got " + v);
        }
    }

    private static void uint32(String name, long v) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(name + " must be a uint32, got " + v);
        }
    }
}
