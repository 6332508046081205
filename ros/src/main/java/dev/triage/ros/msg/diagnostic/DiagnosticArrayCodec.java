package dev.triage.ros.msg.diagnostic;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.std.HeaderCodec;

import java.util.ArrayList;
import java.util.List;

/** Wire codec of {@link DiagnosticArray}. */
public enum DiagnosticArrayCodec implements MessageCodec<DiagnosticArray> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(DiagnosticArray m, MessageWriter out) {
        HeaderCodec.INSTANCE.write(m.header(), out);
        out.arrayLength(m.status().size());
        for (DiagnosticStatus s : m.status()) {
            DiagnosticStatusCodec.INSTANCE.write(s, out);
        }
    }

    @Override
    public DiagnosticArray read(MessageReader in) {
        var header = HeaderCodec.INSTANCE.read(in);
        int n = in.length(17);
        List<DiagnosticStatus> status = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            status.add(DiagnosticStatusCodec.INSTANCE.read(in));
        }
        return new DiagnosticArray(header, status);
    }

    @Override
    public int sizeHint(DiagnosticArray m) {
        int size = 64;
        for (DiagnosticStatus s : m.status()) {
            size += DiagnosticStatusCodec.INSTANCE.sizeHint(s);
        }
        return size;
    }
}
