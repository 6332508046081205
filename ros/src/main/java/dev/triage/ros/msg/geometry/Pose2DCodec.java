package dev.triage.ros.msg.geometry;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link Pose2D}. */
public enum Pose2DCodec implements MessageCodec<Pose2D> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Pose2D m, MessageWriter out) {
        out.float64(m.x()).float64(m.y()).float64(m.theta());
    }

    @Override
    public Pose2D read(MessageReader in) {
        return new Pose2D(in.float64(), in.float64(), in.float64());
    }
}
