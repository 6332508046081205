package dev.triage.perception.pipeline;

import dev.triage.perception.spi.FrameSource;

/**
 * Offline replay: runs one source through one {@link CameraPipeline} until the source ends. A pump thread
 * ({@link SourcePump}) feeds the pipeline's ports; the pipeline's worker thread processes.
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
     * {@link PipelineSettings.Delivery#LOSSLESS} it runs as fast as the worker allows, and with
     * {@link PipelineSettings.Delivery#THROUGHPUT} as fast as the worker's lanes allow.
     *
     * @param workerBuilder gate, experts, policy, sinks and taps; the pipeline adds the rest
     */
    public static ReplayRun replay(FrameSource source, CameraWorker.Builder workerBuilder, PipelineSettings settings,
                                   long maxFrames) throws InterruptedException {
        boolean realtime = settings.delivery() == PipelineSettings.Delivery.LATEST_ONLY;
        try (CameraPipeline pipeline = CameraPipeline.create(settings, workerBuilder)) {
            SourcePump pump = new SourcePump(source, pipeline, realtime, maxFrames);
            Thread pumpThread = new Thread(pump, "triage-source");
            pipeline.start(WorkerThreads.plain());
            pumpThread.start();
            try {
                pumpThread.join();
                pipeline.awaitWorker();
            } catch (InterruptedException e) {
                pump.requestStop();
                pipeline.close();
                pumpThread.join();
                throw e;
            }
            return new ReplayRun(pipeline.summary(), pump.failure());
        }
    }
}
