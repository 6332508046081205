package dev.triage.perception.spi;

import dev.triage.perception.core.PerceptionResult;

import java.io.IOException;

/**
 * Receives every result and every frame problem, on the worker thread, in frame order.
 * A sink that throws is counted and the pipeline carries on.
 *
 * <pre>{@code
 * ResultSink printer = result -> System.out.println(result.seq() + " " + result.context().scene());
 * }</pre>
 */
public interface ResultSink extends AutoCloseable {

    /** One processed frame. */
    void accept(PerceptionResult result) throws IOException;

    /** A frame that produced no result, and why. */
    default void onProblem(FrameProblem problem) throws IOException {
    }

    @Override
    default void close() throws IOException {
    }
}
