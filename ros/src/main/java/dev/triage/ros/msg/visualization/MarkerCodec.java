package dev.triage.ros.msg.visualization;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.geometry.Point;
import dev.triage.ros.msg.geometry.PointCodec;
import dev.triage.ros.msg.geometry.PoseCodec;
import dev.triage.ros.msg.geometry.Vector3Codec;
import dev.triage.ros.msg.std.ColorRGBA;
import dev.triage.ros.msg.std.ColorRGBACodec;
import dev.triage.ros.msg.std.HeaderCodec;

import java.util.ArrayList;
import java.util.List;

/** Wire codec of {@link Marker}. */
public enum MarkerCodec implements MessageCodec<Marker> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Marker m, MessageWriter out) {
        HeaderCodec.INSTANCE.write(m.header(), out);
        out.string(m.ns()).int32(m.id()).int32(m.type()).int32(m.action());
        PoseCodec.INSTANCE.write(m.pose(), out);
        Vector3Codec.INSTANCE.write(m.scale(), out);
        ColorRGBACodec.INSTANCE.write(m.color(), out);
        out.duration(m.lifetime()).bool(m.frameLocked());
        out.arrayLength(m.points().size());
        for (Point p : m.points()) {
            PointCodec.INSTANCE.write(p, out);
        }
        out.arrayLength(m.colors().size());
        for (ColorRGBA c : m.colors()) {
            ColorRGBACodec.INSTANCE.write(c, out);
        }
        out.string(m.text()).string(m.meshResource()).bool(m.meshUseEmbeddedMaterials());
    }

    @Override
    public Marker read(MessageReader in) {
        var header = HeaderCodec.INSTANCE.read(in);
        String ns = in.string();
        int id = in.int32();
        int type = in.int32();
        int action = in.int32();
        var pose = PoseCodec.INSTANCE.read(in);
        var scale = Vector3Codec.INSTANCE.read(in);
        var color = ColorRGBACodec.INSTANCE.read(in);
        var lifetime = in.duration();
        boolean frameLocked = in.bool();
        int np = in.length(24);
        List<Point> points = new ArrayList<>(np);
        for (int i = 0; i < np; i++) {
            points.add(PointCodec.INSTANCE.read(in));
        }
        int nc = in.length(16);
        List<ColorRGBA> colors = new ArrayList<>(nc);
        for (int i = 0; i < nc; i++) {
            colors.add(ColorRGBACodec.INSTANCE.read(in));
        }
        return new Marker(header, ns, id, type, action, pose, scale, color, lifetime, frameLocked, points, colors,
                in.string(), in.string(), in.bool());
    }

    @Override
    public int sizeHint(Marker m) {
        return 200 + 24 * m.points().size() + 16 * m.colors().size() + 3 * (m.ns().length() + m.text().length());
    }
}
