package dev.triage.datasets.synthetic;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.spi.FrameSource;
import java.util.Optional;

/**
 * A {@link FrameSource} that plays a {@link SyntheticDrive}: raw bgr8 frames with full ground truth, stamped at
 * 20 fps ({@code stampNanos = seq * 50 ms}). Frames are rendered on demand in {@link #next()}; there is no pacing,
 * the caller paces by {@link #nominalFps()}.
 *
 * <pre>{@code
 * try (FrameSource source = SyntheticDriveSource.fromSpec("synthetic:seed=7,route=urban:200/highway:200")) {
 *     for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
 *         mailbox.offer(f.get());
 *     }
 * }
 * }</pre>
 */
public final class SyntheticDriveSource implements FrameSource {
    /** The {@code frameId} of every frame. */
    public static final String FRAME_ID = "synthetic_camera";
    private static final long FRAME_NANOS = 50_000_000L;

    private final SyntheticDrive drive;
    private final String description;
    private int next;

    public SyntheticDriveSource(SyntheticConfig config) {
        this.drive = new SyntheticDrive(config);
        this.description = SyntheticSpec.format(config);
    }

    /**
     * A source for a {@code synthetic:...} spec.
     *
     * @throws IllegalArgumentException naming the bad key
     */
    public static SyntheticDriveSource fromSpec(String spec) {
        return new SyntheticDriveSource(SyntheticSpec.parse(spec));
    }

    @Override
    public Optional<Frame> next() {
        if (next >= drive.frameCount()) {
            return Optional.empty();
        }
        int seq = next++;
        SyntheticFrame f = drive.render(seq);
        Image.Raw image = new Image.Raw(f.width(), f.height(), "bgr8", 3 * f.width(), f.bgr());
        return Optional.of(new Frame(seq, seq * FRAME_NANOS, System.nanoTime(), FRAME_ID, image,
                Optional.of(f.truth())));
    }

    /** The canonical spec, for example {@code synthetic:seed=7,route=urban:200/highway:200,width=640,height=480}. */
    @Override
    public String describe() {
        return description;
    }

    @Override
    public Optional<Double> nominalFps() {
        return Optional.of(SyntheticConfig.FPS);
    }

    /** Frames in the whole drive. */
    public int frameCount() {
        return drive.frameCount();
    }

    @Override
    public void close() {
        drive.close();
    }
}
