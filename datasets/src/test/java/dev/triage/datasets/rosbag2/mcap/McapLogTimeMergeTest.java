package dev.triage.datasets.rosbag2.mcap;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The memory bound of {@link McapLogTimeMerge}: the peak of uncompressed chunk bytes that overlap in log time. */
class McapLogTimeMergeTest {

    private static McapChunkIndex chunk(long start, long end, long bytes) {
        return new McapChunkIndex(start, end, start * 1000, 100, Map.of(1, 0L), bytes);
    }

    @Test
    void chunksInOrderHoldOneAtATime() {
        assertEquals(30, McapLogTimeMerge.overlapBytes(List.of(chunk(0, 9, 10), chunk(10, 19, 30), chunk(20, 29, 20))));
    }

    @Test
    void overlappingChunksAddUpWhereTheyOverlap() {
        // [0,10] and [5,15] overlap (30 + 40); [5,15] and [12,20] overlap (40 + 50); all three never at once
        assertEquals(90, McapLogTimeMerge.overlapBytes(List.of(chunk(12, 20, 50), chunk(0, 10, 30),
                chunk(5, 15, 40))));
        // a chunk that starts when another ends is held with it (both hold that log time)
        assertEquals(70, McapLogTimeMerge.overlapBytes(List.of(chunk(0, 10, 30), chunk(10, 20, 40))));
        // a merged file: every chunk spans the whole drive
        assertEquals(400, McapLogTimeMerge.overlapBytes(List.of(chunk(0, 100, 100), chunk(1, 99, 100),
                chunk(2, 98, 100), chunk(3, 97, 100))));
    }
}
