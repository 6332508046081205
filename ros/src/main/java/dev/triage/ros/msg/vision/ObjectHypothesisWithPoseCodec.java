package dev.triage.ros.msg.vision;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.geometry.PoseWithCovarianceCodec;

/** Wire codec of {@link ObjectHypothesisWithPose}. */
public enum ObjectHypothesisWithPoseCodec implements MessageCodec<ObjectHypothesisWithPose> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(ObjectHypothesisWithPose m, MessageWriter out) {
        out.int64(m.id()).float64(m.score());
        PoseWithCovarianceCodec.INSTANCE.write(m.pose(), out);
    }

    @Override
    public ObjectHypothesisWithPose read(MessageReader in) {
        return new ObjectHypothesisWithPose(in.int64(), in.float64(), PoseWithCovarianceCodec.INSTANCE.read(in));
    }
}
