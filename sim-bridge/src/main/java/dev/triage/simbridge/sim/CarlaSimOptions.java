package dev.triage.simbridge.sim;

import dev.triage.datasets.synthetic.Route;
import dev.triage.simbridge.CarlaTopics;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings of {@link CarlaSimPublisher}.
 *
 * @param topics         role and camera names (topics as carla-ros-bridge names them)
 * @param seed           the synthetic drive's seed
 * @param route          the synthetic drive's route (one frame per tick)
 * @param width          image width (carla-ros-bridge default 800)
 * @param height         image height (default 600)
 * @param fovDeg         horizontal field of view in degrees (default 90)
 * @param step           the fixed simulation step (carla-ros-bridge default 0.05 s)
 * @param realtimeFactor sim seconds per wall second; 0 publishes as fast as the lockstep (or the machine) allows
 * @param lockstepTopic  a triage_msgs/SceneContext topic: wait after each tick until the node's result for it came
 *                       out, as a synchronous-mode bridge that waits for its perception stack would
 * @param lockstepWait   the longest wait for one tick's result before moving on (counted)
 */
public record CarlaSimOptions(CarlaTopics topics, long seed, Route route, int width, int height, double fovDeg,
                              Duration step, double realtimeFactor, Optional<String> lockstepTopic,
                              Duration lockstepWait) {

    public CarlaSimOptions {
        if (width < 64 || height < 48 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " is outside 64x48..4096x4096");
        }
        if (!(fovDeg > 1 && fovDeg < 179)) {
            throw new IllegalArgumentException("fov " + fovDeg + " is outside (1, 179) degrees");
        }
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
        if (!(realtimeFactor >= 0)) {
            throw new IllegalArgumentException("realtime factor must be >= 0: " + realtimeFactor);
        }
    }

    /** carla-ros-bridge defaults: ego_vehicle/rgb_front, 800x600, FOV 90, 0.05 s steps in real time; seed 1. */
    public static CarlaSimOptions defaults(Route route) {
        return new CarlaSimOptions(CarlaTopics.DEFAULT, 1, route, 800, 600, 90, Duration.ofMillis(50), 1.0,
                Optional.empty(), Duration.ofSeconds(2));
    }

    /** A copy with another pace and lockstep topic. */
    public CarlaSimOptions withPace(double factor, Optional<String> lockstep) {
        return new CarlaSimOptions(topics, seed, route, width, height, fovDeg, step, factor, lockstep, lockstepWait);
    }

    /** A copy with other role and camera names and seed. */
    public CarlaSimOptions withNames(CarlaTopics newTopics, long newSeed) {
        return new CarlaSimOptions(newTopics, newSeed, route, width, height, fovDeg, step, realtimeFactor,
                lockstepTopic, lockstepWait);
    }
}
