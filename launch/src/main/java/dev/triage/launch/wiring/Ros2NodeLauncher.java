package dev.triage.launch.wiring;

import dev.triage.launch.config.ConfigException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.triage.launch.config.ConfigLoader;
import dev.triage.launch.config.Ros2ParamsFile;
import dev.triage.launch.config.TriageConfig;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.ros.node.ImageTransport;
import dev.triage.ros.node.NodeOptions;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.node.Ros2PerceptionNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the Triage node over ROS 2 (Cyclone DDS): the same configuration, budget and gate parameters as the ROS 1
 * node ({@code -p budget_ms:=..., gate_every_n_frames, config}; a {@code --params-file}'s {@code ros__parameters}
 * are a configuration document checked against the config schema, {@code -p} wins), the same private topic names
 * ({@code ~image}, {@code ~detections}, {@code /diagnostics}, remappable with {@code -r};
 * {@code image_transport:=compressed} subscribes {@code ~image/compressed}; {@code use_sim_time:=true} follows
 * {@code /clock}). Not yet on ROS 2: {@code ~lanes}, {@code ~context}, {@code ~markers}, {@code ~debug/image},
 * {@code ~speed}.
 */
public final class Ros2NodeLauncher {

    private Ros2NodeLauncher() {
    }

    /** The running node: DDS participant, models and pipeline. */
    public record Running(DdsParticipant dds, PerceptionStack stack, Ros2PerceptionNode node) implements AutoCloseable {
        @Override
        public void close() {
            node.close();
            dds.close();
            stack.close();
        }
    }

    /** Starts the node. */
    public static Running start(Ros2Args args, Optional<Path> cliConfig, Path home)
            throws RosNodeLauncher.LaunchException {
        ObjectNode fileParams = new ObjectMapper().createObjectNode();
        String fileNames = String.join(", ", args.paramsFiles());
        try {
            for (String f : args.paramsFiles()) {
                fileParams.setAll(Ros2ParamsFile.read(Path.of(f), args.nodeName()));
            }
        } catch (ConfigException e) {
            throw new RosNodeLauncher.LaunchException(e.getMessage());
        }
        Map<String, Object> nodeParams = new HashMap<>();
        for (String key : Ros2ParamsFile.NODE_KEYS) {
            JsonNode v = fileParams.remove(key);
            if (v != null) {
                nodeParams.put(key, v.isBoolean() ? (Object) v.booleanValue() : v.asText());
            }
        }
        nodeParams.putAll(args.params());
        Optional<Path> configFile = Optional.ofNullable(nodeParams.get("config")).map(String::valueOf)
                .filter(s -> !s.isBlank()).map(Path::of).or(() -> cliConfig);
        TriageConfig config;
        try {
            config = new ConfigLoader().load(configFile, fileParams, fileNames + " (ros__parameters)");
        } catch (ConfigException e) {
            throw new RosNodeLauncher.LaunchException(e.getMessage());
        }
        double budgetMs = number(args, "budget_ms").orElse(config.budgetMs());
        if (!(budgetMs >= 1 && budgetMs <= 1000)) {
            throw new RosNodeLauncher.LaunchException("budget_ms = " + budgetMs + " is out of range [1, 1000]");
        }
        int gateEvery = (int) (double) number(args, "gate_every_n_frames").orElse((double) config.gateEveryNFrames());
        if (gateEvery < 1) {
            throw new RosNodeLauncher.LaunchException("gate_every_n_frames must be at least 1");
        }
        ImageTransport transport;
        try {
            transport = ImageTransport.parse(String.valueOf(nodeParams.getOrDefault("image_transport", "raw")));
        } catch (IllegalArgumentException e) {
            throw new RosNodeLauncher.LaunchException("image_transport: " + e.getMessage());
        }
        Object simTimeParam = nodeParams.getOrDefault("use_sim_time", Boolean.FALSE);
        if (!(simTimeParam instanceof Boolean)) {
            throw new RosNodeLauncher.LaunchException("use_sim_time must be true or false, got '" + simTimeParam + "'");
        }
        boolean simTime = (Boolean) simTimeParam;
        NodeOptions options = NodeOptions.defaults(args.nodeName())
                .withImage(args.resolve("~/image"), transport)
                .withOutputs(args.resolve("~/detections"), args.resolve("~/lanes"), args.resolve("~/context"),
                        args.resolve("~/markers"), args.resolve("~/debug/image"), args.resolve("/diagnostics"))
                .withTiming(Duration.ofNanos((long) (budgetMs * 1e6)), gateEvery, simTime);
        PerceptionStack stack;
        try {
            stack = StackFactory.create(config, home);
        } catch (StackFactory.StackException e) {
            throw new RosNodeLauncher.LaunchException(e.getMessage());
        }
        DdsParticipant dds = null;
        try {
            dds = DdsParticipant.create(args.domainId());
            Ros2PerceptionNode node = Ros2PerceptionNode.start(dds, args.nodeName(), options,
                    stack.addTo(CameraWorker.builder()));
            return new Running(dds, stack, node);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            if (dds != null) {
                dds.close();
            }
            stack.close();
            if (e instanceof UnsatisfiedLinkError) {
                throw new RosNodeLauncher.LaunchException("Cyclone DDS (libddsc.so) not found: install "
                        + "cyclonedds-dev (Debian/Ubuntu) or source a ROS 2 installation (" + e.getMessage() + ")");
            }
            throw e;
        }
    }

    private static Optional<Double> number(Ros2Args args, String name) throws RosNodeLauncher.LaunchException {
        Optional<Object> v = args.param(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.get() instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        throw new RosNodeLauncher.LaunchException(name + " must be a number, got '" + v.get() + "'");
    }
}
