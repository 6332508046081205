package dev.triage.ros.msg.geometry;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link PoseWithCovariance}. */
public enum PoseWithCovarianceCodec implements MessageCodec<PoseWithCovariance> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(PoseWithCovariance m, MessageWriter out) {
        PoseCodec.INSTANCE.write(m.pose(), out);
        out.float64Fixed(m.covariance(), 36);
    }

    @Override
    public PoseWithCovariance read(MessageReader in) {
        return new PoseWithCovariance(PoseCodec.INSTANCE.read(in), in.float64Fixed(36));
    }
}
