package dev.triage.ros.msg.geometry;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

/** Wire codec of {@link Point}. */
public enum PointCodec implements MessageCodec<Point> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Point m, MessageWriter out) {
        out.float64(m.x()).float64(m.y()).float64(m.z());
    }

    @Override
    public Point read(MessageReader in) {
        return new Point(in.float64(), in.float64(), in.float64());
    }
}
