package dev.triage.launch.wiring;

import dev.triage.launch.config.ConfigException;
import dev.triage.launch.config.ConfigOverlay;
import dev.triage.launch.config.RosParameters;
import dev.triage.launch.config.Ros2ParamsFile;
import dev.triage.launch.config.TriageConfig;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.ros.node.ImageTransport;
import dev.triage.ros.node.NodeExtension;
import dev.triage.ros.node.NodeOptions;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.ros2.node.Ros2PerceptionNode;
import dev.triage.simbridge.CarlaTopics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the Triage node over ROS 2 (Cyclone DDS): the same configuration, budget and gate parameters as the ROS 1
 * node: the node's own parameters ({@code config}, {@code image_transport}, {@code use_sim_time},
 * {@code use_speed}) and every
 * configuration key ({@code -p budget_ms:=40}, {@code -p gate.smoothing:=0.5}, a {@code --params-file}'s
 * {@code ros__parameters}; {@code -p} wins) laid over the YAML configuration before schema validation
 * ({@link RosParameters}), the same private topic names
 * ({@code ~image}, {@code ~detections}, {@code /diagnostics}, remappable with {@code -r};
 * {@code image_transport:=compressed} subscribes {@code ~image/compressed}; {@code use_sim_time:=true} follows
 * {@code /clock}; {@code use_speed:=true} takes the vehicle speed, std_msgs/msg/Float32 in m/s, from {@code ~speed}
 * as the gate's speed prior, as the ROS 1 node does; {@code ~lanes}, {@code ~context}, {@code ~markers} and
 * {@code ~debug/image} are published as in ROS 1); {@code carla_role} (and {@code carla_camera}, default
 * rgb_front) put the node in a CARLA loop ({@link Ros2CarlaLoop}: sim-time tick accounting and live accuracy in
 * {@code /diagnostics}, as the ROS 1 node's {@code ~carla_role}).
 */
public final class Ros2NodeLauncher {
    private static final System.Logger LOG = System.getLogger(Ros2NodeLauncher.class.getName());

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
        List<RosParameters> files = new ArrayList<>();
        List<ConfigOverlay> overlays = new ArrayList<>();
        try {
            for (String f : args.paramsFiles()) {
                RosParameters fromFile = RosParameters.split(Ros2ParamsFile.read(Path.of(f), args.nodeName()));
                files.add(fromFile);
                overlays.add(fromFile.overlay(f + " (ros__parameters)"));
            }
        } catch (ConfigException e) {
            throw new RosNodeLauncher.LaunchException(e.getMessage());
        }
        RosParameters cli = RosParameters.split(args.params());
        overlays.add(cli.overlay("-p parameters"));
        Map<String, Object> nodeParams = new HashMap<>();
        files.forEach(f -> nodeParams.putAll(f.node()));
        nodeParams.putAll(cli.node());
        Optional<Path> configFile = Optional.ofNullable(nodeParams.get("config")).map(String::valueOf)
                .filter(s -> !s.isBlank()).map(Path::of).or(() -> cliConfig);
        TriageConfig config = RosNodeLauncher.loadConfig(configFile, overlays);
        ImageTransport transport;
        try {
            transport = ImageTransport.parse(String.valueOf(nodeParams.getOrDefault("image_transport", "raw")));
        } catch (IllegalArgumentException e) {
            throw new RosNodeLauncher.LaunchException("image_transport: " + e.getMessage());
        }
        boolean simTime = RosNodeLauncher.Params.bool("use_sim_time", nodeParams.get("use_sim_time")).orElse(false);
        boolean useSpeed = RosNodeLauncher.Params.bool("use_speed", nodeParams.get("use_speed")).orElse(false);
        RemapCheck remapCheck = new RemapCheck(args::fullName, args::resolve, "~/name:=...");
        NodeOptions options = RosNodeLauncher.nodeOptions(args.nodeName(), name -> remapCheck.resolve("~/" + name),
                remapCheck::resolve, transport, useSpeed, config, simTime);
        remapCheck.unused(args.remaps()).forEach(r -> LOG.log(System.Logger.Level.WARNING, remapCheck.warning(r)));
        Optional<CarlaTopics> carla = RosNodeLauncher.carlaTopics(nodeParams, args.resolve("~/carla_role") + " / "
                + args.resolve("~/carla_camera"));
        PerceptionStack stack = RosNodeLauncher.loadStack(config, home);
        DdsParticipant dds = null;
        try {
            dds = DdsParticipant.create(args.domainId());
            DdsParticipant participant = dds;
            List<NodeExtension> extensions = carla.<NodeExtension>map(t -> Ros2CarlaLoop.attach(participant, t,
                    options.budget())).map(List::of).orElse(List.of());
            Ros2PerceptionNode node = Ros2PerceptionNode.start(dds, args.nodeName(), options,
                    stack.addTo(CameraWorker.builder()), extensions);
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
}
