package dev.triage.ros.msg.geometry;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link Quaternion}. */
public enum QuaternionCodec implements MessageCodec<Quaternion> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Quaternion m, MessageWriter out) {
        out.float64(m.x()).float64(m.y()).float64(m.z()).float64(m.w());
    }

    @Override
    public Quaternion read(MessageReader in) {
        return new Quaternion(in.float64(), in.float64(), in.float64(), in.float64());
    }
}
