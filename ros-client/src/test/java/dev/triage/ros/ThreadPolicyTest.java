package dev.triage.ros;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadPolicyTest {

    @Test
    void aSupervisedLoopThatThrowsIsCountedAndRestarted() throws Exception {
        List<Throwable> fatal = new CopyOnWriteArrayList<>();
        ThreadPolicy policy = new ThreadPolicy((t, e) -> fatal.add(e));
        AtomicInteger runs = new AtomicInteger();
        Thread t = policy.supervise("flaky", () -> {
            if (runs.incrementAndGet() <= 2) {
                throw new IllegalStateException("boom " + runs.get());
            }
        }, () -> true);
        t.start();
        t.join(5000);
        assertEquals(3, runs.get(), "ran until it returned normally");
        assertEquals(2, policy.threadsDied());
        assertEquals(2, policy.restarts());
        assertTrue(fatal.isEmpty());
    }

    @Test
    void outOfMemoryIsFatalAndAPlainThreadDeathIsCounted() throws Exception {
        List<String> fatal = new CopyOnWriteArrayList<>();
        ThreadPolicy policy = new ThreadPolicy((t, e) -> fatal.add(t.getName() + ": " + e.getMessage()));
        Thread oom = policy.start("hungry", () -> {
            throw new OutOfMemoryError("Java heap space");
        });
        oom.join(5000);
        assertEquals(List.of("hungry: Java heap space"), fatal);
        Thread plain = policy.start("plain", () -> {
            throw new StackOverflowError();
        });
        plain.join(5000);
        assertEquals(1, fatal.size(), "only the OutOfMemoryError is fatal");
        assertEquals(2, policy.threadsDied());
        Thread wrapped = policy.start("wrapped", () -> {
            throw new RuntimeException(new OutOfMemoryError("Direct buffer memory"));
        });
        wrapped.join(5000);
        assertEquals(2, fatal.size(), "an OutOfMemoryError as a cause is fatal too");
    }

    @Test
    void aLoopNoLongerWantedIsNotRestarted() throws Exception {
        ThreadPolicy policy = new ThreadPolicy((t, e) -> { });
        AtomicInteger runs = new AtomicInteger();
        Thread t = policy.supervise("closing", () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("closed under me");
        }, () -> false);
        t.start();
        t.join(5000);
        assertEquals(1, runs.get());
        assertEquals(1, policy.threadsDied());
    }
}
