package dev.triage.perception.spi;

import dev.triage.perception.core.SpeedSample;

import java.util.List;

/**
 * A {@link FrameSource} that also recorded vehicle speed (a bag with a speedometer topic, a simulator log). Replay
 * feeds these samples to the pipeline's speed port before each frame, so the gate sees the same speed prior it saw
 * on the car. Implement it next to {@link FrameSource}; sources without speed simply do not.
 *
 * <pre>{@code
 * final class MyBagSource implements FrameSource, SpeedRecording {
 *     private final List<SpeedSample> pending = new ArrayList<>();
 *     public Optional<Frame> next() { ... on a speed message: pending.add(new SpeedSample(mps, stamp)); ... }
 *     public List<SpeedSample> drainSpeedSamples() {
 *         List<SpeedSample> out = List.copyOf(pending);
 *         pending.clear();
 *         return out;
 *     }
 * }
 * }</pre>
 */
public interface SpeedRecording {

    /**
     * The speed samples read since the last call, oldest first; called on the source's thread right after each
     * {@link FrameSource#next()}. A sample belongs to the frames stamped at or after it; samples stamped after the
     * frame just returned are fine (they wait for later frames).
     */
    List<SpeedSample> drainSpeedSamples();
}
