package dev.triage.simbridge.msg;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.geometry.QuaternionCodec;
import dev.triage.ros.msg.geometry.Vector3Codec;

/** Wire codec of {@link Transform}. */
public enum TransformCodec implements MessageCodec<Transform> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Transform m, MessageWriter out) {
        Vector3Codec.INSTANCE.write(m.translation(), out);
        QuaternionCodec.INSTANCE.write(m.rotation(), out);
    }

    @Override
    public Transform read(MessageReader in) {
        return new Transform(Vector3Codec.INSTANCE.read(in), QuaternionCodec.INSTANCE.read(in));
    }
}
