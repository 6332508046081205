package dev.triage.simbridge.msg;

import dev.triage.ros.msg.MessageCodec;
import dev.triage.ros.msg.MessageReader;
import dev.triage.ros.msg.MessageWriter;
import dev.triage.ros.msg.geometry.Pose;
import dev.triage.ros.msg.geometry.PoseCodec;
import dev.triage.ros.msg.std.Header;
import dev.triage.ros.msg.std.HeaderCodec;

/**
 * Wire codec of {@link DerivedObject} (derived_object_msgs/Object). Reading consumes {@code twist}, {@code accel}
 * and {@code polygon} in full, checking the polygon's length, and discards them; writing emits a zero twist, a zero
 * accel and an empty polygon.
 */
public enum DerivedObjectCodec implements MessageCodec<DerivedObject> {
    /** The shared instance. */
    INSTANCE;

    /** Smallest serialized size: empty frame id, empty polygon, no dimensions. */
    static final int MIN_BYTES = 16 + 4 + 1 + 1 + 56 + 48 + 48 + 4 + 5 + 1 + 1 + 4;

    private static final int TWIST_AND_ACCEL_DOUBLES = 12;
    private static final int POINT32_BYTES = 12;

    @Override
    public void write(DerivedObject m, MessageWriter out) {
        HeaderCodec.INSTANCE.write(m.header(), out);
        out.int32((int) m.id()).int8(m.detectionLevel()).bool(m.objectClassified());
        PoseCodec.INSTANCE.write(m.pose(), out);
        for (int i = 0; i < TWIST_AND_ACCEL_DOUBLES; i++) {
            out.float64(0);
        }
        out.arrayLength(0);
        SolidPrimitiveCodec.INSTANCE.write(m.shape(), out);
        out.int8(m.classification()).int8(m.classificationCertainty()).int32((int) m.classificationAge());
    }

    @Override
    public DerivedObject read(MessageReader in) {
        Header header = HeaderCodec.INSTANCE.read(in);
        long id = in.int32() & 0xFFFFFFFFL;
        int detectionLevel = in.uint8();
        boolean classified = in.bool();
        Pose pose = PoseCodec.INSTANCE.read(in);
        for (int i = 0; i < TWIST_AND_ACCEL_DOUBLES; i++) {
            in.float64();
        }
        int points = in.length(POINT32_BYTES);
        for (int i = 0; i < 3 * points; i++) {
            in.float32();
        }
        SolidPrimitive shape = SolidPrimitiveCodec.INSTANCE.read(in);
        int classification = in.uint8();
        int certainty = in.uint8();
        long age = in.int32() & 0xFFFFFFFFL;
        return new DerivedObject(header, id, detectionLevel, classified, pose, shape, classification, certainty, age);
    }

    @Override
    public int sizeHint(DerivedObject m) {
        return MIN_BYTES + 3 * m.header().frameId().length() + 8 * 3;
    }
}
