package dev.triage.launch.wiring;

import dev.triage.datasets.rosmsg.SpeedSource;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import dev.triage.perception.spi.SpeedRecording;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recording's frames together with its recorded vehicle speed, read from the same recording through a second
 * handle ({@link SpeedSource}): after each frame, the speed samples stamped up to that frame (and the first one
 * after it) are handed to replay's pump ({@link SpeedRecording}), which feeds them to the pipeline's speed port, so
 * the gate's speed prior acts in replay as it did in the node. The speed stream never costs a frame: when it breaks
 * (a cut file, or an unindexed recording that turns out to have no speed topic) speed stops there; the frames carry
 * on until their own stream ends or breaks, and a speed topic that was asked for ({@code --speed-topic}) then fails
 * the replay with the speed stream's error, after every frame.
 */
public final class RecordedSpeed implements FrameSource, SpeedRecording {
    private static final System.Logger LOG = System.getLogger(RecordedSpeed.class.getName());
    private final FrameSource frames;
    private final SpeedSource speeds;
    private final List<SpeedSample> pending = new ArrayList<>();
    private final boolean required;
    private boolean speedsEnded;
    private long lastReadStamp = Long.MIN_VALUE;
    private SourceException speedError;

    /**
     * Couples {@code frames} with {@code speeds} of the same recording; closing this closes both.
     *
     * @param required whether the speed topic was asked for, so that its failure fails the replay (at the end)
     */
    public RecordedSpeed(FrameSource frames, SpeedSource speeds, boolean required) {
        this.frames = frames;
        this.speeds = speeds;
        this.required = required;
    }

    @Override
    public Optional<Frame> next() throws SourceException {
        Optional<Frame> frame = frames.next();
        long until = frame.map(Frame::stampNanos).orElse(Long.MAX_VALUE);
        while (!speedsEnded && lastReadStamp <= until) {
            Optional<SpeedSample> s;
            try {
                s = speeds.next();
            } catch (SourceException e) {
                speedError = e;
                s = Optional.empty();
                if (!required) {
                    LOG.log(System.Logger.Level.WARNING, "no more vehicle speed from " + speeds.describe() + ": "
                            + e.getMessage());
                }
            }
            if (s.isEmpty()) {
                speedsEnded = true;
            } else {
                pending.add(s.get());
                lastReadStamp = s.get().stampNanos();
            }
        }
        if (frame.isEmpty() && speedError != null && required) {
            throw speedError;
        }
        return frame;
    }

    @Override
    public List<SpeedSample> drainSpeedSamples() {
        List<SpeedSample> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    /** The recording, and its speed topic. */
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
        try {
            frames.close();
        } finally {
            speeds.close();
        }
    }
}
