package dev.triage.ros.msg.geometry;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link Pose}. */
public enum PoseCodec implements MessageCodec<Pose> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Pose m, MessageWriter out) {
        PointCodec.INSTANCE.write(m.position(), out);
        QuaternionCodec.INSTANCE.write(m.orientation(), out);
    }

    @Override
    public Pose read(MessageReader in) {
        return new Pose(PointCodec.INSTANCE.read(in), QuaternionCodec.INSTANCE.read(in));
    }
}
