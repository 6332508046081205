package dev.triage.simbridge.msg;

import dev.triage.ros.msg.std.Header;

import java.util.Objects;

/**
 * geometry_msgs/TransformStamped: the transform from {@code header.frameId} to {@code childFrameId}.
 *
 * @param header       stamp and parent frame
 * @param childFrameId child frame
 * @param transform    pose of the child frame in the parent frame
 */
public record TransformStamped(Header header, String childFrameId, Transform transform) {

    /** Checks for nulls. */
    public TransformStamped {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(childFrameId, "childFrameId");
        Objects.requireNonNull(transform, "transform");
    }
}
