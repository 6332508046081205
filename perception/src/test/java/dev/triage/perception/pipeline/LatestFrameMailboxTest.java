package dev.triage.perception.pipeline;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatestFrameMailboxTest {

    static Frame frame(long seq) {
        return new Frame(seq, seq * 50_000_000L, 0, "cam", new Image.Encoded("jpeg", new byte[] {1}), Optional.empty());
    }

    @Test
    void offerReplacesTheUntakenFrameAndRecordsTheDrop() throws Exception {
        LatestFrameMailbox mailbox = new LatestFrameMailbox();
        mailbox.offer(frame(1));
        mailbox.offer(frame(2));
        mailbox.offer(frame(3));
        assertEquals(3, mailbox.poll(1, TimeUnit.MILLISECONDS).orElseThrow().seq());
        assertEquals(2, mailbox.replacedCount());
        assertEquals(java.util.List.of(1L, 2L), mailbox.drainReplaced().stream().map(Frame::seq).toList());
        assertTrue(mailbox.drainReplaced().isEmpty());
    }

    @Test
    void pollTimesOutOnAnEmptySlot() throws Exception {
        assertTrue(new LatestFrameMailbox().poll(5, TimeUnit.MILLISECONDS).isEmpty());
    }

    @Test
    void putWaitsForTheWorkerAndLosesNothing() throws Exception {
        LatestFrameMailbox mailbox = new LatestFrameMailbox();
        Thread producer = new Thread(() -> {
            try {
                for (long i = 0; i < 100; i++) {
                    mailbox.put(frame(i));
                }
                mailbox.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        long expected = 0;
        while (!mailbox.isDrained()) {
            Optional<Frame> f = mailbox.poll(100, TimeUnit.MILLISECONDS);
            if (f.isPresent()) {
                assertEquals(expected++, f.get().seq());
            }
        }
        producer.join();
        assertEquals(100, expected);
        assertEquals(0, mailbox.replacedCount());
    }

    @Test
    void closedMailboxRefusesNewFramesButHandsOverTheLastOne() throws Exception {
        LatestFrameMailbox mailbox = new LatestFrameMailbox();
        mailbox.offer(frame(7));
        mailbox.close();
        assertFalse(mailbox.offer(frame(8)));
        assertFalse(mailbox.isDrained());
        assertEquals(7, mailbox.poll(1, TimeUnit.MILLISECONDS).orElseThrow().seq());
        assertTrue(mailbox.isDrained());
    }
}
