package dev.triage.perception.pipeline;

import java.util.function.BooleanSupplier;

/**
 * How a {@link CameraPipeline} gets its worker thread: the host's thread policy. A ROS node passes its policy
 * (a worker that dies is logged, counted as {@code errors.thread_died} and restarted; an OutOfMemoryError ends the
 * process with status 3); replay uses {@link #plain()}.
 *
 * <pre>{@code
 * pipeline.start((name, loop, wanted) -> threadPolicy.supervise(name, loop, wanted));
 * }</pre>
 */
@FunctionalInterface
public interface WorkerThreads {

    /**
     * A thread, not yet started, that runs {@code loop}; a policy may run it again after a failure while
     * {@code wanted} is true.
     */
    Thread supervise(String name, Runnable loop, BooleanSupplier wanted);

    /** A plain thread that runs the loop once; an error ends it (replay: the run ends with what was processed). */
    static WorkerThreads plain() {
        return (name, loop, wanted) -> new Thread(loop, name);
    }
}
