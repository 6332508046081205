package dev.triage.ros.msg.sensor;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.std.HeaderCodec;

/** Wire codec of {@link CompressedImage}. */
public enum CompressedImageCodec implements MessageCodec<CompressedImage> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(CompressedImage m, MessageWriter out) {
        HeaderCodec.INSTANCE.write(m.header(), out);
        out.string(m.format()).bytes(m.data());
    }

    @Override
    public CompressedImage read(MessageReader in) {
        return new CompressedImage(HeaderCodec.INSTANCE.read(in), in.string(), in.bytes());
    }

    @Override
    public int sizeHint(CompressedImage m) {
        return m.data().length + 3 * (m.format().length() + m.header().frameId().length()) + 32;
    }
}
