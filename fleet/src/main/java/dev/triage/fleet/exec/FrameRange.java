package dev.triage.fleet.exec;

import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.util.Optional;

/**
 * A recording from its {@code first}-th frame on (a chunk of a split recording): the frames before are read and
 * discarded, never processed. The end of the range is the replay's frame limit.
 */
final class FrameRange implements FrameSource {
    private final FrameSource source;
    private long toSkip;

    FrameRange(FrameSource source, long first) {
        this.source = source;
        this.toSkip = first;
    }

    @Override
    public Optional<Frame> next() throws SourceException {
        while (toSkip > 0) {
            toSkip--;
            if (source.next().isEmpty()) {
                return Optional.empty();
            }
        }
        return source.next();
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
    public void close() {
        source.close();
    }
}
