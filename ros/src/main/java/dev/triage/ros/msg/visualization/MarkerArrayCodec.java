package dev.triage.ros.msg.visualization;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;

import java.util.ArrayList;
import java.util.List;

/** Wire codec of {@link MarkerArray}. */
public enum MarkerArrayCodec implements MessageCodec<MarkerArray> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(MarkerArray m, MessageWriter out) {
        out.arrayLength(m.markers().size());
        for (Marker marker : m.markers()) {
            MarkerCodec.INSTANCE.write(marker, out);
        }
    }

    @Override
    public MarkerArray read(MessageReader in) {
        int n = in.length(100);
        List<Marker> markers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            markers.add(MarkerCodec.INSTANCE.read(in));
        }
        return new MarkerArray(markers);
    }

    @Override
    public int sizeHint(MarkerArray m) {
        int size = 4;
        for (Marker marker : m.markers()) {
            size += MarkerCodec.INSTANCE.sizeHint(marker);
        }
        return size;
    }
}
