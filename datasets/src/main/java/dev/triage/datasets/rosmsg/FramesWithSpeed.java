package dev.triage.datasets.rosmsg;

import dev.triage.datasets.ForwardingFrameSource;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.SpeedSample;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import dev.triage.perception.spi.SpeedRecording;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recording's frames coupled with its recorded vehicle speed: what the one-pass coupling
 * ({@link SinglePassRecording}) and the two-handle one (launch's {@code RecordedSpeed}) share. After each frame the
 * speed samples read for it wait here until replay's pump drains them ({@link SpeedRecording}). The speed never costs
 * a frame; once the frames end, a speed topic that was asked for ({@code --speed-topic}) but broke or never came
 * fails the source with the speed's error. Subclasses say how speed samples are read and why the speed stopped.
 */
public abstract class FramesWithSpeed extends ForwardingFrameSource implements SpeedRecording {
    private final boolean required;
    private final List<SpeedSample> pending = new ArrayList<>();
    private boolean ended;

    /**
     * @param frames   the recording's frames (closed with this source)
     * @param required whether the speed topic was asked for, so that its failure fails the source (at the end)
     */
    protected FramesWithSpeed(FrameSource frames, boolean required) {
        super(frames);
        this.required = required;
    }

    @Override
    public final Optional<Frame> next() throws SourceException {
        Optional<Frame> frame = source().next();
        readSpeed(frame.map(Frame::stampNanos).orElse(Long.MAX_VALUE));
        if (frame.isEmpty()) {
            Optional<SourceException> failure = speedFailure();
            if (required && failure.isPresent()) {
                throw failure.get();
            }
            if (!ended) {
                ended = true;
                framesEnded();
            }
        }
        return frame;
    }

    /**
     * Reads the speed samples that go with a frame stamped {@code untilNanos} ({@code Long.MAX_VALUE} after the last
     * frame) and hands them to {@link #offer}. Never throws: a broken speed stream stops the speed only.
     */
    protected abstract void readSpeed(long untilNanos);

    /** Why the speed stopped or never came, if it did: what a required speed topic fails the source with. */
    protected abstract Optional<SourceException> speedFailure();

    /** The speed topic, once known. */
    protected abstract Optional<String> speedTopic();

    /** Called once when the frames have ended without a required speed failure. */
    protected void framesEnded() {
    }

    /** Releases the speed stream, after the frames were closed. */
    protected void closeSpeed() {
    }

    /** Whether the speed topic was asked for. */
    protected final boolean required() {
        return required;
    }

    /** A speed sample for replay's pump, which drains it after the frame. */
    protected final void offer(SpeedSample sample) {
        pending.add(sample);
    }

    @Override
    public final List<SpeedSample> drainSpeedSamples() {
        List<SpeedSample> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    /** The frames' recording and topic, and the speed topic once known. */
    @Override
    public final String describe() {
        return super.describe() + speedTopic().map(t -> " (speed from " + t + ")").orElse("");
    }

    @Override
    public final void close() {
        try {
            super.close();
        } finally {
            closeSpeed();
        }
    }
}
