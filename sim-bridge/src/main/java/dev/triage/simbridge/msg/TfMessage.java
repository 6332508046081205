package dev.triage.simbridge.msg;

import java.util.List;

/**
 * tf2_msgs/TFMessage, published on {@code /tf} and {@code /tf_static}.
 *
 * @param transforms the transforms, copied
 */
public record TfMessage(List<TransformStamped> transforms) {

    /** Copies the list (which must hold no nulls). */
    public TfMessage {
        transforms = List.copyOf(transforms);
    }
}
