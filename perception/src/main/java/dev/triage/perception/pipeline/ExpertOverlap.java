package dev.triage.perception.pipeline;

import dev.triage.perception.image.DecodedImage;
import dev.triage.perception.image.InputSize;
import dev.triage.perception.image.TensorPreprocessor;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Speculative expert execution for one-lane delivery (live and lossless): while the worker thread preprocesses the
 * frame for the gate, classifies it and routes it, a second thread already runs the expert that the previous frame's
 * routing chose first. The gate's context has hysteresis and dwell, so that guess is nearly always right, and the
 * gate's cost leaves the frame's latency. Outputs are the same as sequential execution: the routing still decides
 * which experts a frame gets, with the same remaining budget (it runs at the same point of the frame), an expert
 * run that the routing did not choose is discarded (and waited for, because experts are not thread-safe), and the
 * outputs keep the routing's order.
 *
 * <p>Owns the second thread and its own tensor buffers (the worker's preprocessor is not shared).
 */
final class ExpertOverlap implements AutoCloseable {
    private final ExecutorService thread;
    private final TensorPreprocessor preprocessor = new TensorPreprocessor();
    private final LongSupplier clock;
    private final PipelineStats stats;

    ExpertOverlap(String workerName, PipelineStats stats, LongSupplier clock) {
        this.clock = clock;
        this.stats = stats;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, workerName + "-expert");
            t.setDaemon(true);
            return t;
        });
    }

    /** A speculative run in flight. */
    final class Pending {
        private final ExpertSlot slot;
        private final Future<ExpertRun> future;
        private ExpertRun done;

        private Pending(ExpertSlot slot, Future<ExpertRun> future) {
            this.slot = slot;
            this.future = future;
        }

        /** The slot being run. */
        ExpertSlot slot() {
            return slot;
        }

        /**
         * Waits for the run to end, whatever the caller's interrupt status (the expert reads {@code image} and its
         * network may be needed next), and returns it. An {@link Error} thrown by the expert is rethrown here.
         */
        ExpertRun await() {
            if (done == null) {
                done = waitForRun();
            }
            return done;
        }

        private ExpertRun waitForRun() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return future.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof Error error) {
                            throw error;
                        }
                        throw new IllegalStateException("expert " + slot.name() + " failed on the overlap thread",
                                e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Pays the first preprocessing calls' lazy set-up on the second thread, before the first frame; only then do the
     * preprocessing sub-steps report to the stats, so that the warm-up's resizes are not counted as frames'.
     */
    void warmUp(List<InputSize> sizes) {
        Mat blank = Mat.zeros(480, 640, CvType.CV_8UC3);
        try {
            thread.submit(() -> {
                sizes.forEach(size -> preprocessor.toTensor(blank, size));
                preprocessor.setStepTimes(stats::stage);
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("preprocessing warm-up failed", e.getCause());
        } finally {
            blank.release();
        }
    }

    /**
     * Starts the expert of {@code slot} that {@code choice} names on {@code image} on the second thread; {@code image}
     * must stay open until then.
     */
    Pending start(ExpertSlot slot, UnderLoadSizing.Choice choice, DecodedImage image) {
        return new Pending(slot, thread.submit(() -> ExpertRun.of(slot, choice, image, preprocessor, clock)));
    }

    /** Stops the second thread (after a run in flight) and releases the tensor buffers. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        preprocessor.close();
    }
}
