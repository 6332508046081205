package dev.triage.ros.msg.sensor;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.std.HeaderCodec;

/** Wire codec of {@link Image}. */
public enum ImageCodec implements MessageCodec<Image> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Image m, MessageWriter out) {
        HeaderCodec.INSTANCE.write(m.header(), out);
        out.int32(m.height()).int32(m.width()).string(m.encoding()).bool(m.isBigendian()).int32(m.step()).bytes(m.data());
    }

    @Override
    public Image read(MessageReader in) {
        return new Image(HeaderCodec.INSTANCE.read(in), in.int32(), in.int32(), in.string(), in.bool(), in.int32(),
                in.bytes());
    }

    @Override
    public int sizeHint(Image m) {
        return m.data().length + m.encoding().length() + m.header().frameId().length() * 3 + 40;
    }
}
