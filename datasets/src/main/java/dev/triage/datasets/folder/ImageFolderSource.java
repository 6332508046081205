package dev.triage.datasets.folder;

import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link FrameSource} over the image files of one folder (not its subfolders): {@code .jpg .jpeg .png .bmp}
 * (any case), in file-name order, one frame each. Frames are {@code Image.Encoded} with the file's bytes, read
 * lazily one file per {@link #next()}; decoding happens in the pipeline, so a corrupt image costs one counted frame
 * and not the replay. An entry with an image name that cannot be read (a dangling link, a pipe, a folder, a file
 * over {@link ImageFile#MAX_BYTES}, a read error) is a frame of {@code Image.Unreadable} that names it, counted the
 * same way ({@link ImageFile}); a pipe is never opened. Other files are not read; {@link #notes()} counts them and
 * names the first. Stamps are {@code index / fps}; {@code frameId} is the file name.
 *
 * <pre>{@code
 * try (FrameSource source = ImageFolderSource.open(Path.of("frames/"), ImageFolderSource.DEFAULT_FPS)) {
 *     for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
 *         mailbox.offer(f.get());
 *     }
 * }
 * }</pre>
 */
public final class ImageFolderSource implements FrameSource {
    /** Frame rate used for stamps when none is given. */
    public static final double DEFAULT_FPS = 10.0;
    /** Largest accepted frame rate. */
    public static final double MAX_FPS = 1000.0;
    /** Lowest accepted frame rate: a frame a day (the stamps of 100,000 frames, 274 years, stay within a long). */
    public static final double MIN_FPS = 1.0 / 86_400;
    /** File extensions (lower case) taken as images, with the format name each one's frames carry. */
    public static final Map<String, String> FORMATS = Map.of("jpg", "jpeg", "jpeg", "jpeg", "png", "png",
            "bmp", "bmp");

    private final Path folder;
    private final List<Path> files;
    private final List<Path> others;
    private final double fps;
    private int next;

    private ImageFolderSource(Path folder, List<Path> files, List<Path> others, double fps) {
        this.folder = folder;
        this.files = files;
        this.others = others;
        this.fps = fps;
    }

    /**
     * Lists the image files of {@code folder} (names only; no image is read yet).
     *
     * @param fps frame rate for the stamps, in [{@link #MIN_FPS}, {@link #MAX_FPS}]
     * @throws SourceException naming the folder when it is missing, unreadable or holds no image file
     * @throws IllegalArgumentException when {@code fps} is out of range
     */
    public static ImageFolderSource open(Path folder, double fps) throws SourceException {
        if (!(fps >= MIN_FPS && fps <= MAX_FPS)) {
            throw new IllegalArgumentException("fps " + fps + " is out of range [1/86400 (a frame a day), " + MAX_FPS
                    + "]");
        }
        if (!Files.isDirectory(folder)) {
            throw new SourceException(folder + (Files.exists(folder) ? ": not a folder" : ": no such file or folder"));
        }
        List<Path> visible;
        try (Stream<Path> listing = Files.list(folder)) {
            visible = listing.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new SourceException(folder + ": cannot list: " + e.getMessage(), e);
        }
        List<Path> files = visible.stream().filter(p -> format(p).isPresent()).toList();
        if (files.isEmpty()) {
            throw new SourceException(folder + ": no image files (" + extensions() + ")");
        }
        List<Path> others = visible.stream().filter(p -> format(p).isEmpty() && Files.isRegularFile(p)).toList();
        return new ImageFolderSource(folder, files, others, fps);
    }

    private static String extensions() {
        return "." + String.join(", .", FORMATS.keySet().stream().sorted().toList());
    }

    /** The format name for a file's extension, if it is an image extension. */
    static Optional<String> format(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty()
                : Optional.ofNullable(FORMATS.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<Frame> next() throws SourceException {
        if (next >= files.size()) {
            return Optional.empty();
        }
        int index = next++;
        Path file = files.get(index);
        long stamp = Math.round(index * 1e9 / fps);
        return Optional.of(new Frame(index, stamp, System.nanoTime(), file.getFileName().toString(),
                ImageFile.read(file, format(file).orElseThrow(), "vanished during replay"), Optional.empty()));
    }

    /** The folder path. */
    @Override
    public String describe() {
        return folder.toString();
    }

    /** Counts the folder's other visible files (a .tif, a .txt) and names the first: they are not read. */
    @Override
    public List<String> notes() {
        if (others.isEmpty()) {
            return List.of();
        }
        return List.of(folder + ": " + others.size() + (others.size() == 1 ? " file is" : " files are")
                + " not read, the name not ending in " + extensions() + " (first: "
                + others.get(0).getFileName() + ")");
    }

    /** The frame rate the stamps use. */
    @Override
    public Optional<Double> nominalFps() {
        return Optional.of(fps);
    }

    /** Image files in the folder. */
    public int frameCount() {
        return files.size();
    }
}
