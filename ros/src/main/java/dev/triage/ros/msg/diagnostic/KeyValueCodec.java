package dev.triage.ros.msg.diagnostic;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link KeyValue}. */
public enum KeyValueCodec implements MessageCodec<KeyValue> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(KeyValue m, MessageWriter out) {
        out.string(m.key()).string(m.value());
    }

    @Override
    public KeyValue read(MessageReader in) {
        return new KeyValue(in.string(), in.string());
    }
}
