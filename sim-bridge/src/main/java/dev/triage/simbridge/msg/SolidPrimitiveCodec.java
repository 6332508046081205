package dev.triage.simbridge.msg;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link SolidPrimitive}. */
public enum SolidPrimitiveCodec implements MessageCodec<SolidPrimitive> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(SolidPrimitive m, MessageWriter out) {
        out.int8(m.type()).float64Array(m.dimensions());
    }

    @Override
    public SolidPrimitive read(MessageReader in) {
        return new SolidPrimitive(in.uint8(), in.float64Array());
    }

    @Override
    public int sizeHint(SolidPrimitive m) {
        return 5 + 8 * m.dimensions().length;
    }
}
