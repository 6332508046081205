package dev.triage.fleet.exec;

import dev.triage.launch.config.TriageConfig;
import dev.triage.launch.wiring.PerceptionStack;
import dev.triage.launch.wiring.StackFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loaded models of one executor JVM, reused across its tasks. A task borrows a stack for its configuration and
 * gives it back; a stack is loaded only when every loaded one is busy, so an executor with {@code n} task slots loads
 * at most {@code n} stacks per configuration however many tasks it runs. Models are not thread-safe (one runner each),
 * hence one stack per concurrent task rather than one per JVM. All stacks are closed when the JVM ends (shutdown
 * hook), or when Spark stops the executor ({@code FleetPlugin}).
 */
public final class StackPool {
    private static final Logger LOG = LoggerFactory.getLogger(StackPool.class);
    private static final StackPool SHARED = withShutdownHook(new StackPool());

    private final Map<String, Deque<PerceptionStack>> idle = new HashMap<>();
    private final List<PerceptionStack> all = new ArrayList<>();
    private final AtomicLong loads = new AtomicLong();
    private boolean closed;

    StackPool() {
    }

    /** The pool of this JVM (created with the class, when the first task of the executor runs). */
    public static StackPool shared() {
        return SHARED;
    }

    private static StackPool withShutdownHook(StackPool pool) {
        Runtime.getRuntime().addShutdownHook(new Thread(pool::close, "triage-fleet-stacks"));
        return pool;
    }

    /** A stack for {@code key}: an idle one, or a freshly loaded one. Give it back with {@link #release}. */
    public PerceptionStack borrow(String key, TriageConfig config, java.nio.file.Path home)
            throws StackFactory.StackException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the executor is shutting down");
            }
            Deque<PerceptionStack> free = idle.get(key);
            if (free != null && !free.isEmpty()) {
                return free.pop();
            }
        }
        PerceptionStack stack = StackFactory.create(config, home); // outside the lock: loading takes seconds
        loads.incrementAndGet();
        synchronized (this) {
            all.add(stack);
        }
        LOG.info("fleet: loaded models for configuration #{} of this executor", loads.get());
        return stack;
    }

    /** Returns a borrowed stack for reuse by the next task. */
    public synchronized void release(String key, PerceptionStack stack) {
        if (!all.contains(stack)) {
            return; // closed meanwhile by closeStacks
        }
        idle.computeIfAbsent(key, k -> new ArrayDeque<>()).push(stack);
    }

    /** Model loads in this JVM so far. */
    public long loads() {
        return loads.get();
    }

    /** Stacks loaded and not yet closed. */
    public synchronized int openStacks() {
        return all.size();
    }

    /**
     * Closes every stack when the executor stops (its tasks are done); a later job in the same JVM (local mode)
     * loads afresh.
     */
    public synchronized void closeStacks() {
        for (PerceptionStack stack : all) {
            try {
                stack.close();
            } catch (RuntimeException e) {
                LOG.warn("fleet: closing models: {}", e.getMessage());
            }
        }
        all.clear();
        idle.clear();
    }

    /** Closes every stack for good (JVM shutdown); later borrows fail. */
    public synchronized void close() {
        closed = true;
        closeStacks();
    }
}
