package dev.triage.ros2.dds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer program (C or C++) running beside the test: its stdout and stderr are collected line by line on a thread
 * of their own, so the test can look at the process (its sockets, {@link #waitForLine}) while it runs.
 */
public final class PeerProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread collector;

    private PeerProcess(Process process) {
        this.process = process;
        this.collector = new Thread(this::collect, "peer output " + process.pid());
        collector.setDaemon(true);
        collector.start();
    }

    /** Starts {@code executable args...} with {@code env} added to this JVM's environment. */
    public static PeerProcess start(Path executable, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new PeerProcess(pb.start());
    }

    private void collect() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(l);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process id (for its sockets, or a signal). */
    public long pid() {
        return process.pid();
    }

    /** Waits up to {@code timeoutMs} for a line starting with {@code prefix}; true when it came. */
    public boolean waitForLine(String prefix, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        synchronized (lines) {
            while (lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                long left = end - System.currentTimeMillis();
                if (left <= 0 || !collector.isAlive()) {
                    return lines.stream().anyMatch(l -> l.startsWith(prefix));
                }
                lines.wait(Math.min(left, 100));
            }
            return true;
        }
    }

    /** Waits for the peer to exit (at most {@code timeoutS}), asserts exit status 0 and returns its output. */
    public List<String> finish(long timeoutS) throws InterruptedException {
        assertTrue(process.waitFor(timeoutS, TimeUnit.SECONDS), "peer still running after " + timeoutS + " s");
        collector.join(5000);
        List<String> out = output();
        assertEquals(0, process.exitValue(), "peer exit status; output:\n" + String.join("\n", out));
        return out;
    }

    /** The lines printed so far. */
    public List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Kills the peer if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
