package dev.triage.launch.output;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-off between the worker and the overlay's encoder thread, with a stand-in for the encoder. */
class OverlayHandoffTest {
    @Test
    void realTimeDropsTheOldestQueuedItemsAndNeverWaits() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Long> taken = new CopyOnWriteArrayList<>();
        OverlayHandoff handoff = new OverlayHandoff(2, false, h -> {
            try {
                go.await();
                for (OverlayItem item = h.take(); item != null; item = h.take()) {
                    taken.add(item.index);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (long i = 0; i < 20; i++) {
            handoff.hand(OverlayItem.stamped(i, i, 0), System.nanoTime());
        }
        go.countDown();
        handoff.close();
        assertEquals(List.of(18L, 19L), taken, "the newest items reach the encoder");
        assertEquals(18, handoff.dropped());
        assertEquals(0, handoff.blockedMs(), 1e-9);
        assertEquals(20, handoff.handoff().count());
    }

    @Test
    void losslessGivesUpOnAFullQueueOnlyWhenTheEncoderThreadHasDied() {
        OverlayHandoff handoff = new OverlayHandoff(1, true, h -> {
        });
        handoff.hand(OverlayItem.stamped(0, 0, 0), System.nanoTime());
        handoff.hand(OverlayItem.stamped(1, 1, 0), System.nanoTime());
        handoff.close();
        assertEquals(1, handoff.dropped(), "the second item found a full queue and no encoder thread");
        assertEquals(2, handoff.handoff().count());
    }
}
