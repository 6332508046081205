package dev.triage.ros.msg.rosgraph;

import dev.triage.ros.msg.MessageType;

/** The rosgraph_msgs types this client speaks. */
public final class RosgraphMsgs {

    /** rosgraph_msgs/Clock. */
    public static final MessageType<Clock> CLOCK = MessageType.of("rosgraph_msgs/Clock", Clock.class);

    private RosgraphMsgs() {
    }
}
