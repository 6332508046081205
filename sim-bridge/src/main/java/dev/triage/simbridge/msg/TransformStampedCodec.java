package dev.triage.simbridge.msg;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.std.HeaderCodec;

/** Wire codec of {@link TransformStamped}. */
public enum TransformStampedCodec implements MessageCodec<TransformStamped> {
    /** The shared instance. */
    INSTANCE;

    /** Smallest serialized size: header (12 + empty frame), empty child frame (4), transform (56). */
    static final int MIN_BYTES = 16 + 4 + 56;

    @Override
    public void write(TransformStamped m, MessageWriter out) {
        HeaderCodec.INSTANCE.write(m.header(), out);
        out.string(m.childFrameId());
        TransformCodec.INSTANCE.write(m.transform(), out);
    }

    @Override
    public TransformStamped read(MessageReader in) {
        return new TransformStamped(HeaderCodec.INSTANCE.read(in), in.string(), TransformCodec.INSTANCE.read(in));
    }

    @Override
    public int sizeHint(TransformStamped m) {
        return MIN_BYTES + 3 * (m.header().frameId().length() + m.childFrameId().length());
    }
}
