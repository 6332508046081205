package dev.triage.perception.pipeline;

import dev.triage.perception.spi.FrameSource;

/**
 * Runs one source through one camera worker until the source ends: a pump thread feeds the mailbox and the
 * worker thread processes. Used by offline replay; a live node wires a source callback to the mailbox instead.
 *
 * <pre>{@code
 * ReplayRun run = Pipeline.replay(source, workerBuilder, settings, Long.MAX_VALUE);
 * }</pre>
 */
public final class Pipeline {

    private Pipeline() {
    }

    /**
     * Replays {@code source} to its end (or {@code maxFrames}) and returns the outcome. With
     * {@link PipelineSettings.Delivery#LATEST_ONLY} the source is paced by its stamps (real time); with
     * {@link PipelineSettings.Delivery#LOSSLESS} it runs as fast as the worker allows. The builder's settings,
     * mailbox and stats are supplied here.
     */
    public static ReplayRun replay(FrameSource source, CameraWorker.Builder workerBuilder, PipelineSettings settings,
                                   long maxFrames) throws InterruptedException {
        boolean realtime = settings.delivery() == PipelineSettings.Delivery.LATEST_ONLY;
        LatestFrameMailbox mailbox = new LatestFrameMailbox();
        PipelineStats stats = new PipelineStats(settings.budgetNanos());
        SourcePump pump = new SourcePump(source, mailbox, stats, realtime, maxFrames);
        try (CameraWorker worker = workerBuilder.setSettings(settings).setMailbox(mailbox).setStats(stats).build()) {
            Thread pumpThread = new Thread(pump, "triage-source");
            Thread workerThread = new Thread(worker, "triage-worker");
            pumpThread.start();
            workerThread.start();
            try {
                pumpThread.join();
                workerThread.join();
            } catch (InterruptedException e) {
                pump.requestStop();
                worker.requestStop();
                mailbox.close();
                pumpThread.join();
                workerThread.join();
                throw e;
            }
        }
        return new ReplayRun(stats.summary(), pump.failure());
    }
}
