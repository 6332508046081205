package dev.triage.fleet.diff;

import dev.triage.fleet.exec.FrameRecord;
import dev.triage.fleet.exec.FrameRecord.Box;
import dev.triage.fleet.exec.FrameRecord.LaneLine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectionMatcherTest {
    private static final LaneLine LANE = new LaneLine(0, 0.9, new double[]{1, 2}, new double[]{3, 4});

    private static FrameRecord frame(String scene, List<Box> boxes, int lanes) {
        return new FrameRecord(7, 1, scene, Map.of(), List.of(), boxes, java.util.Collections.nCopies(lanes, LANE),
                Map.of(), 1, true, null);
    }

    @Test
    void matchesWithinAClassAtIou05AndCountsTheRestAsGainedOrLost() {
        Box person = new Box("pedestrian", 0.9, 0, 0, 10, 10);
        Box personShifted = new Box("pedestrian", 0.8, 2, 0, 12, 10); // IoU 8/12 = 0.67: same object
        Box personFar = new Box("pedestrian", 0.7, 5, 0, 15, 10); // IoU 5/15 = 0.33: not the same
        Box car = new Box("vehicle", 0.9, 0, 0, 10, 10); // same box as the person, other class
        FrameDiff d = DetectionMatcher.diff(frame("highway", List.of(personShifted, car), 2),
                frame("urban", List.of(person, personFar), 0));
        assertTrue(d.sceneFlip());
        assertEquals("urban", d.baselineScene());
        assertEquals(Map.of("vehicle", 1), d.gained());
        assertEquals(Map.of("pedestrian", 1), d.lost());
        assertEquals(2, d.laneDelta());
        assertEquals(2, d.detectionChanges());
    }

    @Test
    void identicalFramesDoNotDiffer() {
        Box person = new Box("pedestrian", 0.9, 0, 0, 10, 10);
        FrameDiff d = DetectionMatcher.diff(frame("urban", List.of(person), 1), frame("urban", List.of(person), 1));
        assertFalse(d.changed());
    }

    @Test
    void theMostChangedWindowIsFound() {
        Box person = new Box("pedestrian", 0.9, 0, 0, 10, 10);
        List<FrameRecord> frames = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            FrameRecord f = new FrameRecord(i, i * 50_000_000L, "urban", Map.of(), List.of(), List.of(), List.of(),
                    Map.of(), 1, true, null);
            FrameRecord base = frame("urban", i >= 60 && i < 70 ? List.of(person) : List.of(), 0);
            frames.add(f.withDiff(DetectionMatcher.diff(f, base)));
        }
        ChangeStats s = ChangeStats.of(frames);
        assertEquals(10, s.changedFrames());
        assertEquals(Map.of("pedestrian", 10L), s.lost());
        assertEquals(10, s.topSegment().changed());
        assertTrue(s.topSegment().firstSeq() <= 60 && s.topSegment().lastSeq() >= 69, s.topSegment().toString());
    }
}
