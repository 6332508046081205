package dev.triage.ros.msg.rosgraph;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link Clock}. */
public enum ClockCodec implements MessageCodec<Clock> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Clock m, MessageWriter out) {
        out.time(m.clock());
    }

    @Override
    public Clock read(MessageReader in) {
        return new Clock(in.time());
    }
}
