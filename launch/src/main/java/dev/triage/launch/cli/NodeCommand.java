package dev.triage.launch.cli;

import dev.triage.launch.wiring.Ros2Args;
import dev.triage.launch.wiring.Ros2NodeLauncher;
import dev.triage.launch.wiring.RosArgs;
import dev.triage.launch.wiring.RosNodeLauncher;
import dev.triage.ros.ThreadPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code triage node [ROS args]}: the ROS 1 node. Runs until SIGINT/SIGTERM or a slave-API shutdown
 * ({@code rosnode kill}), then unregisters everything. Every thread, the JVM's and libraries' included, follows one
 * {@link ThreadPolicy}: a death is logged and counted in /diagnostics (errors.thread_died), the node's loops restart,
 * and an OutOfMemoryError ends the process with status 3 so that roslaunch {@code respawn} or systemd restart it.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run as a ROS 1 node (with --ros2: a ROS 2 node): camera images in; detections, lanes, "
                + "scene context, markers, a debug overlay and /diagnostics out.",
                "Subscribes ~image (sensor_msgs/Image) or ~image/compressed (_image_transport:=compressed), and "
                        + "~speed (std_msgs/Float32, m/s) with _use_speed:=true. Publishes ~detections "
                        + "(vision_msgs/Detection2DArray), ~lanes (triage_msgs/LaneArray), ~context "
                        + "(triage_msgs/SceneContext), ~markers (visualization_msgs/MarkerArray), ~debug/image "
                        + "(bgr8 overlay, only while subscribed) and /diagnostics.",
                "ROS arguments: from:=to remaps, __name:=, __ns:=, __master:=, __ip:=, __hostname:=, _param:=value "
                        + "(_image_transport, _budget_ms, _config: wins over --config, _use_speed, _gate_every_n_frames, "
                        + "_max_image_side). Environment: ROS_MASTER_URI, ROS_IP / ROS_HOSTNAME, ROS_NAMESPACE. Global "
                        + "parameter: /use_sim_time.",
                "Example: triage node '~image:=/camera/image_raw' _budget_ms:=50   (a private topic is remapped as "
                        + "~image:=; a bare image:= remaps /image)",
                "ROS 2 (Cyclone DDS), for example:",
                "  triage node --ros2 --ros-args -r '~/image:=/camera/image_raw' \\",
                "      -r __ns:=/perception -r __node:=triage -p budget_ms:=50",
                "Quote ~/ remaps (the shell expands an unquoted ~/); ROS_DOMAIN_ID picks the domain, CYCLONEDDS_URI "
                        + "the interface; the same topics as on ROS 1 in ROS 2 form (~/image, ~/detections, ~/lanes, "
                        + "~/context, ~/markers, ~/debug/image, /diagnostics)."},
        exitCodeList = {"0:shut down on request (rosnode kill; SIGINT / SIGTERM give the JVM's 130 / 143)",
                "2:bad arguments, parameters, configuration or models",
                "3:out of memory (restart it: roslaunch respawn, systemd Restart=on-failure)"})
public final class NodeCommand implements Callable<Integer> {

    @Mixin
    ConfigOption configOption = new ConfigOption();

    @Option(names = "--ros2", description = "Run as a ROS 2 node over Cyclone DDS; ROS 2 arguments follow "
            + "--ros-args.")
    boolean ros2;

    @Parameters(arity = "0..*", paramLabel = "ROS_ARG", description = "ROS command-line arguments.")
    List<String> rosArgs = List.of();

    @Override
    public Integer call() throws Exception {
        if (ros2) {
            return callRos2();
        }
        RosArgs args;
        try {
            args = RosArgs.parse(rosArgs, "triage", System.getenv());
        } catch (IllegalArgumentException e) {
            return CliErrors.fail(e.getMessage());
        }
        ThreadPolicy threads = ThreadPolicy.exitOnOutOfMemory();
        threads.installAsDefault();
        return untilStopped(stop -> {
            Optional<RosNodeLauncher.Running> running;
            try {
                running = RosNodeLauncher.start(args, configOption.given(), Installation.home(),
                        () -> stop.getCount() == 0, threads);
            } catch (RosNodeLauncher.LaunchException e) {
                return CliErrors.fail(e.getMessage());
            }
            if (running.isEmpty()) {
                return 0;
            }
            try (RosNodeLauncher.Running node = running.get()) {
                node.ros().onShutdownRequest(reason -> {
                    System.err.println("triage: shutdown requested: " + reason);
                    stop.countDown();
                });
                System.err.println("triage: node " + args.nodeName() + " running; images from "
                        + node.node().options().transport().topic(node.node().options().imageTopic()));
                stop.await();
            }
            return 0;
        });
    }

    private Integer callRos2() throws Exception {
        Ros2Args args;
        try {
            args = Ros2Args.parse(rosArgs, "triage", System.getenv());
        } catch (IllegalArgumentException e) {
            return CliErrors.fail(e.getMessage());
        }
        return untilStopped(stop -> {
            Ros2NodeLauncher.Running node;
            try {
                node = Ros2NodeLauncher.start(args, configOption.given(), Installation.home());
            } catch (RosNodeLauncher.LaunchException e) {
                return CliErrors.fail(e.getMessage());
            }
            try (node) {
                System.err.println("triage: ROS 2 node " + args.nodeName() + " running (DDS domain "
                        + args.domainId() + "); images from "
                        + node.node().options().transport().topic(node.node().options().imageTopic())
                        + ", detections on " + node.node().options().detectionsTopic());
                stop.await();
            }
            return 0;
        });
    }

    /** The part of a node's run between start-up and a shutdown request: returns the exit code. */
    @FunctionalInterface
    private interface NodeRun {
        Integer run(CountDownLatch stop) throws Exception;
    }

    /**
     * Runs {@code body} with a latch that SIGINT/SIGTERM (a JVM shutdown hook) counts down; the hook then waits up to
     * 10 s for {@code body} to return, so that the node unregisters before the JVM exits.
     */
    private static Integer untilStopped(NodeRun body) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(10, TimeUnit.SECONDS); // let the node unregister before the JVM exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "triage-node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.run(stop);
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running and waits for 'stopped'
            }
        }
    }
}
