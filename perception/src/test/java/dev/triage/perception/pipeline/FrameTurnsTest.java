package dev.triage.perception.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tickets pass in order whatever order their threads arrive in, each once. */
class FrameTurnsTest {

    @Test
    void ticketsPassInOrderWhateverTheArrivalOrder() throws InterruptedException {
        FrameTurns turns = new FrameTurns();
        List<Long> passed = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (long ticket = 7; ticket >= 0; ticket--) {      // the last ticket's thread starts first
            long mine = ticket;
            Thread t = new Thread(() -> {
                try {
                    turns.await(mine);
                    passed.add(mine);
                    turns.pass(mine);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), passed);
        assertThrows(IllegalStateException.class, () -> turns.pass(3), "a ticket passes once");
    }
}
