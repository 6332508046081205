package dev.triage.simbridge.msg;

import dev.triage.ros.msg.geometry.Quaternion;
import dev.triage.ros.msg.geometry.Vector3;

import java.util.Objects;

/**
 * geometry_msgs/Transform: a rigid transform between two frames.
 *
 * @param translation translation, metres
 * @param rotation    rotation
 */
public record Transform(Vector3 translation, Quaternion rotation) {

    /** The identity transform. */
    public static final Transform IDENTITY = new Transform(new Vector3(0, 0, 0), Quaternion.IDENTITY);

    /** Checks for nulls. */
    public Transform {
        Objects.requireNonNull(translation, "translation");
        Objects.requireNonNull(rotation, "rotation");
    }
}
