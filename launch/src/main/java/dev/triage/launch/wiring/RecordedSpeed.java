package dev.triage.launch.wiring;

import dev.triage.datasets.rosmsg.FramesWithSpeed;
import dev.triage.datasets.rosmsg.SpeedSource;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import dev.triage.perception.spi.SpeedRecording;

import java.util.Optional;

/**
 * A recording's frames together with its recorded vehicle speed, read from the same recording through a second
 * handle ({@link SpeedSource}): after each frame, the speed samples stamped up to that frame (and the first one
 * after it) are handed to replay's pump ({@link SpeedRecording}), which feeds them to the pipeline's speed port, so
 * the gate's speed prior acts in replay as it did in the node. The speed stream never costs a frame: when it breaks
 * (a cut file, or an unindexed recording that turns out to have no speed topic) speed stops there; the frames carry
 * on until their own stream ends or breaks, and a speed topic that was asked for ({@code --speed-topic}) then fails
 * the replay with the speed stream's error, after every frame ({@link FramesWithSpeed}).
 */
public final class RecordedSpeed extends FramesWithSpeed {
    private static final System.Logger LOG = System.getLogger(RecordedSpeed.class.getName());
    private final SpeedSource speeds;
    private boolean speedsEnded;
    private long lastReadStamp = Long.MIN_VALUE;
    private SourceException speedError;

    /**
     * Couples {@code frames} with {@code speeds} of the same recording; closing this closes both.
     *
     * @param required whether the speed topic was asked for, so that its failure fails the replay (at the end)
     */
    public RecordedSpeed(FrameSource frames, SpeedSource speeds, boolean required) {
        super(frames, required);
        this.speeds = speeds;
    }

    /** Reads samples up to the frame's stamp and the first one after it. */
    @Override
    protected void readSpeed(long untilNanos) {
        while (!speedsEnded && lastReadStamp <= untilNanos) {
            Optional<SpeedSample> s;
            try {
                s = speeds.next();
            } catch (SourceException e) {
                speedError = e;
                s = Optional.empty();
                if (!required()) {
                    LOG.log(System.Logger.Level.WARNING, "no more vehicle speed from " + speeds.describe() + ": "
                            + e.getMessage());
                }
            }
            if (s.isEmpty()) {
                speedsEnded = true;
            } else {
                offer(s.get());
                lastReadStamp = s.get().stampNanos();
            }
        }
    }

    @Override
    protected Optional<SourceException> speedFailure() {
        return Optional.ofNullable(speedError);
    }

    /** The speed topic of the second handle. */
    @Override
    protected Optional<String> speedTopic() {
        return speeds.topic();
    }

    @Override
    protected void closeSpeed() {
        speeds.close();
    }
}
