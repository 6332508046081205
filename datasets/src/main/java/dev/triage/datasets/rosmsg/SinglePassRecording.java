package dev.triage.datasets.rosmsg;

import dev.triage.perception.spi.SourceException;

import java.util.Optional;

/**
 * A recording's frames and vehicle speed read in one pass over the file ({@link SpeedSide}): what replay uses for a
 * recording that does not list its topics up front (an unindexed MCAP, a ROS 1 bag without its index), where a
 * second handle for the speed would read the whole file once more, to its end when there is no speed topic. After
 * each frame, the speed samples met before it are handed on ({@link FramesWithSpeed}).
 *
 * <p>The speed never costs a frame: a speed message that does not decode stops the speed there (logged when the
 * frames end); after the last frame, a speed topic that was asked for ({@code --speed-topic}) but broke or never came
 * fails the source with that error, as the two-handle replay does. A recording without a speed topic simply has no
 * speed.
 */
public final class SinglePassRecording extends FramesWithSpeed {
    private static final System.Logger LOG = System.getLogger(SinglePassRecording.class.getName());
    private final SpeedSide speeds;

    /**
     * @param frames   the frames, from a stream that {@code speeds} rides along
     * @param required whether the speed topic was asked for, so that its failure fails the source (at the end)
     */
    SinglePassRecording(RecordedFrameSource frames, SpeedSide speeds, boolean required) {
        super(frames, required);
        this.speeds = speeds;
    }

    /** The side has already decoded the samples met while the frame was read. */
    @Override
    protected void readSpeed(long untilNanos) {
        speeds.drain().forEach(this::offer);
    }

    @Override
    protected Optional<SourceException> speedFailure() {
        return speeds.failure();
    }

    @Override
    protected Optional<String> speedTopic() {
        return speeds.topic();
    }

    @Override
    protected void framesEnded() {
        speeds.fault().ifPresent(e -> LOG.log(System.Logger.Level.WARNING, "no more vehicle speed: "
                + e.getMessage()));
    }
}
