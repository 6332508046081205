package dev.triage.simbridge.time;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SimTickLedgerTest {

    private static final long STEP = 50_000_000L;
    private static final long T0 = 1_000_000_000L;

    @Test
    void everyTickIsResolvedOnceAsOnTimeMissedFailedOrWithoutImage() {
        SimTickLedger ledger = new SimTickLedger(STEP);
        ledger.clock(T0);
        ledger.image(T0);
        ledger.result(T0);                      // on time
        ledger.clock(T0 + STEP);
        ledger.image(T0 + STEP);                // never processed -> missed
        ledger.clock(T0 + 2 * STEP);            // no image -> no_image
        ledger.clock(T0 + 3 * STEP);
        ledger.image(T0 + 3 * STEP);
        ledger.failed(T0 + 3 * STEP);           // decode failure
        ledger.clock(T0 + 10 * STEP);           // passes every earlier deadline
        SimTickLedger.Counts c = ledger.counts();
        assertEquals(5, c.ticks());
        assertEquals(1, c.onTime());
        assertEquals(1, c.missed());
        assertEquals(1, c.noImage());
        assertEquals(1, c.failed());
        assertEquals(1, c.pending(), "the latest tick is still open");
    }

    @Test
    void aPausedClockRaisesNoMissHoweverLongTheWallClockRuns() throws InterruptedException {
        SimTickLedger ledger = new SimTickLedger(STEP);
        ledger.clock(T0);
        ledger.image(T0);
        Thread.sleep(200);                       // simulator stopped: four budgets of wall time, no /clock
        ledger.result(T0);
        ledger.clock(T0 + STEP);
        assertEquals(0, ledger.counts().missed());
        assertEquals(1, ledger.counts().onTime());
    }

    @Test
    void aResultWithinTheBudgetButAfterTheNextTickIsOnTimeAndALateOneIsAMissOnlyOnce() {
        SimTickLedger ledger = new SimTickLedger(STEP);
        ledger.clock(T0);
        ledger.image(T0);
        ledger.clock(T0 + STEP);                 // exactly at the deadline: still on time
        ledger.result(T0);
        ledger.image(T0 + STEP);
        ledger.clock(T0 + 3 * STEP);             // T0 + STEP expired unprocessed
        ledger.result(T0 + STEP);                // too late: not counted twice
        SimTickLedger.Counts c = ledger.counts();
        assertEquals(1, c.onTime());
        assertEquals(1, c.missed());
        assertEquals(1, c.lateResults());
    }

    @Test
    void stampsWithinAMillisecondAreTheSameTickAndImagesMayPrecedeTheirClock() {
        SimTickLedger ledger = new SimTickLedger(STEP);
        ledger.image(T0 + 400_000);              // image before its /clock message, float-rounded stamp
        ledger.clock(T0);
        ledger.result(T0 - 300_000);
        assertEquals(1, ledger.counts().ticks());
        assertEquals(1, ledger.counts().onTime());
    }

    @Test
    void aClockMessageThatArrivesAfterItsImageWasProcessedIsNotASecondTick() {
        SimTickLedger ledger = new SimTickLedger(STEP);
        ledger.clock(T0);
        ledger.image(T0 + STEP);                 // image and result overtake the /clock message of their tick
        ledger.result(T0 + STEP);
        ledger.clock(T0 + STEP);
        ledger.image(T0 + STEP);                 // a second image with that stamp (another publisher) neither
        ledger.clock(T0 + 5 * STEP);
        SimTickLedger.Counts c = ledger.counts();
        assertEquals(3, c.ticks());
        assertEquals(1, c.onTime());
        assertEquals(0, c.missed());
        assertEquals(1, c.noImage(), "only the first tick had no image");
    }

    @Test
    void aClockThatJumpsBackIsAResetNotAFloodOfMisses() {
        SimTickLedger ledger = new SimTickLedger(STEP);
        ledger.clock(T0 + 100 * STEP);
        ledger.image(T0 + 100 * STEP);
        ledger.clock(T0);
        SimTickLedger.Counts c = ledger.counts();
        assertEquals(1, c.clockResets());
        assertEquals(0, c.missed());
        assertEquals(2, c.ticks());
    }
}
