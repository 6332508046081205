package dev.triage.simbridge.msg;

import dev.triage.ros.msg.std.Header;

import java.util.List;
import java.util.Objects;

/**
 * derived_object_msgs/ObjectArray: every object reported at one instant.
 *
 * @param header  stamp and frame
 * @param objects the objects, copied
 */
public record ObjectArray(Header header, List<DerivedObject> objects) {

    /** Checks for nulls and copies the list. */
    public ObjectArray {
        Objects.requireNonNull(header, "header");
        objects = List.copyOf(objects);
    }
}
