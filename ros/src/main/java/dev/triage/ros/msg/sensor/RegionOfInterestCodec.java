package dev.triage.ros.msg.sensor;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link RegionOfInterest}. */
public enum RegionOfInterestCodec implements MessageCodec<RegionOfInterest> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(RegionOfInterest m, MessageWriter out) {
        out.int32(m.xOffset()).int32(m.yOffset()).int32(m.height()).int32(m.width()).bool(m.doRectify());
    }

    @Override
    public RegionOfInterest read(MessageReader in) {
        return new RegionOfInterest(in.int32(), in.int32(), in.int32(), in.int32(), in.bool());
    }
}
