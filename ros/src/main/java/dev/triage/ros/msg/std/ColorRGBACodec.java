package dev.triage.ros.msg.std;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link ColorRGBA}. */
public enum ColorRGBACodec implements MessageCodec<ColorRGBA> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(ColorRGBA m, MessageWriter out) {
        out.float32(m.r()).float32(m.g()).float32(m.b()).float32(m.a());
    }

    @Override
    public ColorRGBA read(MessageReader in) {
        return new ColorRGBA(in.float32(), in.float32(), in.float32(), in.float32());
    }
}
