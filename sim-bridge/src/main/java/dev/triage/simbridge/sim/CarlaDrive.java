package dev.triage.simbridge.sim;

import dev.triage.datasets.synthetic.Scene;
import dev.triage.datasets.synthetic.SyntheticConfig;
import dev.triage.datasets.synthetic.SyntheticDrive;
import dev.triage.datasets.synthetic.SyntheticFrame;
import dev.triage.simbridge.truth.PinholeCamera;
import dev.triage.simbridge.truth.RigidTransform;

/**
 * The synthetic drive as a CARLA simulation in synchronous mode would step it, independent of the transport that
 * publishes it (ROS 1: {@link CarlaSimPublisher}; ROS 2: {@code bin/triage carla-sim --ros2}): one rendered frame per
 * fixed step, sim time from 1 s, the ego speed of the scene (urban 9 m/s, highway 27 m/s) integrated into an
 * odometer along x, and the camera mounted {@value #MOUNT_X} m ahead of and {@value #MOUNT_Z} m above the vehicle.
 * Ticks must be taken in order. Not thread-safe.
 */
public final class CarlaDrive implements AutoCloseable {

    /** Camera mount on the vehicle (x forward, z up), in metres. */
    static final double MOUNT_X = 2.0;
    static final double MOUNT_Z = 2.0;
    private static final double URBAN_SPEED = 9.0;
    private static final double HIGHWAY_SPEED = 27.0;
    private static final long START_NANOS = 1_000_000_000L;  // sim time starts at 1 s: a zero stamp is never valid

    /**
     * One step of the simulation.
     *
     * @param index           the tick
     * @param stampNanos      its sim time
     * @param frame           the rendered camera frame (bgr pixels and 2D ground truth)
     * @param speedMps        the ego speed
     * @param mapFromVehicle  the ego pose in the map
     */
    public record Tick(int index, long stampNanos, SyntheticFrame frame, double speedMps,
                       RigidTransform mapFromVehicle) {

        /** The scene the frame was rendered in. */
        public Scene scene() {
            return frame.scene();
        }

        /** The frame as bgra8 (CARLA's camera encoding), 4 bytes a pixel. */
        public byte[] bgra() {
            byte[] bgr = frame.bgr();
            byte[] out = new byte[bgr.length / 3 * 4];
            for (int i = 0, j = 0; i < bgr.length; i += 3, j += 4) {
                out[j] = bgr[i];
                out[j + 1] = bgr[i + 1];
                out[j + 2] = bgr[i + 2];
                out[j + 3] = (byte) 0xff;
            }
            return out;
        }
    }

    private final CarlaSimOptions options;
    private final SyntheticDrive drive;
    private final PinholeCamera camera;
    private double odometer;

    /** The drive of {@code options} (seed, route, image size, field of view, step). */
    public CarlaDrive(CarlaSimOptions options) {
        this.options = options;
        this.drive = new SyntheticDrive(new SyntheticConfig(options.seed(), options.width(), options.height(),
                options.route()));
        this.camera = PinholeCamera.carla(options.width(), options.height(), options.fovDeg());
    }

    /** Ticks in the whole drive. */
    public int ticks() {
        return drive.frameCount();
    }

    /** The sim time of tick {@code index}. */
    public long stampOf(int index) {
        return START_NANOS + index * options.step().toNanos();
    }

    /** The camera's intrinsics (for camera_info and ground-truth projection). */
    public PinholeCamera camera() {
        return camera;
    }

    /** The camera's pose on the vehicle. */
    public static RigidTransform vehicleFromCamera() {
        return RigidTransform.translation(MOUNT_X, 0, MOUNT_Z);
    }

    /** Renders and steps tick {@code index} (the next one). */
    public Tick tick(int index) {
        SyntheticFrame frame = drive.render(index);
        double speed = frame.scene() == Scene.HIGHWAY ? HIGHWAY_SPEED : URBAN_SPEED;
        odometer += speed * options.step().toNanos() / 1e9;
        return new Tick(index, stampOf(index), frame, speed, RigidTransform.translation(odometer, 0, 0));
    }

    @Override
    public void close() {
        drive.close();
    }
}
