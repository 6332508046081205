package dev.triage.ros.msg.sensor;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.std.HeaderCodec;

/** Wire codec of {@link CameraInfo}. */
public enum CameraInfoCodec implements MessageCodec<CameraInfo> {
    /** The shared instance. */
    INSTANCE;

    @Override
    public void write(CameraInfo m, MessageWriter out) {
        HeaderCodec.INSTANCE.write(m.header(), out);
        out.int32(m.height()).int32(m.width()).string(m.distortionModel()).float64Array(m.d())
                .float64Fixed(m.k(), 9).float64Fixed(m.r(), 9).float64Fixed(m.p(), 12)
                .int32(m.binningX()).int32(m.binningY());
        RegionOfInterestCodec.INSTANCE.write(m.roi(), out);
    }

    @Override
    public CameraInfo read(MessageReader in) {
        return new CameraInfo(HeaderCodec.INSTANCE.read(in), in.int32(), in.int32(), in.string(), in.float64Array(),
                in.float64Fixed(9), in.float64Fixed(9), in.float64Fixed(12), in.int32(), in.int32(),
                RegionOfInterestCodec.INSTANCE.read(in));
    }
}
