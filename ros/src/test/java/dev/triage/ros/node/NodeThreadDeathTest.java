package dev.triage.ros.node;

import dev.triage.perception.pipeline.PipelineSettings;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.FrameTap;
import dev.triage.ros.Publisher;
import dev.triage.ros.PublisherOptions;
import dev.triage.ros.RosNode;
import dev.triage.ros.RosNodeConfig;
import dev.triage.ros.ThreadPolicy;
import dev.triage.ros.msg.Time;
import dev.triage.ros.msg.diagnostic.KeyValue;
import dev.triage.ros.msg.sensor.Image;
import dev.triage.ros.msg.sensor.SensorMsgs;
import dev.triage.ros.msg.std.Header;
import dev.triage.ros.xmlrpc.XmlRpcClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Mat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No silent thread death in the node: an Error escaping the worker (here a StackOverflowError from a frame tap, as
 * a deep recursion in a drawing or model library would) is logged, counted as errors.thread_died and the worker is
 * started again, so frames keep being processed. Before, the worker thread died and the node stayed up blind.
 */
@Timeout(60)
class NodeThreadDeathTest {

    static final URI NO_MASTER = URI.create("http://127.0.0.1:9/");

    @Test
    void anErrorEscapingTheWorkerIsCountedAndTheWorkerRestarts() throws Exception {
        AtomicInteger tapped = new AtomicInteger();
        FrameTap bomb = new FrameTap() {
            @Override
            public void onResult(Frame frame, Mat bgr, PerceptionResult result) {
                if (tapped.incrementAndGet() == 3) {
                    throw new StackOverflowError("simulated deep recursion");
                }
            }
        };
        ThreadPolicy policy = new ThreadPolicy((t, e) -> { });
        try (RosNode ros = RosNode.start(RosNodeConfig.of(NO_MASTER, "127.0.0.1", "/death"), policy);
             RosNode camera = RosNode.start(RosNodeConfig.of(NO_MASTER, "127.0.0.1", "/death_camera"));
             PerceptionNode node = PerceptionNode.start(ros, NodeOptions.defaults("/death")
                     .withPipeline(new PipelineSettings(500_000_000L, 1, PipelineSettings.Delivery.LATEST_ONLY), false), StubModels.worker().addTap(bomb))) {
            Publisher<Image> pub = camera.advertise("/death/image", SensorMsgs.IMAGE, PublisherOptions.defaults());
            AtomicBoolean on = new AtomicBoolean(true);
            Thread feeder = new Thread(() -> {
                byte[] px = new byte[64 * 48 * 3];
                while (on.get()) {
                    pub.publish(new Image(new Header(0, Time.ofNanos(System.currentTimeMillis() * 1_000_000L),
                            "cam"), 48, 64, "bgr8", false, 192, px));
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            feeder.start();
            try {
                new XmlRpcClient(Duration.ofSeconds(2)).call(ros.slaveUri(), "publisherUpdate", "/master",
                        "/death/image", List.of(camera.slaveUri().toString()));
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (node.summary().framesProcessed() < 20 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(node.summary().framesProcessed() >= 20, "frames processed after the worker's death: "
                        + node.summary().framesProcessed());
                assertEquals(1, policy.threadsDied());
                List<KeyValue> kv = new NodeDiagnostics("/death").report(node.snapshot(), Time.ofNanos(0))
                        .status().get(0).values();
                assertTrue(kv.contains(KeyValue.of("errors.thread_died", 1)), kv.toString());
            } finally {
                on.set(false);
                feeder.join();
            }
        }
    }
}
