package dev.triage.ros.node;

import dev.triage.perception.pipeline.PipelineSettings;
import dev.triage.ros.GraphNames;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link PerceptionNode} needs to know besides the models: resolved topic names (remaps already applied
 * by the launcher), the image transport, timing and the class list. Build it with {@link #defaults(String)} and the
 * {@code with*} copies.
 *
 * @param imageTopic         image_transport base topic (resolved {@code ~image}); compressed adds {@code /compressed}
 * @param transport          raw or compressed
 * @param speedTopic         std_msgs/Float32 vehicle speed in m/s for the gate's speed prior (resolved {@code ~speed}),
 *                           or empty to run without
 * @param detectionsTopic    vision_msgs/Detection2DArray out
 * @param lanesTopic         triage_msgs/LaneArray out
 * @param contextTopic       triage_msgs/SceneContext out
 * @param markersTopic       visualization_msgs/MarkerArray out
 * @param debugImageTopic    sensor_msgs/Image (bgr8 overlay) out, built only while subscribed
 * @param diagnosticsTopic   diagnostic_msgs/DiagnosticArray out, normally {@code /diagnostics}
 * @param useSimTime         follow {@code /clock}
 * @param budget             latency budget per frame, capture to result
 * @param gateEveryFrames    run the gate on every n-th frame
 * @param diagnosticsPeriod  how often /diagnostics is published
 * @param markerLifetime     lifetime of each marker (so rviz forgets stale ones)
 * @param maxStampAge        header stamps older than this (or in the future) are not trusted as capture instants;
 *                           the arrival time is used instead and the frame is counted as {@code bad_stamp}
 * @param classes            class names; a detection's {@code ObjectHypothesisWithPose.id} is its index here
 *                           (-1 for a label not in the list)
 * @param maxImageSide       largest width and height of an input image (raw, or as a JPEG/PNG header declares it;
 *                           larger images are decode_failed, counted as {@code too_large})
 * @param reducedJpegDecode  decode CompressedImage JPEGs at reduced scale when the model inputs allow it
 *                           ({@link PipelineSettings#reducedJpegDecode()})
 * @param overlapExperts     run the last image's expert beside the gate ({@link PipelineSettings#overlapExperts()})
 */
public record NodeOptions(String imageTopic, ImageTransport transport, Optional<String> speedTopic,
                          String detectionsTopic, String lanesTopic, String contextTopic, String markersTopic,
                          String debugImageTopic, String diagnosticsTopic, boolean useSimTime, Duration budget,
                          int gateEveryFrames, Duration diagnosticsPeriod, Duration markerLifetime,
                          Duration maxStampAge, List<String> classes, int maxImageSide, boolean reducedJpegDecode,
                          boolean overlapExperts) {

    /** The class list of the shipped urban expert: id 0 pedestrian, 1 cyclist, 2 vehicle. */
    public static final List<String> DEFAULT_CLASSES = List.of("pedestrian", "cyclist", "vehicle");

    public NodeOptions {
        for (String t : List.of(imageTopic, detectionsTopic, lanesTopic, contextTopic, markersTopic, debugImageTopic,
                diagnosticsTopic)) {
            GraphNames.requireGlobal(t, "topic");
        }
        Objects.requireNonNull(transport, "transport");
        speedTopic.ifPresent(t -> GraphNames.requireGlobal(t, "speed topic"));
        classes = List.copyOf(classes);
        // budget, gate frequency and pixel limit are checked once, by the pipeline's settings
        new PipelineSettings(budget.toNanos(), gateEveryFrames, PipelineSettings.Delivery.LATEST_ONLY, maxImageSide,
                reducedJpegDecode, overlapExperts);
    }

    /** The pipeline's settings: budget, gate frequency, pixel limit, JPEG scaling and overlap; latest-only delivery. */
    public PipelineSettings pipelineSettings() {
        return new PipelineSettings(budget.toNanos(), gateEveryFrames, PipelineSettings.Delivery.LATEST_ONLY,
                maxImageSide, reducedJpegDecode, overlapExperts);
    }

    /**
     * Private topics under {@code nodeName} ({@code nodeName/image}, {@code nodeName/detections}, ...), raw images,
     * no speed, wall time, 50 ms budget, gate on every frame, diagnostics at 1 Hz, markers live 0.5 s, stamps trusted
     * up to 1 s old, images up to 8192 a side, the last image's expert overlapped with the gate.
     */
    public static NodeOptions defaults(String nodeName) {
        GraphNames.requireGlobal(nodeName, "node name");
        return new NodeOptions(nodeName + "/image", ImageTransport.RAW, Optional.empty(), nodeName + "/detections",
                nodeName + "/lanes", nodeName + "/context", nodeName + "/markers", nodeName + "/debug/image",
                "/diagnostics", false, Duration.ofMillis(50), 1, Duration.ofSeconds(1), Duration.ofMillis(500),
                Duration.ofSeconds(1), DEFAULT_CLASSES, dev.triage.perception.image.FrameDecoder.DEFAULT_MAX_SIDE,
                false, true);
    }

    /** A copy reading images from {@code topic} with {@code how}. */
    public NodeOptions withImage(String topic, ImageTransport how) {
        return new NodeOptions(topic, how, speedTopic, detectionsTopic, lanesTopic, contextTopic, markersTopic,
                debugImageTopic, diagnosticsTopic, useSimTime, budget, gateEveryFrames, diagnosticsPeriod,
                markerLifetime, maxStampAge, classes, maxImageSide, reducedJpegDecode, overlapExperts);
    }

    /** A copy with the speed topic set or cleared. */
    public NodeOptions withSpeedTopic(Optional<String> topic) {
        return new NodeOptions(imageTopic, transport, topic, detectionsTopic, lanesTopic, contextTopic, markersTopic,
                debugImageTopic, diagnosticsTopic, useSimTime, budget, gateEveryFrames, diagnosticsPeriod,
                markerLifetime, maxStampAge, classes, maxImageSide, reducedJpegDecode, overlapExperts);
    }

    /** A copy with other output topics. */
    public NodeOptions withOutputs(String detections, String lanes, String context, String markers, String debugImage,
                                   String diagnostics) {
        return new NodeOptions(imageTopic, transport, speedTopic, detections, lanes, context, markers, debugImage,
                diagnostics, useSimTime, budget, gateEveryFrames, diagnosticsPeriod, markerLifetime, maxStampAge,
                classes, maxImageSide, reducedJpegDecode, overlapExperts);
    }

    /** A copy with the budget, gate frequency, pixel limit, JPEG scaling and overlap of {@code settings}; sim time. */
    public NodeOptions withPipeline(PipelineSettings settings, boolean simTime) {
        return new NodeOptions(imageTopic, transport, speedTopic, detectionsTopic, lanesTopic, contextTopic,
                markersTopic, debugImageTopic, diagnosticsTopic, simTime, Duration.ofNanos(settings.budgetNanos()),
                settings.gateEveryFrames(), diagnosticsPeriod, markerLifetime, maxStampAge, classes,
                settings.maxImageSide(), settings.reducedJpegDecode(), settings.overlapExperts());
    }

    /** A copy publishing diagnostics at another period. */
    public NodeOptions withDiagnosticsPeriod(Duration period) {
        return new NodeOptions(imageTopic, transport, speedTopic, detectionsTopic, lanesTopic, contextTopic,
                markersTopic, debugImageTopic, diagnosticsTopic, useSimTime, budget, gateEveryFrames, period,
                markerLifetime, maxStampAge, classes, maxImageSide, reducedJpegDecode, overlapExperts);
    }
}
