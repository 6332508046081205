package dev.triage.ros.msg.triage;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.std.HeaderCodec;

import java.util.ArrayList;
import java.util.List;

/** Wire codec of {@link SceneContext}. */
public enum SceneContextCodec implements MessageCodec<SceneContext> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(SceneContext m, MessageWriter out) {
        HeaderCodec.INSTANCE.write(m.header(), out);
        out.string(m.scene());
        strings(m.scenes(), out);
        floats(m.probabilities(), out);
        floats(m.rawProbabilities(), out);
        out.bool(m.uncertain());
        strings(m.expertsRun(), out);
        out.int32(m.switchCount()).float32(m.latencyMs()).bool(m.deadlineMet());
    }

    @Override
    public SceneContext read(MessageReader in) {
        var header = HeaderCodec.INSTANCE.read(in);
        String scene = in.string();
        List<String> scenes = strings(in);
        float[] probs = floats(in);
        float[] raw = floats(in);
        boolean uncertain = in.bool();
        List<String> experts = strings(in);
        return new SceneContext(header, scene, scenes, probs, raw, uncertain, experts, in.int32(), in.float32(),
                in.bool());
    }

    private static void strings(List<String> values, MessageWriter out) {
        out.arrayLength(values.size());
        values.forEach(out::string);
    }

    private static void floats(float[] values, MessageWriter out) {
        out.arrayLength(values.length);
        for (float v : values) {
            out.float32(v);
        }
    }

    private static List<String> strings(MessageReader in) {
        int n = in.length(4);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.string());
        }
        return out;
    }

    private static float[] floats(MessageReader in) {
        int n = in.length(4);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.float32();
        }
        return out;
    }
}
