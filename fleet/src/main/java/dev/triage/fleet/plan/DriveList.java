package dev.triage.fleet.plan;

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

    /** Resolves {@code drives} to recordings with unique drive ids. */
    public static List<Recording> resolve(String drives) throws DriveListException {
        List<String> specs;
        try {
            specs = specs(drives);
        } catch (IOException e) {
            throw new DriveListException(drives + ": cannot be read: " + e.getMessage());
        }
        if (specs.isEmpty()) {
            throw new DriveListException(drives + ": no recordings found (folders, globs and list files of "
                    + RECORDING_EXTENSIONS + " files)");
        }
        return withIds(specs);
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
            throw new DriveListException(drives + ": no such file, folder or matching glob");
        }
        if (LIST_EXTENSIONS.contains(extension(path))) {
            return listFile(path);
        }
        return List.of(path.toString());
    }

    private static boolean isGlob(String drives) {
        return drives.contains("*") || drives.contains("?") || drives.contains("[") || drives.contains("{");
    }

    private static List<String> folder(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || RECORDING_EXTENSIONS.contains(extension(p)))
                    .sorted().map(Path::toString).toList();
        }
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

    private static List<String> listFile(Path list) throws IOException {
        Path dir = list.toAbsolutePath().getParent();
        List<String> specs = new ArrayList<>();
        for (String line : Files.readAllLines(list)) {
            String spec = line.strip();
            if (spec.isEmpty() || spec.startsWith("#")) {
                continue;
            }
            boolean plainPath = !spec.contains(":") || spec.startsWith("/");
            specs.add(plainPath && !Path.of(spec).isAbsolute() ? dir.resolve(spec).normalize().toString() : spec);
        }
        return specs;
    }

    /** Drive ids: the file name; a repeated name gets {@code ~2}, {@code ~3}... in list order. */
    private static List<Recording> withIds(List<String> specs) {
        Map<String, Integer> seen = new HashMap<>();
        List<Recording> recordings = new ArrayList<>();
        for (String spec : specs) {
            String name = baseName(spec);
            int n = seen.merge(name, 1, Integer::sum);
            recordings.add(new Recording(n == 1 ? name : name + "~" + n, spec, size(spec)));
        }
        return List.copyOf(recordings);
    }

    private static String baseName(String spec) {
        Path file = Path.of(spec.replace(':', '_')).getFileName();
        String name = file == null ? spec : file.toString();
        return name.replaceAll("[^A-Za-z0-9._~-]", "_");
    }

    private static long size(String spec) {
        try {
            Path p = Path.of(spec);
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
