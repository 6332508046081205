package dev.triage.ros.msg.std;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link Float32}. */
public enum Float32Codec implements MessageCodec<Float32> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Float32 m, MessageWriter out) {
        out.float32(m.data());
    }

    @Override
    public Float32 read(MessageReader in) {
        return new Float32(in.float32());
    }
}
