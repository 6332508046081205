package dev.triage.launch.wiring;

import dev.triage.launch.config.ConfigException;
import dev.triage.launch.config.ConfigLoader;
import dev.triage.launch.config.ConfigOverlay;
import dev.triage.launch.config.TriageConfig;
import dev.triage.launch.config.RosParameters;
import dev.triage.perception.pipeline.PipelineSettings;
import dev.triage.perception.pipeline.CameraWorker;
import dev.triage.ros.RosNode;
import dev.triage.ros.RosNodeConfig;
import dev.triage.ros.ThreadPolicy;
import dev.triage.ros.node.ImageTransport;
import dev.triage.ros.node.NodeExtension;
import dev.triage.ros.node.NodeOptions;
import dev.triage.ros.node.PerceptionNode;
import dev.triage.ros.xmlrpc.XmlRpcException;
import dev.triage.simbridge.CarlaLoop;
import dev.triage.simbridge.CarlaTopics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Starts the Triage ROS node: joins the graph as {@link RosArgs} say, uploads the command line's private
 * parameters, reads the node's parameters from the parameter server, loads the models and starts a
 * {@link PerceptionNode}. The node's own parameters ({@link RosParameters#NODE_KEYS}, private unless noted):
 * {@code ~image_transport} raw|compressed (raw), {@code ~config} YAML path (none), {@code ~use_speed} subscribe
 * {@code ~speed} as the gate's speed prior (false), the global {@code /use_sim_time} (false), and for CARLA
 * {@code ~carla_role} (none: not in a CARLA loop) and {@code ~carla_camera} (rgb_front), which attach a
 * {@link CarlaLoop} (sim-time tick accounting, live accuracy against the bridge's ground truth). Every other private
 * parameter is a configuration key ({@code ~budget_ms}, {@code ~gate_every_n_frames}, {@code ~max_image_side},
 * {@code ~gate} as a dictionary, ...) laid over the YAML configuration before schema validation, so a bad value
 * is refused naming its key. Topics: {@code ~image} (or {@code ~image/compressed}), {@code ~speed},
 * {@code ~detections}, {@code ~lanes}, {@code ~context}, {@code ~markers}, {@code ~debug/image}, {@code /diagnostics},
 * each remappable.
 */
public final class RosNodeLauncher {

    private static final System.Logger LOG = System.getLogger(RosNodeLauncher.class.getName());

    private RosNodeLauncher() {
    }

    /** A bad parameter, configuration or model; the message names it. */
    public static final class LaunchException extends Exception {
        private static final long serialVersionUID = 1L;

        public LaunchException(String message) {
            super(message);
        }
    }

    /** The running node: ROS connection, models and pipeline. Closing it unregisters everything. */
    public record Running(RosNode ros, PerceptionStack stack, PerceptionNode node) implements AutoCloseable {
        @Override
        public void close() {
            node.close();
            ros.close();
            stack.close();
        }
    }

    /**
     * Starts the node, waiting for the master as long as it takes (unless {@code cancelled} turns true).
     *
     * @param cliConfig the {@code --config} file, overridden by the {@code ~config} parameter
     * @param home      the installation, for relative model paths
     * @return empty when cancelled before the node was up
     */
    public static Optional<Running> start(RosArgs args, Optional<Path> cliConfig, Path home, BooleanSupplier cancelled)
            throws LaunchException, IOException, InterruptedException {
        return start(args, cliConfig, home, cancelled, ThreadPolicy.exitOnOutOfMemory());
    }

    /**
     * As {@link #start(RosArgs, Optional, Path, BooleanSupplier)}, with the thread policy every thread of the node
     * follows (deaths counted as errors.thread_died, OutOfMemoryError ends the process).
     */
    public static Optional<Running> start(RosArgs args, Optional<Path> cliConfig, Path home, BooleanSupplier cancelled,
                                          ThreadPolicy threads)
            throws LaunchException, IOException, InterruptedException {
        RosNode ros = RosNode.start(RosNodeConfig.of(args.masterUri(), args.host(), args.nodeName())
                .withBindAddress(bindAddress(args.host())), threads);
        try {
            if (!awaitMaster(ros, cancelled)) {
                ros.close();
                return Optional.empty();
            }
            Params p = new Params(ros, args);
            p.upload();
            RosParameters params = RosParameters.split(p.privateParams());
            TriageConfig config;
            ImageTransport transport;
            try {
                Optional<Path> configFile = text(params.node(), "config").filter(s -> !s.isBlank()).map(Path::of)
                        .or(() -> cliConfig);
                config = loadConfig(configFile, List.of(params.overlay("ROS parameters of " + args.nodeName())));
                transport = imageTransport(params, args);
            } catch (LaunchException e) {
                p.withdraw(); // a refused command-line value must not refuse the next start under this name
                throw e;
            }
            boolean useSpeed = Params.bool(args.resolve("~use_speed"), params.node().get("use_speed")).orElse(false);
            boolean simTime = Params.bool(args.resolve("/use_sim_time"), p.raw("/use_sim_time").orElse(null))
                    .orElse(false);
            RemapCheck remapCheck = new RemapCheck(args::fullName, args::resolve, "~name:=...");
            NodeOptions options = nodeOptions(args.nodeName(), name -> remapCheck.resolve("~" + name),
                    remapCheck::resolve, transport, useSpeed, config, simTime);
            remapCheck.unused(args.remaps()).forEach(r -> LOG.log(System.Logger.Level.WARNING,
                    remapCheck.warning(r)));
            PerceptionStack stack = loadStack(config, home);
            Optional<CarlaTopics> carla = carlaTopics(params.node(), args.resolve("~carla_role") + " / "
                    + args.resolve("~carla_camera"));
            try {
                List<NodeExtension> extensions = carla.<NodeExtension>map(t -> CarlaLoop.attach(ros, t,
                        options.budget())).map(List::of).orElse(List.of());
                PerceptionNode node = PerceptionNode.start(ros, options, stack.addTo(CameraWorker.builder()),
                        extensions);
                return Optional.of(new Running(ros, stack, node));
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
        } catch (LaunchException | InterruptedException | RuntimeException e) {
            ros.close();
            throw e;
        }
    }

    private static ImageTransport imageTransport(RosParameters params, RosArgs args) throws LaunchException {
        try {
            return ImageTransport.parse(text(params.node(), "image_transport").orElse("raw"));
        } catch (IllegalArgumentException e) {
            throw new LaunchException(args.resolve("~image_transport") + ": " + e.getMessage());
        }
    }

    /** The configuration file (or the defaults) with {@code overlays} laid over it (shared by both launchers). */
    static TriageConfig loadConfig(Optional<Path> configFile, List<ConfigOverlay> overlays) throws LaunchException {
        try {
            return new ConfigLoader().load(configFile, overlays);
        } catch (ConfigException e) {
            throw new LaunchException(e.getMessage());
        }
    }

    /**
     * The models of {@code config} with their under-load copies, loaded and warmed up, with the frame path warmed up
     * on synthetic frames ({@link FramePathWarmUp}; shared by both launchers).
     */
    static PerceptionStack loadStack(TriageConfig config, Path home) throws LaunchException {
        PerceptionStack stack;
        try {
            stack = StackFactory.createLive(config, home);
        } catch (StackFactory.StackException e) {
            throw new LaunchException(e.getMessage());
        }
        FramePathWarmUp.run(stack, config);
        return stack;
    }

    /**
     * The options of a node (shared by the ROS 1 and ROS 2 launchers): its private topics {@code image} (or
     * {@code image/compressed}), {@code speed} when it uses speed, {@code detections}, {@code lanes},
     * {@code context}, {@code markers} and {@code debug/image}, the global {@code /diagnostics}, and the
     * configuration's pipeline settings with the latest frame only.
     *
     * @param privateTopic a private topic's name ({@code image}) resolved as the transport writes it
     * @param resolve      a global topic's name resolved, with the node's remappings
     */
    static NodeOptions nodeOptions(String nodeName, UnaryOperator<String> privateTopic, UnaryOperator<String> resolve,
                                   ImageTransport transport, boolean useSpeed, TriageConfig config, boolean simTime) {
        return NodeOptions.defaults(nodeName)
                .withImage(privateTopic.apply("image"), transport)
                .withSpeedTopic(useSpeed ? Optional.of(privateTopic.apply("speed")) : Optional.empty())
                .withOutputs(privateTopic.apply("detections"), privateTopic.apply("lanes"),
                        privateTopic.apply("context"), privateTopic.apply("markers"), privateTopic.apply("debug/image"),
                        resolve.apply("/diagnostics"))
                .withPipeline(config.pipelineSettings(PipelineSettings.Delivery.LATEST_ONLY), simTime);
    }

    /**
     * The CARLA topics of the node parameters {@code carla_role} and {@code carla_camera} (shared by the ROS 1 and
     * ROS 2 launchers); empty without a role.
     *
     * @param where the parameters' names, for the error message
     */
    static Optional<CarlaTopics> carlaTopics(Map<String, ?> nodeParams, String where) throws LaunchException {
        Optional<String> role = text(nodeParams, "carla_role").filter(r -> !r.isBlank());
        if (role.isEmpty()) {
            return Optional.empty();
        }
        String camera = text(nodeParams, "carla_camera").filter(c -> !c.isBlank())
                .orElse(CarlaTopics.DEFAULT.camera());
        try {
            return Optional.of(new CarlaTopics(role.get(), camera));
        } catch (IllegalArgumentException e) {
            throw new LaunchException(where + ": " + e.getMessage());
        }
    }

    /** A node parameter as text, when set. */
    private static Optional<String> text(Map<String, ?> nodeParams, String name) {
        return Optional.ofNullable(nodeParams.get(name)).map(String::valueOf);
    }

    /** Listen on every interface when the advertised host is a name, else on that address. */
    private static String bindAddress(String host) {
        return host.matches("[0-9.]+|.*:.*") ? host : "0.0.0.0";
    }

    private static boolean awaitMaster(RosNode ros, BooleanSupplier cancelled) throws InterruptedException {
        long lastLog = 0;
        while (!cancelled.getAsBoolean()) {
            try {
                ros.master().getPid();
                return true;
            } catch (XmlRpcException e) {
                if (System.nanoTime() - lastLog > 5_000_000_000L) {
                    LOG.log(System.Logger.Level.WARNING, "waiting for the ROS master at " + ros.master().masterUri()
                            + " (" + e.getMessage() + ")");
                    lastLog = System.nanoTime();
                }
                Thread.sleep(200);
            }
        }
        return false;
    }

    /**
     * Parameter access with the node's name resolution and typed reads that name the parameter on error.
     *
     * @param ros  the node's connection to the master's parameter server
     * @param args the node's command line: its name, namespace and {@code _param:=value}
     */
    record Params(RosNode ros, RosArgs args) {

        /** Sets the command line's {@code _param:=value} on the server, as rospy and roscpp do. */
        void upload() throws LaunchException {
            for (var e : args.privateParams().entrySet()) {
                String name = args.resolve("~" + e.getKey());
                try {
                    ros.master().setParam(name, e.getValue());
                } catch (XmlRpcException ex) {
                    throw new LaunchException("cannot set " + name + ": " + ex.getMessage());
                }
            }
        }

        /**
         * Takes the command line's {@code _param:=value} back off the server (best effort), after the node refused
         * its parameters: rospy would leave them there, and the next start under the same name would fail on them.
         */
        void withdraw() {
            for (String key : args.privateParams().keySet()) {
                try {
                    ros.master().deleteParam(args.resolve("~" + key));
                } catch (XmlRpcException ex) {
                    LOG.log(System.Logger.Level.WARNING, "cannot delete " + args.resolve("~" + key) + ": "
                            + ex.getMessage());
                }
            }
        }

        Optional<Object> raw(String name) throws LaunchException {
            String key = args.resolve(name);
            try {
                return ros.master().getParam(key);
            } catch (XmlRpcException e) {
                throw new LaunchException("cannot read parameter " + key + ": " + e.getMessage());
            }
        }

        /** The node's private parameters ({@code ~name}) by name; empty when none is set. */
        Map<String, Object> privateParams() throws LaunchException {
            Optional<Object> v = raw(args.nodeName());
            if (v.isEmpty()) {
                return Map.of();
            }
            if (!(v.get() instanceof Map<?, ?> map)) {
                throw new LaunchException(args.nodeName() + " is a parameter itself, not the node's namespace");
            }
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, value) -> out.put(String.valueOf(k), value));
            return out;
        }

        /** A boolean parameter named {@code name} in messages: true/false, or 1/0 and their text. */
        static Optional<Boolean> bool(String name, Object o) throws LaunchException {
            if (o == null) {
                return Optional.empty();
            }
            if (o instanceof Boolean b) {
                return Optional.of(b);
            }
            String s = String.valueOf(o).strip().toLowerCase(java.util.Locale.ROOT);
            if (s.equals("true") || s.equals("1")) {
                return Optional.of(true);
            }
            if (s.equals("false") || s.equals("0")) {
                return Optional.of(false);
            }
            throw new LaunchException(name + " = '" + o + "' is not true or false");
        }
    }
}
