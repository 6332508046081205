package dev.triage.fleet.store;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A file of the fleet on local disk: a remote recording's copy that a reader opens ({@link HadoopFiles#stage}), a
 * clip rendered locally before its upload to a remote output folder, or a local recording as it is (nothing
 * copied).
 * A copy lives in its own temporary folder, deleted on {@link #close}. Errors a reader raises name the copy;
 * {@link #nameUri} puts the URI back.
 *
 * @param uri   the file as the fleet names it (its URI, or its local path)
 * @param local where it is on local disk, or null for a local recording read where it is
 * @param temp  the temporary folder holding the copy, or null when nothing was copied
 */
public record LocalCopy(String uri, Path local, Path temp) implements AutoCloseable {
    /** Name prefix of the temporary folders of copies (under {@code java.io.tmpdir}). */
    public static final String TEMP_PREFIX = "triage-fleet-copy-";

    /** A local recording, opened where it is. */
    static LocalCopy unstaged(String spec) {
        return new LocalCopy(spec, null, null);
    }

    /** A fresh temporary folder for the local copy, named {@code name}, of the file {@code uri}. */
    public static LocalCopy inTempFolder(String uri, String name) throws IOException {
        Path dir = Files.createTempDirectory(TEMP_PREFIX);
        return new LocalCopy(uri, dir.resolve(name), dir);
    }

    /** The spec to hand to {@code SourceFactory.open}. */
    public String spec() {
        return local == null ? uri : local.toString();
    }

    /** {@code message} with the local copy's path replaced by the URI; null stays null. */
    public String nameUri(String message) {
        return message == null || temp == null ? message : message.replace(local.toString(), uri);
    }

    /** Deletes the copy and its folder, if any (one that cannot be deleted is logged with its path). */
    @Override
    public void close() {
        if (temp == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(temp)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(LocalCopy.class).warn("fleet: {}: cannot delete its local copy {}: {}", uri,
                    temp, e.getMessage());
        }
    }
}
