package dev.triage.simbridge.msg;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.std.Header;
import dev.triage.ros.msg.std.HeaderCodec;

import java.util.ArrayList;
import java.util.List;

/** Wire codec of {@link ObjectArray}; each object goes through {@link DerivedObjectCodec}. */
public enum ObjectArrayCodec implements MessageCodec<ObjectArray> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(ObjectArray m, MessageWriter out) {
        HeaderCodec.INSTANCE.write(m.header(), out);
        out.arrayLength(m.objects().size());
        for (DerivedObject o : m.objects()) {
            DerivedObjectCodec.INSTANCE.write(o, out);
        }
    }

    @Override
    public ObjectArray read(MessageReader in) {
        Header header = HeaderCodec.INSTANCE.read(in);
        int n = in.length(DerivedObjectCodec.MIN_BYTES);
        List<DerivedObject> objects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            objects.add(DerivedObjectCodec.INSTANCE.read(in));
        }
        return new ObjectArray(header, objects);
    }

    @Override
    public int sizeHint(ObjectArray m) {
        int size = 64;
        for (DerivedObject o : m.objects()) {
            size += DerivedObjectCodec.INSTANCE.sizeHint(o);
        }
        return size;
    }
}
