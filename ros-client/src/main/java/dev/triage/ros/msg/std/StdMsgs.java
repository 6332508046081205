package dev.triage.ros.msg.std;

import dev.triage.ros.msg.MessageType;

/** The std_msgs types this client speaks. */
public final class StdMsgs {

    /** std_msgs/Header. */
    public static final MessageType<Header> HEADER = MessageType.of("std_msgs/Header", Header.class);
    /** std_msgs/Float32. */
    public static final MessageType<Float32> FLOAT32 = MessageType.of("std_msgs/Float32", Float32.class);
    /** std_msgs/ColorRGBA. */
    public static final MessageType<ColorRGBA> COLOR_RGBA = MessageType.of("std_msgs/ColorRGBA", ColorRGBA.class);

    private StdMsgs() {
    }
}
