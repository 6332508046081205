package dev.triage.ros.msg.std;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link Header}. */
public enum HeaderCodec implements MessageCodec<Header> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Header m, MessageWriter out) {
        out.int32(m.seq()).time(m.stamp()).string(m.frameId());
    }

    @Override
    public Header read(MessageReader in) {
        return new Header(in.int32(), in.time(), in.string());
    }
}
