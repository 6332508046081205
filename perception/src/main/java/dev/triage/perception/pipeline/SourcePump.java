package dev.triage.perception.pipeline;

import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Moves frames from a {@link FrameSource} into the mailbox on its own thread. In real-time mode it paces frames by
 * their recorded stamps and offers them (a busy worker loses the older frame, as on the car); otherwise it waits
 * for the worker and loses nothing. Closes the mailbox when the source ends or fails.
 */
public final class SourcePump implements Runnable {
    private final FrameSource source;
    private final LatestFrameMailbox mailbox;
    private final PipelineStats stats;
    private final boolean realtime;
    private final long maxFrames;
    private final LongSupplier clock = System::nanoTime;
    private volatile SourceException failure;
    private volatile boolean stopRequested;

    /**
     * @param maxFrames stop after this many frames; {@link Long#MAX_VALUE} for the whole source
     */
    public SourcePump(FrameSource source, LatestFrameMailbox mailbox, PipelineStats stats, boolean realtime,
                      long maxFrames) {
        this.source = source;
        this.mailbox = mailbox;
        this.stats = stats;
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
                stats.frameIn();
                if (realtime) {
                    if (count == 0) {
                        firstStamp = frame.stampNanos();
                        firstMono = clock.getAsLong();
                    }
                    long due = firstMono + Math.max(0, frame.stampNanos() - firstStamp);
                    sleepUntil(due);
                    mailbox.offer(withCapture(frame, clock.getAsLong()));
                } else if (!mailbox.put(withCapture(frame, clock.getAsLong()))) {
                    break;
                }
                count++;
            }
        } catch (SourceException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            mailbox.close();
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
