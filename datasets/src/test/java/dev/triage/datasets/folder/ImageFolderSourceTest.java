package dev.triage.datasets.folder;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.image.FrameDecodeException;
import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.spi.SourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ImageFolderSource}: order, stamps, formats, lazy reading, and corrupt files passed on to the decoder. */
class ImageFolderSourceTest {
    @TempDir
    Path dir;

    private static Path png(int i) throws URISyntaxException {
        return Path.of(ImageFolderSourceTest.class.getResource("/frames").toURI())
                .resolve(String.format("frame%02d_%s.png", i, i < 3 ? "urban" : "highway"));
    }

    @Test
    void servesImageFilesInNameOrderWithStampsFromTheFrameRate() throws Exception {
        Files.copy(png(0), dir.resolve("b.png"));
        Files.copy(png(1), dir.resolve("a.jpg")); // a PNG named .jpg: the decoder sniffs the bytes
        Files.copy(png(2), dir.resolve("c.PNG"));
        Files.copy(png(3), dir.resolve("10.bmp"));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Files.copy(png(4), dir.resolve("scan.tif"));
        Files.copy(png(4), dir.resolve(".hidden.png"));
        Files.writeString(dir.resolve(".hidden.txt"), "hidden, not named");
        Files.createDirectories(dir.resolve("sub.png"));
        Files.createDirectories(dir.resolve("subfolder"));
        List<Frame> frames = new ArrayList<>();
        try (ImageFolderSource source = ImageFolderSource.open(dir, 4.0)) {
            assertEquals(5, source.frameCount());
            assertEquals(Optional.of(4.0), source.nominalFps());
            // files that are not read are named, hidden files and subfolders are not
            assertEquals(List.of(dir + ": 2 files are not read, the name not ending in .bmp, .jpeg, .jpg, .png "
                    + "(first: notes.txt)"), source.notes());
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get());
            }
        }
        assertEquals(List.of("10.bmp", "a.jpg", "b.png", "c.PNG", "sub.png"),
                frames.stream().map(Frame::frameId).toList());
        assertEquals(List.of("bmp", "jpeg", "png", "png"),
                frames.subList(0, 4).stream().map(f -> ((Image.Encoded) f.image()).format()).toList());
        // a folder with an image name is a frame that names it, not a silent skip
        assertEquals(new Image.Unreadable(dir.resolve("sub.png") + ": a folder, not an image file"),
                frames.get(4).image());
        assertEquals(List.of(0L, 250_000_000L, 500_000_000L, 750_000_000L, 1_000_000_000L),
                frames.stream().map(Frame::stampNanos).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), frames.stream().map(Frame::seq).toList());
        assertArrayEquals(Files.readAllBytes(png(0)), ((Image.Encoded) frames.get(2).image()).data());
    }

    @Test
    void passesACorruptImageOnSoThatItCostsOneFrame() throws Exception {
        Files.copy(png(0), dir.resolve("0.png"));
        Files.write(dir.resolve("1.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.copy(png(1), dir.resolve("2.png"));
        FrameDecoder decoder = new FrameDecoder();
        try (ImageFolderSource source = ImageFolderSource.open(dir, ImageFolderSource.DEFAULT_FPS)) {
            Mat first = decoder.decode(source.next().orElseThrow().image());
            assertEquals(240, first.rows());
            first.release();
            Frame corrupt = source.next().orElseThrow();
            assertEquals("1.png", corrupt.frameId());
            assertEquals(100_000_000L, corrupt.stampNanos());
            FrameDecodeException e = assertThrows(FrameDecodeException.class, () -> decoder.decode(corrupt.image()));
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
            Mat third = decoder.decode(source.next().orElseThrow().image());
            assertEquals(320, third.cols());
            third.release();
            assertTrue(source.next().isEmpty());
        }
    }

    @Test
    void readsFilesLazilyAndNamesOneThatVanished() throws Exception {
        Files.copy(png(0), dir.resolve("0.png"));
        Files.copy(png(1), dir.resolve("1.png"));
        try (ImageFolderSource source = ImageFolderSource.open(dir, 10)) {
            source.next().orElseThrow();
            Files.delete(dir.resolve("1.png"));
            assertEquals(new Image.Unreadable(dir.resolve("1.png") + ": vanished during replay"),
                    source.next().orElseThrow().image());
        }
    }

    @Test
    void entriesThatCannotBeReadAreFramesThatNameThemAndTheDecoderRefusesThem() throws Exception {
        Files.copy(png(0), dir.resolve("a.png"));
        Files.createSymbolicLink(dir.resolve("b.png"), dir.resolve("absent.png"));
        try (var big = new java.io.RandomAccessFile(dir.resolve("c.jpg").toFile(), "rw")) {
            big.setLength(ImageFile.MAX_BYTES + 1); // sparse: no disk used
        }
        boolean fifo = new ProcessBuilder("mkfifo", dir.resolve("d.png").toString()).start().waitFor() == 0;
        Files.copy(png(1), dir.resolve("e.png"));
        List<Frame> frames = new ArrayList<>();
        try (ImageFolderSource source = ImageFolderSource.open(dir, 10)) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get());
            }
        }
        assertEquals(fifo ? 5 : 4, frames.size(), "every entry with an image name is a frame");
        assertTrue(frames.get(0).image() instanceof Image.Encoded);
        assertEquals(new Image.Unreadable(dir.resolve("b.png") + ": a dangling or looping symbolic link"),
                frames.get(1).image());
        assertEquals(new Image.Unreadable(dir.resolve("c.jpg") + ": larger than " + ImageFile.MAX_BYTES
                + " bytes; not read"), frames.get(2).image());
        if (fifo) { // never opened: opening a pipe would block the replay
            assertEquals(new Image.Unreadable(dir.resolve("d.png") + ": not a regular file (a pipe, socket or device)"),
                    frames.get(3).image());
        }
        assertTrue(frames.get(frames.size() - 1).image() instanceof Image.Encoded, "the frames after them still come");
        FrameDecodeException e = assertThrows(FrameDecodeException.class,
                () -> new FrameDecoder().wrap(frames.get(1).image()));
        assertEquals(FrameDecodeException.Reason.UNREADABLE, e.reason());
        assertEquals(dir.resolve("b.png") + ": a dangling or looping symbolic link", e.getMessage());
    }

    @Test
    void refusesMissingAndEmptyFoldersAndBadRates() throws Exception {
        SourceException missing = assertThrows(SourceException.class,
                () -> ImageFolderSource.open(dir.resolve("absent"), 10));
        assertEquals(dir.resolve("absent") + ": no such file or folder", missing.getMessage());
        Files.writeString(dir.resolve("readme.txt"), "no images");
        SourceException empty = assertThrows(SourceException.class, () -> ImageFolderSource.open(dir, 10));
        assertEquals(dir + ": no image files (.bmp, .jpeg, .jpg, .png)", empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageFolderSource.open(dir, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageFolderSource.open(dir, Double.NaN));
        // a rate so low that the stamps would overflow a long after a frame or two
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageFolderSource.open(dir, 1e-12))
                .getMessage().contains("a frame a day"));
    }
}
