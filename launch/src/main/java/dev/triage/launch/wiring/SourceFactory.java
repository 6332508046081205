package dev.triage.launch.wiring;

import dev.triage.datasets.synthetic.SyntheticDriveSource;
import dev.triage.datasets.synthetic.SyntheticSpec;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a frame source from the SOURCE argument of the command line. */
public final class SourceFactory {

    private SourceFactory() {
    }

    /**
     * Opens {@code spec}: {@code synthetic:[seed=..,route=..,width=..,height=..]} for the built-in drive.
     *
     * @throws SourceException naming the source when it does not exist or cannot be read
     */
    public static FrameSource open(String spec) throws SourceException {
        if (SyntheticSpec.matches(spec)) {
            try {
                return new SyntheticDriveSource(SyntheticSpec.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new SourceException(spec + ": " + e.getMessage(), e);
            }
        }
        Path path = Path.of(spec);
        if (!Files.exists(path)) {
            throw new SourceException(spec + ": no such file or folder");
        }
        throw new SourceException(spec + ": unsupported source; supported: synthetic:[seed=N,route=...]");
    }
}
