package dev.triage.fleet.plan;

import java.io.Serializable;
import java.util.Objects;

/**
 * One recorded drive of the fleet: what {@code SourceFactory} opens and the name its results are filed under.
 *
 * @param driveId the drive's name in every output (the recording's file name, made unique within the job)
 * @param spec    the source spec handed to {@code SourceFactory.open}: a path, or any other spec it accepts
 * @param bytes   the recording's size on disk (0 for folders and non-file specs); large ones are split into chunks
 */
public record Recording(String driveId, String spec, long bytes) implements Serializable {

    public Recording {
        Objects.requireNonNull(driveId, "driveId");
        Objects.requireNonNull(spec, "spec");
    }
}
