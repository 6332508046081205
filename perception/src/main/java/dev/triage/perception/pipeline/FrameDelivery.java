package dev.triage.perception.pipeline;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.core.Stages;
import dev.triage.perception.image.DecodedImage;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.FrameTap;
import dev.triage.perception.spi.ResultSink;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The end of a frame's way through the {@link CameraWorker}: hands its result, or the problem that left it without
 * one, to the stats, then to every {@link ResultSink}, then to every active {@link FrameTap} with the decoded pixels.
 * A sink or tap that throws is counted ({@link PipelineStats#sinkError()}) and logged, and the others still get the
 * frame. Called on the worker's thread, in ticket order; the decoded image stays the caller's to close.
 */
final class FrameDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDelivery.class);

    private final List<ResultSink> sinks;
    private final List<FrameTap> taps;
    private final PipelineStats stats;
    private final LongSupplier clock;

    FrameDelivery(List<ResultSink> sinks, List<FrameTap> taps, PipelineStats stats, LongSupplier clock) {
        this.sinks = List.copyOf(sinks);
        this.taps = List.copyOf(taps);
        this.stats = stats;
        this.clock = clock;
    }

    /** The taps that want the next frame, asked once per frame before it is decoded. */
    List<FrameTap> activeTaps() {
        if (taps.isEmpty()) {
            return taps;
        }
        List<FrameTap> active = new ArrayList<>(taps.size());
        for (FrameTap tap : taps) {
            if (tap.isActive()) {
                active.add(tap);
            }
        }
        return active;
    }

    /** A processed frame: stats, sinks, then {@code activeTaps} with its pixels; the whole is timed as publish. */
    void result(Frame frame, PerceptionResult result, DecodedImage decoded, List<FrameTap> activeTaps) {
        stats.result(result);
        long p0 = clock.getAsLong();
        for (ResultSink sink : sinks) {
            try {
                sink.accept(result);
            } catch (IOException | RuntimeException e) {
                stats.sinkError();
                LOG.warn("result sink {} failed on frame {}: {}", sink.getClass().getSimpleName(), result.seq(),
                        e.toString());
            }
        }
        for (FrameTap tap : activeTaps) {
            try {
                tap.onResult(frame, fullBgr(decoded), result);
            } catch (IOException | RuntimeException e) {
                stats.sinkError();
                LOG.warn("frame tap {} failed on frame {}: {}", tap.getClass().getSimpleName(), result.seq(),
                        e.toString());
            }
        }
        stats.stage(Stages.PUBLISH, clock.getAsLong() - p0);
    }

    /**
     * A frame without result: counted by kind, logged when it failed (decode or inference), then told to the sinks
     * and the active taps; {@code decoded} is its decoded image when it got that far, else null.
     */
    void problem(Frame frame, FrameProblem.Kind kind, String message, DecodedImage decoded) {
        stats.problem(kind);
        FrameProblem problem = new FrameProblem(frame.seq(), frame.stampNanos(), frame.frameId(), kind, message);
        if (kind == FrameProblem.Kind.DECODE_FAILED || kind == FrameProblem.Kind.INFERENCE_FAILED) {
            LOG.warn(message);
        }
        for (ResultSink sink : sinks) {
            try {
                sink.onProblem(problem);
            } catch (IOException | RuntimeException e) {
                stats.sinkError();
            }
        }
        for (FrameTap tap : taps) {
            try {
                if (tap.isActive()) {
                    tap.onProblem(frame, Optional.ofNullable(decoded).map(this::fullBgr), problem);
                }
            } catch (IOException | RuntimeException e) {
                stats.sinkError();
            }
        }
    }

    /** The frame as full-size BGR for the taps; a conversion, when one is needed, is timed as decode.colour. */
    private Mat fullBgr(DecodedImage decoded) {
        if (decoded.converted()) {
            return decoded.bgr();
        }
        long c0 = clock.getAsLong();
        Mat bgr = decoded.bgr();
        if (decoded.converted()) {
            stats.stage(Stages.DECODE_COLOUR, clock.getAsLong() - c0);
        }
        return bgr;
    }
}
