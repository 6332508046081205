package dev.triage.fleet.store;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The fleet job's output folder ({@code --out}): a local path (or {@code file:} URI), written with plain file I/O, or
 * a remote Hadoop URI ({@code hdfs://...}), written through Hadoop's {@code FileSystem}. Spark writes its Parquet
 * tables straight to {@link #resolve}; the summary, the report and the clips go through {@link #writeString} and
 * {@link #upload}. Build it with {@link #of}.
 *
 * @param location the folder: an absolute local path, or the remote URI
 * @param remote   whether it is remote (so files made on local disk must be uploaded)
 * @param files    reaches a remote folder
 */
public record OutputDir(String location, boolean remote, HadoopFiles files) implements Serializable {

    /** The output folder {@code out}: a local path, a {@code file:} URI or a remote URI served by {@code files}. */
    public static OutputDir of(String out, HadoopFiles files) {
        Objects.requireNonNull(out, "out");
        boolean remote = HadoopFiles.isRemote(out);
        return new OutputDir(remote ? out : Path.of(HadoopFiles.localForm(out)).toAbsolutePath().normalize()
                .toString(), remote, files);
    }

    /** The local folder. */
    public Path local() {
        if (remote) {
            throw new IllegalStateException(location + " is not a local folder");
        }
        return Path.of(location);
    }

    /** {@code child} (relative, with {@code /}) under the folder, as Spark and Hadoop take it. */
    public String resolve(String child) {
        return remote ? HadoopFiles.resolve(location, child) : local().resolve(child).toString();
    }

    /** Creates the folder. */
    public void create() throws IOException {
        if (remote) {
            files.mkdirs(location);
        } else {
            Files.createDirectories(local());
        }
    }

    /** Writes {@code text} (UTF-8) to the file {@code name} in the folder. */
    public void writeString(String name, String text) throws IOException {
        if (remote) {
            files.writeString(resolve(name), text);
        } else {
            Files.writeString(local().resolve(name), text);
        }
    }

    /** Puts the local file {@code file} at {@code child} (relative, with {@code /}) under the remote folder. */
    public void upload(Path file, String child) throws IOException {
        if (!remote) {
            throw new IllegalStateException(location + " is local: write the file there directly");
        }
        files.upload(file, resolve(child));
    }

    /** The folder, as a path or URI. */
    @Override
    public String toString() {
        return location;
    }
}
