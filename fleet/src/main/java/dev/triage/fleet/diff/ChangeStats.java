package dev.triage.fleet.diff;

import dev.triage.fleet.exec.FrameRecord;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much a drive (or chunk) changed against the baseline: frames that differ, scene flips, detections gained and
 * lost by class, lane count changes, and the window of {@link #WINDOW} frames with the most changed frames.
 *
 * @param frames        frames compared
 * @param changedFrames frames with any difference
 * @param sceneFlips    frames whose context differs
 * @param gained        detections only the candidate has, by class
 * @param lost          detections only the baseline has, by class
 * @param laneChanges   frames whose lane count differs
 * @param topSegment    the most-changed window, or null when nothing changed
 */
public record ChangeStats(long frames, long changedFrames, long sceneFlips, Map<String, Long> gained,
                          Map<String, Long> lost, long laneChanges, Segment topSegment) implements Serializable {
    /** Frames per most-changed window. */
    public static final int WINDOW = 40;

    public ChangeStats {
        gained = java.util.Collections.unmodifiableMap(new TreeMap<>(gained));
        lost = java.util.Collections.unmodifiableMap(new TreeMap<>(lost));
    }

    /** Nothing compared. */
    public static ChangeStats none() {
        return new ChangeStats(0, 0, 0, Map.of(), Map.of(), 0, null);
    }

    /** The statistics of consecutive frames (their diffs set; frames without one count as compared but unchanged). */
    public static ChangeStats of(List<FrameRecord> frames) {
        long changed = 0;
        long flips = 0;
        long laneChanges = 0;
        Map<String, Long> gained = new TreeMap<>();
        Map<String, Long> lost = new TreeMap<>();
        for (FrameRecord f : frames) {
            FrameDiff d = f.diff();
            if (d == null) {
                continue;
            }
            changed += d.changed() ? 1 : 0;
            flips += d.sceneFlip() ? 1 : 0;
            laneChanges += d.laneDelta() != 0 ? 1 : 0;
            d.gained().forEach((k, v) -> gained.merge(k, (long) v, Long::sum));
            d.lost().forEach((k, v) -> lost.merge(k, (long) v, Long::sum));
        }
        return new ChangeStats(frames.size(), changed, flips, gained, lost, laneChanges, topSegment(frames));
    }

    private static Segment topSegment(List<FrameRecord> frames) {
        Segment best = null;
        int inWindow = 0;
        for (int end = 0; end < frames.size(); end++) {
            inWindow += changed(frames.get(end));
            int start = end - WINDOW + 1;
            if (start > 0) {
                inWindow -= changed(frames.get(start - 1));
            }
            if (inWindow > 0 && (best == null || inWindow > best.changed())) {
                FrameRecord first = frames.get(Math.max(0, start));
                FrameRecord last = frames.get(end);
                best = new Segment(first.seq(), last.seq(), first.stampNanos(), last.stampNanos(), inWindow);
            }
        }
        return best;
    }

    private static int changed(FrameRecord f) {
        return f.diff() != null && f.diff().changed() ? 1 : 0;
    }

    /** The statistics of two chunks of one drive together. */
    public ChangeStats plus(ChangeStats other) {
        Map<String, Long> g = new TreeMap<>(gained);
        other.gained.forEach((k, v) -> g.merge(k, v, Long::sum));
        Map<String, Long> l = new TreeMap<>(lost);
        other.lost.forEach((k, v) -> l.merge(k, v, Long::sum));
        Segment top = topSegment == null ? other.topSegment
                : other.topSegment == null || topSegment.changed() >= other.topSegment.changed() ? topSegment
                : other.topSegment;
        return new ChangeStats(frames + other.frames, changedFrames + other.changedFrames,
                sceneFlips + other.sceneFlips, g, l, laneChanges + other.laneChanges, top);
    }

    /** Fraction of compared frames that changed: the ranking key of the fleet report. */
    public double changedShare() {
        return frames == 0 ? 0 : (double) changedFrames / frames;
    }
}
