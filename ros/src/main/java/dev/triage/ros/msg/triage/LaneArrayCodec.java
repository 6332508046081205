package dev.triage.ros.msg.triage;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.std.HeaderCodec;

import java.util.ArrayList;
import java.util.List;

/** Wire codec of {@link LaneArray}. */
public enum LaneArrayCodec implements MessageCodec<LaneArray> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(LaneArray m, MessageWriter out) {
        HeaderCodec.INSTANCE.write(m.header(), out);
        out.int32(m.imageWidth()).int32(m.imageHeight());
        out.arrayLength(m.lanes().size());
        for (Lane lane : m.lanes()) {
            LaneCodec.INSTANCE.write(lane, out);
        }
    }

    @Override
    public LaneArray read(MessageReader in) {
        var header = HeaderCodec.INSTANCE.read(in);
        int w = in.int32();
        int h = in.int32();
        int n = in.length(14);
        List<Lane> lanes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lanes.add(LaneCodec.INSTANCE.read(in));
        }
        return new LaneArray(header, w, h, lanes);
    }

    @Override
    public int sizeHint(LaneArray m) {
        int size = 64;
        for (Lane lane : m.lanes()) {
            size += LaneCodec.INSTANCE.sizeHint(lane);
        }
        return size;
    }
}
