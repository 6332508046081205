package dev.triage.ros.msg.vision;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.sensor.ImageCodec;
import dev.triage.ros.msg.std.HeaderCodec;

import java.util.ArrayList;
import java.util.List;

/** Wire codec of {@link Detection2D}. */
public enum Detection2DCodec implements MessageCodec<Detection2D> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(Detection2D m, MessageWriter out) {
        HeaderCodec.INSTANCE.write(m.header(), out);
        out.arrayLength(m.results().size());
        for (ObjectHypothesisWithPose h : m.results()) {
            ObjectHypothesisWithPoseCodec.INSTANCE.write(h, out);
        }
        BoundingBox2DCodec.INSTANCE.write(m.bbox(), out);
        ImageCodec.INSTANCE.write(m.sourceImg(), out);
    }

    @Override
    public Detection2D read(MessageReader in) {
        var header = HeaderCodec.INSTANCE.read(in);
        int n = in.length(16);
        List<ObjectHypothesisWithPose> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(ObjectHypothesisWithPoseCodec.INSTANCE.read(in));
        }
        return new Detection2D(header, results, BoundingBox2DCodec.INSTANCE.read(in), ImageCodec.INSTANCE.read(in));
    }

    @Override
    public int sizeHint(Detection2D m) {
        return 400 + 350 * m.results().size() + m.sourceImg().data().length;
    }
}
