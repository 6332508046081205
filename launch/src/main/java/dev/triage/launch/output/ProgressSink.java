package dev.triage.launch.output;

import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.ResultSink;

import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A one-line progress bar on a terminal: frames done, problems, frame rate and the current context.
 * Redraws at most five times a second; prints nothing when {@code out} is not a terminal (the caller decides).
 */
public final class ProgressSink implements ResultSink {
    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintStream out;
    private final OptionalLong total;
    private final long start = System.nanoTime();
    private long done;
    private long problems;
    private long lastDraw;
    private String scene = "-";

    /**
     * @param out   where to draw (standard error of a terminal)
     * @param total expected frames, when known
     */
    public ProgressSink(PrintStream out, OptionalLong total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public void accept(PerceptionResult result) {
        done++;
        scene = result.context().scene();
        maybeDraw();
    }

    @Override
    public void onProblem(FrameProblem problem) {
        problems++;
        maybeDraw();
    }

    private void maybeDraw() {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(now);
    }

    private void draw(long now) {
        double fps = done / Math.max(1e-9, (now - start) / 1e9);
        long seen = done + problems;
        String bar = "";
        if (total.isPresent() && total.getAsLong() > 0) {
            int width = 30;
            int filled = (int) Math.min(width, width * seen / total.getAsLong());
            bar = "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] ";
        }
        out.printf(Locale.ROOT, "\r%s%d%s frames  %d problems  %.1f fps  %s   ", bar, seen,
                total.isPresent() ? "/" + total.getAsLong() : "", problems, fps, scene);
        out.flush();
    }

    @Override
    public void close() {
        draw(System.nanoTime());
        out.println();
    }
}
