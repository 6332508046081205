package dev.triage.launch.wiring;

import dev.triage.datasets.folder.ImageFolderSource;
import dev.triage.datasets.synthetic.SyntheticDriveSource;
import dev.triage.perception.spi.FrameSource;
import dev.triage.perception.spi.SourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How {@link SourceFactory} routes a SOURCE argument and its options. */
class SourceFactoryTest {
    @TempDir
    Path dir;

    private static SourceOptions topic(String t) {
        return new SourceOptions(Optional.of(t), Optional.empty(), Optional.empty());
    }

    private static SourceOptions fps(double f) {
        return new SourceOptions(Optional.empty(), Optional.of(f), Optional.empty());
    }

    @Test
    void aMissingPathIsNamed() {
        SourceException e = assertThrows(SourceException.class,
                () -> SourceFactory.open(dir.resolve("nope.bag").toString()));
        assertEquals(dir.resolve("nope.bag") + ": no such file or folder", e.getMessage());
    }

    @Test
    void aFolderIsAnImageFolderWithItsFrameRate() throws Exception {
        Files.write(dir.resolve("a.png"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("b.png"), new byte[] {1, 2, 3});
        try (FrameSource source = SourceFactory.open(dir.toString(), fps(5))) {
            assertInstanceOf(ImageFolderSource.class, source);
            assertEquals(Optional.of(5.0), source.nominalFps());
            source.next().orElseThrow();
            assertEquals(200_000_000L, source.next().orElseThrow().stampNanos());
        }
        SourceException bad = assertThrows(SourceException.class, () -> SourceFactory.open(dir.toString(), fps(0)));
        assertTrue(bad.getMessage().startsWith("--fps: "), bad.getMessage());
    }

    @Test
    void bagFilesGoToTheBagReaderAndOtherFilesToFfmpeg() throws Exception {
        Path bag = Files.write(dir.resolve("x.bag"), "not a bag at all".getBytes());
        SourceException notBag = assertThrows(SourceException.class, () -> SourceFactory.open(bag.toString()));
        assertTrue(notBag.getMessage().startsWith(bag + ": not a ROS bag v2.0 file"), notBag.getMessage());
        Path video = Files.write(dir.resolve("x.mp4"), new byte[4096]);
        SourceException notVideo = assertThrows(SourceException.class, () -> SourceFactory.open(video.toString()));
        assertTrue(notVideo.getMessage().startsWith(video + ": not a video file FFmpeg can read"),
                notVideo.getMessage());
    }

    @Test
    void mcapDb3AndRosbag2FoldersGoToTheRosbag2Reader() throws Exception {
        Path mcap = Files.write(dir.resolve("x.mcap"), "not an mcap file".getBytes());
        SourceException notMcap = assertThrows(SourceException.class, () -> SourceFactory.open(mcap.toString()));
        assertEquals(mcap + ": corrupt at byte 0: not an MCAP file (no MCAP magic)", notMcap.getMessage());
        Path db3 = Files.writeString(dir.resolve("x.db3"), "not a database ".repeat(100));
        SourceException notDb = assertThrows(SourceException.class, () -> SourceFactory.open(db3.toString()));
        assertTrue(notDb.getMessage().startsWith(db3 + ": corrupt at table 'topics': "), notDb.getMessage());
        Path bag = Files.createDirectories(dir.resolve("bag2"));
        Files.writeString(bag.resolve("metadata.yaml"), "rosbag2_bagfile_information:\n  storage_identifier: x\n");
        SourceException storage = assertThrows(SourceException.class, () -> SourceFactory.open(bag.toString()));
        assertEquals(bag + ": metadata.yaml: storage_identifier 'x' is not mcap or sqlite3", storage.getMessage());
        SourceException fpsOnMcap = assertThrows(SourceException.class,
                () -> SourceFactory.open(mcap.toString(), fps(10)));
        assertEquals("--fps applies to image folders only, not to " + mcap, fpsOnMcap.getMessage());
    }

    @Test
    void optionsThatASourceWouldIgnoreAreRefused() throws Exception {
        Files.write(dir.resolve("a.png"), new byte[] {1});
        Path bag = Files.write(dir.resolve("x.bag"), new byte[] {1});
        SourceException topicOnFolder = assertThrows(SourceException.class,
                () -> SourceFactory.open(dir.toString(), topic("/cam")));
        assertEquals("--topic applies to recordings (.bag, .mcap, .db3, rosbag2 folders) only, not to " + dir, topicOnFolder.getMessage());
        SourceException fpsOnBag = assertThrows(SourceException.class,
                () -> SourceFactory.open(bag.toString(), fps(10)));
        assertEquals("--fps applies to image folders only, not to " + bag, fpsOnBag.getMessage());
        assertThrows(SourceException.class, () -> SourceFactory.open("synthetic:", topic("/cam")));
        try (FrameSource synthetic = SourceFactory.open("synthetic:route=urban:2", SourceOptions.DEFAULTS)) {
            assertInstanceOf(SyntheticDriveSource.class, synthetic);
        }
    }
}
