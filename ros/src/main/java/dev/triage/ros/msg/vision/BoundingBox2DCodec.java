package dev.triage.ros.msg.vision;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.geometry.Pose2DCodec;

/** Wire codec of {@link BoundingBox2D}. */
public enum BoundingBox2DCodec implements MessageCodec<BoundingBox2D> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(BoundingBox2D m, MessageWriter out) {
        Pose2DCodec.INSTANCE.write(m.center(), out);
        out.float64(m.sizeX()).float64(m.sizeY());
    }

    @Override
    public BoundingBox2D read(MessageReader in) {
        return new BoundingBox2D(Pose2DCodec.INSTANCE.read(in), in.float64(), in.float64());
    }
}
