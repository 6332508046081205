package dev.triage.fleet.plan;

import dev.triage.fleet.store.HadoopFiles;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Turns the DRIVES argument of {@code triage fleet} into recordings:
 * <ul>
 *   <li>a folder: every recording file in it ({@code .bag}, {@code .mcap}, videos) and every sub-folder (an image
 *       folder, a labelled dataset or a rosbag2 folder: {@code SourceFactory} decides), sorted by name;</li>
 *   <li>a glob such as {@code /data/2026-*&#47;*.bag}: every path it matches, sorted;</li>
 *   <li>a text file ({@code .txt}, {@code .list}): one source spec per line (blank lines and {@code #} comments
 *       skipped; relative paths resolve against the list's folder);</li>
 *   <li>a single recording file.</li>
 * </ul>
 * Each form may also be a Hadoop URI ({@code hdfs://namenode:8020/drives/}, {@code 'hdfs://nn:8020/2026-*&#47;*.bag'},
 * {@code hdfs://nn:8020/fleet.txt}), listed and read through Hadoop's {@code FileSystem} ({@link HadoopFiles}); a
 * list file may mix paths and URIs. A {@code file:} URI is its plain path.
 * Which reader opens a recording is {@code SourceFactory}'s choice, so every source it learns (rosbag2, for one)
 * works here unchanged.
 */
public final class DriveList {

    /** File name endings taken from a folder: ROS 1 and ROS 2 bags, and the videos FFmpeg reads. */
    public static final Set<String> RECORDING_EXTENSIONS = Set.of("bag", "mcap", "db3", "mp4", "avi", "mkv", "mov",
            "m4v", "webm", "mpg", "mpeg", "ts");
    private static final Set<String> LIST_EXTENSIONS = Set.of("txt", "list");

    private DriveList() {
    }

    /** A DRIVES argument that names nothing usable; the message names the argument. */
    public static final class DriveListException extends Exception {
        private static final long serialVersionUID = 1L;

        public DriveListException(String message) {
            super(message);
        }
    }

    /** Resolves {@code drives} to recordings with unique drive ids; URIs are read through {@code files}. */
    public static List<Recording> resolve(String drives, HadoopFiles files) throws DriveListException {
        List<String> specs;
        try {
            specs = HadoopFiles.isRemote(drives) ? remoteSpecs(drives, files)
                    : specs(HadoopFiles.localForm(drives));
            if (specs.isEmpty()) {
                throw new DriveListException(drives + ": no recordings found (folders, globs and list files of "
                        + RECORDING_EXTENSIONS + " files)");
            }
            return withIds(specs, files);
        } catch (IOException | IllegalArgumentException e) {
            throw new DriveListException(drives + ": cannot be read: " + e.getMessage());
        }
    }

    private static List<String> specs(String drives) throws IOException, DriveListException {
        if (isGlob(drives)) {
            return glob(drives);
        }
        Path path = Path.of(drives);
        if (Files.isDirectory(path)) {
            return folder(path);
        }
        if (!Files.exists(path)) {
            throw missing(drives);
        }
        if (LIST_EXTENSIONS.contains(extension(path.getFileName().toString()))) {
            Path dir = path.toAbsolutePath().getParent();
            return listed(Files.readAllLines(path), relative -> dir.resolve(relative).normalize().toString());
        }
        return List.of(path.toString());
    }

    /** The same forms as {@link #specs}, for a Hadoop URI. */
    private static List<String> remoteSpecs(String drives, HadoopFiles files) throws IOException, DriveListException {
        if (isGlob(drives)) {
            return files.glob(drives).stream().map(HadoopFiles.Entry::uri).toList();
        }
        if (!files.exists(drives)) {
            throw missing(drives);
        }
        if (files.isDirectory(drives)) {
            return files.children(drives).stream().filter(e -> isRecording(e.name(), e.directory()))
                    .map(HadoopFiles.Entry::uri).toList();
        }
        if (LIST_EXTENSIONS.contains(extension(drives))) {
            String dir = HadoopFiles.parent(drives);
            return listed(files.readLines(drives), relative -> HadoopFiles.resolve(dir, relative));
        }
        return List.of(drives);
    }

    private static DriveListException missing(String drives) {
        return new DriveListException(drives + ": no such file, folder or matching glob");
    }

    private static boolean isGlob(String drives) {
        return drives.contains("*") || drives.contains("?") || drives.contains("[") || drives.contains("{");
    }

    private static List<String> folder(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> isRecording(p.getFileName().toString(), Files.isDirectory(p)))
                    .sorted().map(Path::toString).toList();
        }
    }

    /** A folder entry taken as a recording: not hidden, and a sub-folder or a recording file. */
    private static boolean isRecording(String name, boolean directory) {
        return !name.startsWith(".") && (directory || RECORDING_EXTENSIONS.contains(extension(name)));
    }

    private static List<String> glob(String pattern) throws IOException {
        // walk from the longest prefix without glob characters
        Path root = Path.of(pattern.startsWith("/") ? "/" : ".");
        String[] parts = pattern.split("/");
        int firstGlob = 0;
        while (firstGlob < parts.length && !isGlob(parts[firstGlob])) {
            firstGlob++;
        }
        for (int i = 0; i < firstGlob; i++) {
            if (!parts[i].isEmpty()) {
                root = root.resolve(parts[i]);
            }
        }
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + Path.of(pattern).normalize());
        Path base = root;
        try (Stream<Path> walk = Files.walk(root, parts.length - firstGlob)) {
            return walk.filter(p -> !p.equals(base)).filter(p -> matcher.matches(p.normalize()))
                    .sorted().map(Path::toString).toList();
        }
    }

    /**
     * The sources of a list file's lines: blank lines and {@code #} comments skipped, URIs and absolute paths as
     * they are, relative paths through {@code resolveRelative} (against the list's folder).
     */
    private static List<String> listed(List<String> lines, UnaryOperator<String> resolveRelative) {
        List<String> specs = new ArrayList<>();
        for (String line : lines) {
            String spec = HadoopFiles.localForm(line.strip());
            if (spec.isEmpty() || spec.startsWith("#")) {
                continue;
            }
            boolean plainPath = !spec.contains(":") || spec.startsWith("/");
            specs.add(plainPath && !Path.of(spec).isAbsolute() ? resolveRelative.apply(spec) : spec);
        }
        return specs;
    }

    /** Drive ids: the file name; a repeated name gets {@code ~2}, {@code ~3}... in list order. */
    private static List<Recording> withIds(List<String> specs, HadoopFiles files) {
        Map<String, Integer> seen = new HashMap<>();
        List<Recording> recordings = new ArrayList<>();
        for (String spec : specs) {
            String name = baseName(spec);
            int n = seen.merge(name, 1, Integer::sum);
            recordings.add(new Recording(n == 1 ? name : name + "~" + n, spec, size(spec, files)));
        }
        return List.copyOf(recordings);
    }

    private static String baseName(String spec) {
        Path file = Path.of(spec.replace(':', '_')).getFileName();
        String name = file == null ? spec : file.toString();
        return name.replaceAll("[^A-Za-z0-9._~-]", "_");
    }

    /** The recording's bytes; 0 for a folder or one that cannot be read (its task reports the error). */
    private static long size(String spec, HadoopFiles files) {
        try {
            if (HadoopFiles.isRemote(spec)) {
                return files.size(spec);
            }
            Path p = Path.of(spec);
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot < name.lastIndexOf('/') ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
