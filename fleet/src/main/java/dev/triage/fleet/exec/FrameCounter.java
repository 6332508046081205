package dev.triage.fleet.exec;

import dev.triage.launch.wiring.SourceFactory;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

/** Counts the frames of a recording by reading it once (the planning pass for recordings that are split). */
public final class FrameCounter {
    private FrameCounter() {
    }

    /** Frames in {@code spec} up to its end or its first error. */
    public static long count(String spec) throws SourceException {
        long frames = 0;
        try (FrameSource source = SourceFactory.open(spec)) {
            while (true) {
                try {
                    if (source.next().isEmpty()) {
                        return frames;
                    }
                } catch (SourceException e) {
                    return frames; // the task that owns the broken part reports the error
                }
                frames++;
            }
        }
    }
}
