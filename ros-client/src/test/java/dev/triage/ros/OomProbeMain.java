package dev.triage.ros;

import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.tcpros.SubscriptionOptions;

import java.net.URI;

/**
 * A child process for {@link OutOfMemoryExitTest}: a node (no master) subscribing {@code /big} with the default
 * thread policy. It prints its slave URI and waits; fed a message larger than its heap, it must exit with status 3,
 * not live on with a dead link thread.
 */
public final class OomProbeMain {

    private OomProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        RosNode node = RosNode.start(RosNodeConfig.of(URI.create("http://127.0.0.1:9/"), "127.0.0.1", "/oom_probe"));
        node.subscribe("/big", SensorMsgs.IMAGE, SubscriptionOptions.defaults(), m -> { });
        System.out.println("SLAVE " + node.slaveUri());
        System.out.flush();
        Thread.sleep(120_000);
        System.out.println("STILL ALIVE");
    }
}
