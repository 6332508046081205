package dev.triage.simbridge.msg;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

import java.util.ArrayList;
import java.util.List;

/** Wire codec of {@link TfMessage}. */
public enum TfMessageCodec implements MessageCodec<TfMessage> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(TfMessage m, MessageWriter out) {
        out.arrayLength(m.transforms().size());
        for (TransformStamped t : m.transforms()) {
            TransformStampedCodec.INSTANCE.write(t, out);
        }
    }

    @Override
    public TfMessage read(MessageReader in) {
        int n = in.length(TransformStampedCodec.MIN_BYTES);
        List<TransformStamped> transforms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            transforms.add(TransformStampedCodec.INSTANCE.read(in));
        }
        return new TfMessage(transforms);
    }

    @Override
    public int sizeHint(TfMessage m) {
        int size = 4;
        for (TransformStamped t : m.transforms()) {
            size += TransformStampedCodec.INSTANCE.sizeHint(t);
        }
        return size;
    }
}
