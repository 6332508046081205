package dev.triage.datasets;

import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import dev.triage.perception.testing.SlowInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the recording fuzz targets share: each input is written to the target's one temporary file (deleted when the
 * JVM exits), opened as a recording and replayed to its end or to its 10,000th frame. The only failure allowed is a
 * {@link SourceException}, which names the file and where it broke, and no input may take longer than
 * {@value #SLOW_MILLIS} ms (Jazzer only notes slow inputs; a hostile recording that stalls replay is a finding).
 */
public final class RecordingFuzz {

    /** Opens a recording file as a frame source. */
    @FunctionalInterface
    public interface Opener {
        /** Opens {@code file}; a refusal is a {@link SourceException}. */
        FrameSource open(Path file) throws SourceException;
    }

    /** The longest one input may take to open and replay: far above what any seed takes, even under load. */
    public static final long SLOW_MILLIS = 5000;

    private final String prefix;
    private final String suffix;
    private final Opener opener;
    private Path file;

    /** A target whose file is named {@code prefix...suffix} (e.g. {@code bag-fuzz}, {@code .bag}). */
    public RecordingFuzz(String prefix, String suffix, Opener opener) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.opener = opener;
    }

    /** Writes {@code data} to the file and replays it; a {@link SourceException} is the expected refusal. */
    public void replay(byte[] data) throws IOException {
        Path f = write(data);
        long t0 = System.nanoTime();
        try (FrameSource source = opener.open(f)) {
            for (int i = 0; i < 10_000 && source.next().isPresent(); i++) {
                continue;
            }
        } catch (SourceException e) {
            // refused with the file and offset named
        }
        SlowInput.check(t0, SLOW_MILLIS, "replaying", data.length);
    }

    private synchronized Path write(byte[] data) throws IOException {
        if (file == null) {
            file = Files.createTempFile(prefix, suffix);
            file.toFile().deleteOnExit();
        }
        Files.write(file, data);
        return file;
    }
}
