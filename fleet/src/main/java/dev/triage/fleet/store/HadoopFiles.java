package dev.triage.fleet.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recordings and outputs named by Hadoop URIs ({@code hdfs://namenode:8020/drives/a.bag}, or any other scheme a
 * Hadoop {@code FileSystem} on the class path serves), reached through Hadoop's {@code FileSystem} API. A plain path
 * is not a URI and stays on the local file system; a {@code file:} URI is turned into its plain path
 * ({@link #localForm}), so only other schemes are {@linkplain #isRemote remote}. Serializable: the job hands it to
 * its executors, which build the same Hadoop configuration from {@code settings}.
 *
 * <pre>{@code
 * HadoopFiles files = HadoopFiles.of(Map.of("dfs.client.use.datanode.hostname", "true"));
 * if (HadoopFiles.isRemote(spec)) {
 *     try (LocalCopy local = files.stage(spec)) {
 *         SourceFactory.open(local.spec());
 *     }
 * }
 * }</pre>
 */
public final class HadoopFiles implements Serializable {
    private static final long serialVersionUID = 1L;
    /** {@code scheme:/...}: a URI, never a plain path or a {@code SourceFactory} spec such as {@code synthetic:...}. */
    private static final Pattern URI_FORM = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:/.*");

    private final Map<String, String> settings;
    private transient Configuration conf;

    private HadoopFiles(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /**
     * Files reached with Hadoop's default configuration ({@code core-site.xml} and {@code hdfs-site.xml} on the
     * class path) plus {@code settings} (Spark's {@code spark.hadoop.*} settings without the prefix).
     */
    public static HadoopFiles of(Map<String, String> settings) {
        return new HadoopFiles(settings);
    }

    /** Whether {@code spec} is a URI of a scheme other than {@code file:} (so readers cannot open it directly). */
    public static boolean isRemote(String spec) {
        return URI_FORM.matcher(spec).matches() && !spec.regionMatches(true, 0, "file:", 0, 5);
    }

    /** {@code spec} with a {@code file:} URI turned into its plain path; anything else unchanged. */
    public static String localForm(String spec) {
        if (!URI_FORM.matcher(spec).matches() || !spec.regionMatches(true, 0, "file:", 0, 5)) {
            return spec;
        }
        try {
            return Path.of(new URI(spec)).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return spec.substring("file:".length()).replaceFirst("^//", "");
        }
    }

    /** The file system serving {@code uri} (Hadoop caches it per scheme and authority; never closed here). */
    FileSystem fileSystem(String uri) throws IOException {
        return new org.apache.hadoop.fs.Path(uri).getFileSystem(configuration()); // a glob is no java.net.URI
    }

    private synchronized Configuration configuration() {
        if (conf == null) {
            Configuration c = new Configuration();
            settings.forEach(c::set);
            conf = c;
        }
        return conf;
    }

    /** Whether {@code uri} names a file or folder. */
    public boolean exists(String uri) throws IOException {
        return fileSystem(uri).exists(new org.apache.hadoop.fs.Path(uri));
    }

    /** Whether {@code uri} names a folder. */
    public boolean isDirectory(String uri) throws IOException {
        return fileSystem(uri).getFileStatus(new org.apache.hadoop.fs.Path(uri)).isDirectory();
    }

    /** A folder's entries, as full URIs, sorted. */
    public List<Entry> children(String uri) throws IOException {
        return entries(fileSystem(uri).listStatus(new org.apache.hadoop.fs.Path(uri)));
    }

    /** What {@code pattern} (Hadoop glob syntax: {@code * ? [ab] {a,b}}) matches, as full URIs, sorted. */
    public List<Entry> glob(String pattern) throws IOException {
        FileStatus[] matched = fileSystem(pattern).globStatus(new org.apache.hadoop.fs.Path(pattern));
        return matched == null ? List.of() : entries(matched);
    }

    private static List<Entry> entries(FileStatus[] statuses) {
        return Arrays.stream(statuses).map(s -> new Entry(s.getPath().toString(), s.getPath().getName(),
                s.isDirectory())).sorted(java.util.Comparator.comparing(Entry::uri)).toList();
    }

    /**
     * One entry of a folder or glob.
     *
     * @param uri       its full URI
     * @param name      its last path element
     * @param directory whether it is a folder
     */
    public record Entry(String uri, String name, boolean directory) {
    }

    /** The lines of a text file (UTF-8). */
    public List<String> readLines(String uri) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                fileSystem(uri).open(new org.apache.hadoop.fs.Path(uri)), StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    /** Bytes of the file {@code uri}; 0 for a folder. */
    public long size(String uri) throws IOException {
        FileStatus status = fileSystem(uri).getFileStatus(new org.apache.hadoop.fs.Path(uri));
        return status.isDirectory() ? 0 : status.getLen();
    }

    /** {@code child} (a relative path with {@code /}) under the folder {@code uri}. */
    public static String resolve(String uri, String child) {
        return uri.endsWith("/") ? uri + child : uri + "/" + child;
    }

    /** The folder holding {@code uri}, as a URI. */
    public static String parent(String uri) {
        return new org.apache.hadoop.fs.Path(uri).getParent().toString();
    }

    /** Creates the folder {@code uri} and its parents. */
    public void mkdirs(String uri) throws IOException {
        if (!fileSystem(uri).mkdirs(new org.apache.hadoop.fs.Path(uri))) {
            throw new IOException(uri + ": cannot create the folder");
        }
    }

    /** Writes {@code text} (UTF-8) to {@code uri}, replacing it. */
    public void writeString(String uri, String text) throws IOException {
        try (FSDataOutputStream out = fileSystem(uri).create(new org.apache.hadoop.fs.Path(uri), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Copies the local file {@code local} to {@code uri}, replacing it. */
    public void upload(Path local, String uri) throws IOException {
        fileSystem(uri).copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()),
                new org.apache.hadoop.fs.Path(uri));
    }

    /**
     * Copies the recording {@code spec} to a fresh local temporary folder, under its own name (readers choose by
     * the name), so that a reader can open it; the copy is deleted when the returned recording is closed. A spec
     * that is not {@linkplain #isRemote remote} is handed back as it is (its plain path for {@code file:}), with no
     * copy.
     *
     * @throws IOException naming {@code spec} when it cannot be copied
     */
    public LocalCopy stage(String spec) throws IOException {
        if (!isRemote(spec)) {
            return LocalCopy.unstaged(localForm(spec));
        }
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(spec);
        LocalCopy staged = LocalCopy.inTempFolder(spec, source.getName().isEmpty() ? "recording" : source.getName());
        Path local = staged.local();
        try {
            // the raw local file system: no .crc file beside the copy
            fileSystem(spec).copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
            return staged;
        } catch (IOException | RuntimeException e) {
            staged.close();
            throw new IOException(spec + ": cannot copy it to local disk for reading: " + e.getMessage(), e);
        }
    }
}
