package dev.triage.ros.msg.diagnostic;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

import java.util.ArrayList;
import java.util.List;

/** Wire codec of {@link DiagnosticStatus}. */
public enum DiagnosticStatusCodec implements MessageCodec<DiagnosticStatus> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(DiagnosticStatus m, MessageWriter out) {
        out.int8(m.level()).string(m.name()).string(m.message()).string(m.hardwareId());
        out.arrayLength(m.values().size());
        for (KeyValue kv : m.values()) {
            KeyValueCodec.INSTANCE.write(kv, out);
        }
    }

    @Override
    public DiagnosticStatus read(MessageReader in) {
        byte level = (byte) in.int8();
        String name = in.string();
        String message = in.string();
        String hardwareId = in.string();
        int n = in.length(8);
        List<KeyValue> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(KeyValueCodec.INSTANCE.read(in));
        }
        return new DiagnosticStatus(level, name, message, hardwareId, values);
    }

    @Override
    public int sizeHint(DiagnosticStatus m) {
        return 256 + 64 * m.values().size();
    }
}
