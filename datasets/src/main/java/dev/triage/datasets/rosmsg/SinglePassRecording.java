package dev.triage.datasets.rosmsg;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import dev.triage.perception.spi.SpeedRecording;

import java.util.List;
import java.util.Optional;

/**
 * A recording's frames and vehicle speed read in one pass over the file ({@link SpeedSide}): what replay uses for a
 * recording that does not list its topics up front (an unindexed MCAP, a ROS 1 bag without its index), where a
 * second handle for the speed would read the whole file once more, to its end when there is no speed topic. After
 * each frame, the speed samples met before it are handed on ({@link SpeedRecording}).
 *
 * <p>The speed never costs a frame: a speed message that does not decode stops the speed there (logged); after the
 * last frame, a speed topic that was asked for ({@code --speed-topic}) but broke or never came fails the source with
 * that error, as the two-handle replay does. A recording without a speed topic simply has no speed.
 */
public final class SinglePassRecording implements FrameSource, SpeedRecording {
    private static final System.Logger LOG = System.getLogger(SinglePassRecording.class.getName());
    private final RecordedFrameSource frames;
    private final SpeedSide speeds;
    private final boolean required;
    private boolean reported;

    /**
     * @param frames   the frames, from a stream that {@code speeds} rides along
     * @param required whether the speed topic was asked for, so that its failure fails the source (at the end)
     */
    public SinglePassRecording(RecordedFrameSource frames, SpeedSide speeds, boolean required) {
        this.frames = frames;
        this.speeds = speeds;
        this.required = required;
    }

    @Override
    public Optional<Frame> next() throws SourceException {
        Optional<Frame> frame = frames.next();
        if (frame.isEmpty() && !reported) {
            reported = true;
            if (required && speeds.failure().isPresent()) {
                throw speeds.failure().get();
            }
            speeds.fault().ifPresent(e -> LOG.log(System.Logger.Level.WARNING, "no more vehicle speed: "
                    + e.getMessage()));
        }
        return frame;
    }

    @Override
    public List<SpeedSample> drainSpeedSamples() {
        return speeds.drain();
    }

    /** The frames' recording and topic, and the speed topic once met. */
    @Override
    public String describe() {
        return frames.describe() + speeds.topic().map(t -> " (speed from " + t + ")").orElse("");
    }

    @Override
    public Optional<Double> nominalFps() {
        return frames.nominalFps();
    }

    @Override
    public void close() {
        frames.close();
    }
}
