package dev.triage.datasets;

import dev.triage.perception.spi.FrameSource;

import java.util.List;
import java.util.Optional;

/**
 * A {@link FrameSource} that changes what another one delivers and passes the rest through: its name, its
 * nominal frame rate, its notes and its closing are the wrapped source's. Subclasses say what {@link #next()} makes
 * of the wrapped frames, and may add to {@link #describe()}.
 */
public abstract class ForwardingFrameSource implements FrameSource {
    private final FrameSource source;

    /** Wraps {@code source}; closing this closes it. */
    protected ForwardingFrameSource(FrameSource source) {
        this.source = source;
    }

    /** The wrapped source. */
    protected final FrameSource source() {
        return source;
    }

    @Override
    public String describe() {
        return source.describe();
    }

    @Override
    public Optional<Double> nominalFps() {
        return source.nominalFps();
    }

    @Override
    public List<String> notes() {
        return source.notes();
    }

    @Override
    public void close() {
        source.close();
    }
}
