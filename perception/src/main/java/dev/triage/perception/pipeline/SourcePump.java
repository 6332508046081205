package dev.triage.perception.pipeline;

import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import dev.triage.perception.spi.SpeedRecording;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Replay's host of a {@link CameraPipeline}: moves frames from a {@link FrameSource} into the pipeline's frame port
 * on its own thread. In real-time mode it paces frames by their recorded stamps and offers them (a busy worker loses
 * the older frame, as on the car); otherwise it waits for the worker and loses nothing. A source that also recorded
 * speed ({@link SpeedRecording}) has its samples fed to the speed port before each frame. Closes the frame port
 * when the source ends or fails.
 */
public final class SourcePump implements Runnable {
    private final FrameSource source;
    private final FramePort frames;
    private final SpeedPort speed;
    private final boolean realtime;
    private final long maxFrames;
    private final LongSupplier clock = System::nanoTime;
    private volatile SourceException failure;
    private volatile boolean stopRequested;

    /**
     * @param maxFrames stop after this many frames; {@link Long#MAX_VALUE} for the whole source
     */
    public SourcePump(FrameSource source, CameraPipeline pipeline, boolean realtime, long maxFrames) {
        this.source = source;
        this.frames = pipeline.frames();
        this.speed = pipeline.speed();
        this.realtime = realtime;
        this.maxFrames = maxFrames;
    }

    @Override
    public void run() {
        long firstStamp = 0;
        long firstMono = 0;
        long count = 0;
        try {
            while (!stopRequested && count < maxFrames) {
                Optional<Frame> next = source.next();
                if (next.isEmpty()) {
                    break;
                }
                Frame frame = next.get();
                if (source instanceof SpeedRecording recording) {
                    recording.drainSpeedSamples().forEach(speed::accept);
                }
                if (realtime) {
                    if (count == 0) {
                        firstStamp = frame.stampNanos();
                        firstMono = clock.getAsLong();
                    }
                    long due = firstMono + Math.max(0, frame.stampNanos() - firstStamp);
                    sleepUntil(due);
                    frames.offer(withCapture(frame, clock.getAsLong()));
                } else if (!frames.put(withCapture(frame, clock.getAsLong()))) {
                    break;
                }
                count++;
            }
        } catch (SourceException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            frames.close();
        }
    }

    /** Asks the pump to stop after the current frame. */
    public void requestStop() {
        stopRequested = true;
    }

    /** The error that ended the source early, if any. */
    public Optional<SourceException> failure() {
        return Optional.ofNullable(failure);
    }

    private void sleepUntil(long dueNanos) throws InterruptedException {
        long wait = dueNanos - clock.getAsLong();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static Frame withCapture(Frame frame, long monoNanos) {
        return new Frame(frame.seq(), frame.stampNanos(), monoNanos, frame.frameId(), frame.image(), frame.truth());
    }
}
