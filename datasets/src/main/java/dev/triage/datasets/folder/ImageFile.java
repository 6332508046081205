package dev.triage.datasets.folder;

import dev.triage.perception.core.Image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads one image file as the sources of image files do (an image folder, a labelled dataset): its bytes as
 * {@link Image.Encoded}, or the reason they cannot be had as {@link Image.Unreadable} naming the file, so that it
 * costs that frame and never the run. A pipe or device is never opened (it may block), and a file over
 * {@link #MAX_BYTES} is not read.
 */
public final class ImageFile {
    /** Largest image file read (a bigger file is an unreadable frame that names it). */
    public static final long MAX_BYTES = 64L << 20;

    private ImageFile() {
    }

    /**
     * @param format  the format name the bytes are delivered as ({@code jpeg}, {@code png}, ...)
     * @param missing what to say of a file that is not there ({@code vanished during replay}, {@code no such file})
     */
    public static Image read(Path file, String format, String missing) {
        if (!Files.isRegularFile(file)) {
            String what = Files.isDirectory(file) ? "a folder, not an image file"
                    : Files.isSymbolicLink(file) && !Files.exists(file) ? "a dangling or looping symbolic link"
                    : Files.exists(file) ? "not a regular file (a pipe, socket or device)" : missing;
            return new Image.Unreadable(file + ": " + what);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return new Image.Unreadable(file + ": larger than " + MAX_BYTES + " bytes; not read");
            }
            return new Image.Encoded(format, bytes);
        } catch (NoSuchFileException e) {
            return new Image.Unreadable(file + ": " + missing);
        } catch (IOException e) {
            return new Image.Unreadable(file + ": cannot read: " + e.getMessage());
        }
    }
}
