package dev.triage.fleet.diff;

import java.io.Serializable;

/**
 * A run of frames of one drive, by sequence number and stamp (the most-changed stretch of an A/B run).
 *
 * @param firstSeq     first frame
 * @param lastSeq      last frame
 * @param firstStampNs stamp of the first frame
 * @param lastStampNs  stamp of the last frame
 * @param changed      frames in it that differ from the baseline
 */
public record Segment(long firstSeq, long lastSeq, long firstStampNs, long lastStampNs, int changed)
        implements Serializable {
}
