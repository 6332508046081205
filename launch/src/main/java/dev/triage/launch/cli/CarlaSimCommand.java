package dev.triage.launch.cli;

import dev.triage.datasets.synthetic.Route;
import dev.triage.launch.wiring.Ros2Args;
import dev.triage.launch.wiring.Ros2CarlaSim;
import dev.triage.launch.wiring.RosArgs;
import dev.triage.ros.RosNode;
import dev.triage.ros.RosNodeConfig;
import dev.triage.ros2.dds.DdsParticipant;
import dev.triage.simbridge.CarlaTopics;
import dev.triage.simbridge.sim.CarlaSimOptions;
import dev.triage.simbridge.sim.CarlaSimPublisher;
import dev.triage.simbridge.sim.SimulatedBridge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * {@code triage carla-sim [options] [ROS args]}: publishes the synthetic drive as carla-ros-bridge publishes a CARLA
 * drive (see {@link CarlaSimPublisher}), for demos and tests without CARLA.
 */
@Command(name = "carla-sim", mixinStandardHelpOptions = true,
        description = {"Publish the synthetic drive as carla-ros-bridge would (synchronous mode, 0.05 s steps): "
                + "/clock, /tf, /carla/<role>/<camera>/image (bgra8 800x600), camera_info, speedometer and "
                + "ground-truth objects. Needs a ROS master (ROS_MASTER_URI); no CARLA. With --ros2: the same topics "
                + "as the ROS 2 bridge publishes them, over Cyclone DDS (domain ROS_DOMAIN_ID).",
                "Example: triage carla-sim --rate 1   (with `roslaunch triage carla.launch` in another shell)"},
        exitCodeList = {"0:the drive was published", "2:bad arguments", "1:the ROS master went away"})
public final class CarlaSimCommand implements Callable<Integer> {

    @Option(names = "--role", defaultValue = "ego_vehicle", description = "Ego vehicle role name (${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--camera", defaultValue = "rgb_front", description = "Camera id (${DEFAULT-VALUE}).")
    String camera;

    @Option(names = "--seed", defaultValue = "1", description = "Synthetic drive seed (${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--route", defaultValue = "urban:400/highway:400/urban:400",
            description = "scene:ticks segments; the default is a 60 s drive (${DEFAULT-VALUE}).")
    String route;

    @Option(names = "--rate", defaultValue = "1.0", description = "Sim seconds per wall second; 0 = as fast as "
            + "possible (${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--lockstep", paramLabel = "TOPIC", description = "triage_msgs/SceneContext topic of the node "
            + "(e.g. /triage/context): wait for each tick's result before the next tick (at most 2 s; ticks "
            + "without a result are counted and printed at the end).")
    String lockstep;

    @Parameters(arity = "0..*", paramLabel = "ROS_ARG", description = "ROS arguments (__master:=, __ip:=, __name:=).")
    List<String> rosArgs = List.of();

    @Option(names = "--ros2", description = "Publish over ROS 2 (Cyclone DDS, domain ROS_DOMAIN_ID) as the ROS 2 "
            + "carla-ros-bridge does: /clock, /tf, camera_info, the bgra8 image, the speedometer and the objects; "
            + "ROS arguments are not used.")
    boolean ros2;

    @Override
    public Integer call() throws Exception {
        CarlaSimOptions options;
        try {
            options = CarlaSimOptions.defaults(Route.parse(route)).withNames(new CarlaTopics(role, camera), seed)
                    .withPace(rate, Optional.ofNullable(lockstep));
        } catch (IllegalArgumentException e) {
            return CliErrors.fail(e.getMessage());
        }
        if (ros2) {
            int domain;
            try {
                domain = Ros2Args.parse(List.of(), "carla_sim", System.getenv()).domainId();
            } catch (IllegalArgumentException e) {
                return CliErrors.fail(e.getMessage());
            }
            try (DdsParticipant dds = DdsParticipant.create(domain);
                 Ros2CarlaSim sim = new Ros2CarlaSim(dds, options)) {
                return drive(sim, options, "ROS 2 domain " + domain, () -> true);
            }
        }
        RosArgs args;
        try {
            args = RosArgs.parse(rosArgs, "carla_sim", System.getenv());
        } catch (IllegalArgumentException e) {
            return CliErrors.fail(e.getMessage());
        }
        try (RosNode ros = RosNode.start(RosNodeConfig.of(args.masterUri(), args.host(), args.nodeName()));
             CarlaSimPublisher sim = CarlaSimPublisher.advertise(ros, options)) {
            return drive(sim, options, "ROS master " + args.masterUri(), ros::masterReachable);
        }
    }

    /** Publishes every tick of the drive; 1 when the transport went away (the ROS master), else 0. */
    private int drive(SimulatedBridge sim, CarlaSimOptions options, String transport, BooleanSupplier alive)
            throws InterruptedException {
        System.err.printf(Locale.ROOT, "triage carla-sim: %d ticks (%.1f s sim) on %s (%s) at %s%n", sim.ticks(),
                sim.ticks() * options.step().toNanos() / 1e9, options.topics().image(), transport,
                rate == 0 ? "full speed" : rate + "x real time");
        for (int waited = 0; waited < 50 && !sim.subscribed(); waited++) {
            Thread.sleep(100);  // let subscribers connect before the first tick (up to 5 s)
        }
        for (int i = 0; i < sim.ticks(); i++) {
            SimulatedBridge.Tick t = sim.publish(i);
            if (i % 200 == 0) {
                System.err.printf(Locale.ROOT, "  tick %d  t=%.2f s  %s  %d objects%n", i, t.stampNanos() / 1e9,
                        t.scene().wireName(), t.objects());
            }
            if (!alive.getAsBoolean()) {
                System.err.println("triage carla-sim: lost the " + transport);
                return 1;
            }
        }
        System.err.println("triage carla-sim: done" + (lockstep == null ? ""
                : "; " + sim.lockstepTimeouts() + " ticks without a result within the lockstep wait"));
        return 0;
    }
}
