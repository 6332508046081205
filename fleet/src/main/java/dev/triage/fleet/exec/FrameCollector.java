package dev.triage.fleet.exec;

import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.ResultSink;

import java.util.ArrayList;
import java.util.List;

/** Keeps every result of one task's replay as a {@link FrameRecord}, in frame order. */
final class FrameCollector implements ResultSink {
    private final List<FrameRecord> frames = new ArrayList<>();

    @Override
    public void accept(PerceptionResult result) {
        frames.add(FrameRecord.of(result));
    }

    List<FrameRecord> frames() {
        return frames;
    }
}
