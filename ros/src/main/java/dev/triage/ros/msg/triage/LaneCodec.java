package dev.triage.ros.msg.triage;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.geometry.Point;
import dev.triage.ros.msg.geometry.PointCodec;

import java.util.ArrayList;
import java.util.List;

/** Wire codec of {@link Lane}. */
public enum LaneCodec implements MessageCodec<Lane> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Lane m, MessageWriter out) {
        out.int8(m.slot()).int8(m.type()).float32(m.confidence());
        out.arrayLength(m.points().size());
        for (Point p : m.points()) {
            PointCodec.INSTANCE.write(p, out);
        }
        out.arrayLength(m.pointConfidence().length);
        for (float c : m.pointConfidence()) {
            out.float32(c);
        }
    }

    @Override
    public Lane read(MessageReader in) {
        int slot = in.uint8();
        int type = in.uint8();
        float confidence = in.float32();
        int n = in.length(24);
        List<Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(PointCodec.INSTANCE.read(in));
        }
        int c = in.length(4);
        float[] conf = new float[c];
        for (int i = 0; i < c; i++) {
            conf[i] = in.float32();
        }
        return new Lane(slot, type, confidence, points, conf);
    }

    @Override
    public int sizeHint(Lane m) {
        return 16 + 28 * m.points().size();
    }
}
