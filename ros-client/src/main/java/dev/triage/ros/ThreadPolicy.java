package dev.triage.ros;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What happens when a long-lived thread fails. Every thread the ROS client and the node runtime start is made
 * here, so none can die silently:
 * <ul>
 *   <li>an exception that escapes a thread is logged with its stack and counted ({@link #threadsDied()}, shown as
 *   {@code errors.thread_died} in /diagnostics);</li>
 *   <li>a loop started with {@link #supervise} is started again after a pause (100 ms, doubling to 5 s) for as long
 *   as it is still wanted;</li>
 *   <li>an {@link OutOfMemoryError} anywhere is fatal: the {@link Fatal} handler runs, by default one line on stderr
 *   and {@code Runtime.halt(3)}, so that roslaunch {@code respawn="true"} or systemd start a fresh node instead of
 *   one that lives on blind with half its threads gone.</li>
 * </ul>
 * One policy per {@link RosNode}; {@link #installAsDefault()} makes it the JVM's default handler too (for threads
 * started by libraries), which the node launcher does.
 *
 * <pre>{@code
 * ThreadPolicy policy = ThreadPolicy.exitOnOutOfMemory();
 * Thread t = policy.supervise("camera-poll", this::pollOnce, () -> !closed);
 * }</pre>
 */
public final class ThreadPolicy {

    /** Exit status after an OutOfMemoryError (the JVM's own {@code -XX:+ExitOnOutOfMemoryError} uses 3 too). */
    public static final int OUT_OF_MEMORY_EXIT = 3;

    private static final System.Logger LOG = System.getLogger(ThreadPolicy.class.getName());
    private static final long MIN_PAUSE_MS = 100;
    private static final long MAX_PAUSE_MS = 5000;

    /** Called once for an OutOfMemoryError; must not return normally in production (it ends the process). */
    @FunctionalInterface
    public interface Fatal {
        void outOfMemory(Thread thread, Throwable error);
    }

    private final Fatal fatal;
    private final AtomicLong died = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();

    /** A policy whose OutOfMemoryErrors go to {@code fatal} (tests pass a recorder). */
    public ThreadPolicy(Fatal fatal) {
        this.fatal = fatal;
    }

    /** The production policy: an OutOfMemoryError ends the process with status {@value #OUT_OF_MEMORY_EXIT}. */
    public static ThreadPolicy exitOnOutOfMemory() {
        return new ThreadPolicy((thread, error) -> {
            try {
                System.err.println("triage: " + error + " in thread " + thread.getName() + "; exiting with status "
                        + OUT_OF_MEMORY_EXIT + " so that roslaunch respawn or systemd restarts the node");
                System.err.flush();
            } finally {
                Runtime.getRuntime().halt(OUT_OF_MEMORY_EXIT);
            }
        });
    }

    /** Makes this policy the JVM's default uncaught-exception handler (threads of libraries included). */
    public void installAsDefault() {
        Thread.setDefaultUncaughtExceptionHandler(this::uncaught);
    }

    /** A daemon thread running {@code body} once, with this policy's handler; not started. */
    public Thread newThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(this::uncaught);
        return t;
    }

    /** As {@link #newThread}, started. */
    public Thread start(String name, Runnable body) {
        Thread t = newThread(name, body);
        t.start();
        return t;
    }

    /**
     * A daemon thread that runs {@code loop} and, when it throws, logs and counts the death and runs it again after
     * a pause, as long as {@code wanted} is true (a loop that returns normally is done). Not started. The signature is
     * that of the camera pipeline's {@code WorkerThreads}, so {@code policy::supervise} is one.
     */
    public Thread supervise(String name, Runnable loop, BooleanSupplier wanted) {
        return newThread(name, () -> {
            long pause = MIN_PAUSE_MS;
            while (true) {
                try {
                    loop.run();
                    return;
                } catch (Throwable e) {
                    uncaught(Thread.currentThread(), e);
                }
                if (!wanted.getAsBoolean()) {
                    return;
                }
                restarts.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "restarting thread " + name + " in " + pause + " ms");
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
                if (!wanted.getAsBoolean()) {
                    return;
                }
                pause = Math.min(MAX_PAUSE_MS, pause * 2);
            }
        });
    }

    /** The handler: OutOfMemoryError is fatal; anything else is logged with its stack and counted. */
    public void uncaught(Thread thread, Throwable error) {
        if (isOutOfMemory(error)) {
            died.incrementAndGet();
            fatal.outOfMemory(thread, error);
            return;
        }
        long n = died.incrementAndGet();
        LOG.log(System.Logger.Level.ERROR, "thread " + thread.getName() + " died (" + n + " so far): " + error,
                error);
    }

    private static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Threads that died of an exception (each restart of a supervised loop follows one). */
    public long threadsDied() {
        return died.get();
    }

    /** Supervised loops started again. */
    public long restarts() {
        return restarts.get();
    }
}
