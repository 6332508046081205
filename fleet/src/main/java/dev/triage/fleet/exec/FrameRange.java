package dev.triage.fleet.exec;

import dev.triage.datasets.ForwardingFrameSource;
import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.util.Optional;

/**
 * A recording from its {@code first}-th frame on (a chunk of a split recording): the frames before are read and
 * discarded, never processed. The end of the range is the replay's frame limit.
 */
final class FrameRange extends ForwardingFrameSource {
    private long toSkip;

    FrameRange(FrameSource source, long first) {
        super(source);
        this.toSkip = first;
    }

    @Override
    public Optional<Frame> next() throws SourceException {
        while (toSkip > 0) {
            toSkip--;
            if (source().next().isEmpty()) {
                return Optional.empty();
            }
        }
        return source().next();
    }
}
