package dev.triage.ros2.dds;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Base of the Java ↔ Java round-trip tests: two participants on a random test domain over loopback. */
abstract class TwoParticipants {

    static DdsParticipant a;
    static DdsParticipant b;

    @BeforeAll
    static void start() {
        Ros2TestSupport.requireLoopbackConfig();
        int domain = Ros2TestSupport.testDomain();
        a = DdsParticipant.create(domain);
        b = DdsParticipant.create(domain);
    }

    @AfterAll
    static void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    /** Writes {@code msg} until the reader behind {@code q} has one, and returns that (null after the timeout). */
    static <T> T first(BlockingQueue<T> q, DdsWriter<T> w, T msg, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            if (w.matchedReaders() > 0) {
                w.write(msg);
                T got = q.poll(200, TimeUnit.MILLISECONDS);
                if (got != null) return got;
            } else {
                Thread.sleep(20);
            }
        }
        return null;
    }
}
