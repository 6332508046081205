package dev.triage.ros.msg.vision;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.std.HeaderCodec;

import java.util.ArrayList;
import java.util.List;

/** Wire codec of {@link Detection2DArray}. */
public enum Detection2DArrayCodec implements MessageCodec<Detection2DArray> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Detection2DArray m, MessageWriter out) {
        HeaderCodec.INSTANCE.write(m.header(), out);
        out.arrayLength(m.detections().size());
        for (Detection2D d : m.detections()) {
            Detection2DCodec.INSTANCE.write(d, out);
        }
    }

    @Override
    public Detection2DArray read(MessageReader in) {
        var header = HeaderCodec.INSTANCE.read(in);
        int n = in.length(16);
        List<Detection2D> detections = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            detections.add(Detection2DCodec.INSTANCE.read(in));
        }
        return new Detection2DArray(header, detections);
    }

    @Override
    public int sizeHint(Detection2DArray m) {
        return 64 + 800 * m.detections().size();
    }
}
