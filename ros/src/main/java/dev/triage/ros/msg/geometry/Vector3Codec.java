package dev.triage.ros.msg.geometry;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link Vector3}. */
public enum Vector3Codec implements MessageCodec<Vector3> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Vector3 m, MessageWriter out) {
        out.float64(m.x()).float64(m.y()).float64(m.z());
    }

    @Override
    public Vector3 read(MessageReader in) {
        return new Vector3(in.float64(), in.float64(), in.float64());
    }
}
