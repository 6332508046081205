package dev.triage.datasets;

import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How the source tests read a recording: every frame to the end, or up to a fault with the frames before it kept. */
public final class SourceReads {
    private SourceReads() {
    }

    /** Every frame of {@code source} up to its end, in order; the source stays open. */
    public static List<Frame> readAll(FrameSource source) throws SourceException {
        return readInto(source, new ArrayList<>());
    }

    /**
     * Adds every frame of {@code source} to {@code frames} up to its end, so that a test expecting a fault still has the
     * frames read before it.
     *
     * @return {@code frames}
     */
    public static List<Frame> readInto(FrameSource source, List<Frame> frames) throws SourceException {
        for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
            frames.add(f.get());
        }
        return frames;
    }
}
