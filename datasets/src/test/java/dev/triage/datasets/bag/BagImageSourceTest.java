package dev.triage.datasets.bag;

import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.image.FrameDecodeException;
import dev.triage.perception.image.FrameDecoder;
import dev.triage.perception.spi.SourceException;
import dev.triage.perception.testing.NoiseFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.triage.datasets.SourceReads.readAll;
import static dev.triage.datasets.SourceReads.readInto;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link BagImageSource} and {@link BagReader} against bags written by Debian's python rosbag API. */
class BagImageSourceTest {
    private static final String RAW = "/cam/image_raw:raw:bgr8";
    private static final String PNG = "/cam/compressed:compressed:png";
    @TempDir
    Path dir;

    @BeforeEach
    void needsRos() {
        assumeTrue(RosTools.pythonRosbag(), RosTools.skipReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "bz2"})
    void readsRawBgr8FramesOfTheFirstImageTopicWithTheirPixelsAndStamps(String compression) throws Exception {
        Path bag = RosTools.writeBag(dir.resolve("drive.bag"), "--compression", compression, "--chatter",
                "--stream", RAW, "--stream", PNG, "--chunk-threshold", "300000");
        try (BagImageSource source = BagImageSource.open(bag, Optional.empty())) {
            assertEquals(Optional.of("/cam/image_raw"), source.topic(), "the first image topic, not /chatter");
            RosTools.assertBgr8Drive(readAll(source));
            assertTrue(source.describe().contains("drive.bag") && source.describe().contains("/cam/image_raw"),
                    source.describe());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "bz2"})
    void readsCompressedImagesOfTheRequestedTopic(String compression) throws Exception {
        Path bag = RosTools.writeBag(dir.resolve("drive.bag"), "--compression", compression, "--stream", RAW,
                "--stream", PNG);
        try (BagImageSource source = BagImageSource.open(bag, Optional.of("/cam/compressed"))) {
            RosTools.assertPngDrive(readAll(source));
        }
    }

    @Test
    void fallsBackToTheRecordTimeWhenHeaderStampsAreZero() throws Exception {
        Path bag = RosTools.writeBag(dir.resolve("zero.bag"), "--stream", RAW, "--zero-stamps");
        try (BagImageSource source = BagImageSource.open(bag, Optional.empty())) {
            List<Frame> frames = readAll(source);
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(RosTools.BASE_NS + i * 100_000_000L + 5_000_000L, frames.get(i).stampNanos());
            }
        }
    }

    @Test
    void namesTheAvailableTopicsWhenTheRequestedOneIsMissingOrNotAnImage() throws Exception {
        Path bag = RosTools.writeBag(dir.resolve("topics.bag"), "--chatter", "--stream", RAW);
        SourceException missing = assertThrows(SourceException.class,
                () -> BagImageSource.open(bag, Optional.of("/nope")));
        assertTrue(missing.getMessage().contains("topics.bag: no topic '/nope'")
                && missing.getMessage().contains("/cam/image_raw (sensor_msgs/Image)")
                && missing.getMessage().contains("/chatter (std_msgs/String)"), missing.getMessage());
        SourceException wrongType = assertThrows(SourceException.class,
                () -> BagImageSource.open(bag, Optional.of("/chatter")));
        assertTrue(wrongType.getMessage().contains("carries std_msgs/String"), wrongType.getMessage());
        Path noImages = RosTools.writeBag(dir.resolve("chatter.bag"), "--chatter");
        SourceException none = assertThrows(SourceException.class,
                () -> BagImageSource.open(noImages, Optional.empty()));
        assertEquals(noImages + ": no sensor_msgs/Image or sensor_msgs/CompressedImage topic; topics: /chatter "
                + "(std_msgs/String)", none.getMessage());
    }

    @Test
    void passesUnsupportedEncodingsThroughForThePipelineToCount() throws Exception {
        Path bag = RosTools.writeBag(dir.resolve("yuv.bag"), "--stream", "/cam/yuv:raw:yuv422");
        FrameDecoder decoder = new FrameDecoder();
        try (BagImageSource source = BagImageSource.open(bag, Optional.empty())) {
            List<Frame> frames = readAll(source);
            assertEquals(6, frames.size());
            for (Frame f : frames) {
                Image.Raw raw = (Image.Raw) f.image();
                assertEquals("yuv422", raw.encoding());
                assertEquals(640, raw.step());
                assertEquals(640 * 240, raw.data().length);
                FrameDecodeException e = assertThrows(FrameDecodeException.class, () -> decoder.decode(raw));
                assertTrue(e.getMessage().contains("unsupported encoding 'yuv422'"), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "bz2"})
    void aBagCutInsideAChunkYieldsEveryCompleteMessageThenNamesFileAndOffset(String compression) throws Exception {
        // one image per chunk (each is larger than the threshold): chunk i holds frame i
        Path bag = RosTools.writeBag(dir.resolve("full.bag"), "--compression", compression, "--stream", RAW,
                "--chunk-threshold", "1000");
        List<Long> offsets = messageOffsets(bag);
        assertEquals(6, offsets.size());
        Path cutBag = dir.resolve("cut.bag");
        Files.copy(bag, cutBag);
        cut(cutBag, offsets.get(3) + 5000);
        try (BagImageSource source = BagImageSource.open(cutBag, Optional.empty())) {
            assertEquals(Optional.empty(), source.topic(), "the index is cut off: the topic is found by streaming");
            for (int i = 0; i < 3; i++) {
                assertEquals(i, source.next().orElseThrow().seq());
            }
            SourceException e = assertThrows(SourceException.class, source::next);
            assertTrue(e.getMessage().startsWith(cutBag + ": truncated or corrupt at byte " + offsets.get(3) + ":"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("3 frames were read before"), e.getMessage());
        }
    }

    @Test
    void anUncompressedChunkCutMidwayStillYieldsItsCompleteMessages() throws Exception {
        Path bag = RosTools.writeBag(dir.resolve("full.bag"), "--stream", RAW, "--chunk-threshold", "100000000");
        List<Long> offsets = messageOffsets(bag);
        Path cutBag = dir.resolve("cut.bag");
        Files.copy(bag, cutBag);
        cut(cutBag, offsets.get(4) + 100);
        try (BagImageSource source = BagImageSource.open(cutBag, Optional.empty())) {
            List<Frame> frames = new ArrayList<>();
            SourceException e = assertThrows(SourceException.class, () -> readInto(source, frames));
            assertEquals(4, frames.size(), "the four messages before the cut, all in the one cut chunk");
            assertTrue(e.getMessage().contains("at byte " + offsets.get(4) + ":"), e.getMessage());
            assertTrue(e.getMessage().contains("the file ends inside this chunk"), e.getMessage());
        }
    }

    @Test
    void refusesAGarbageFileNamingIt() throws Exception {
        Path garbage = NoiseFiles.write(dir.resolve("garbage.bag"), 100_000, 1);
        SourceException e = assertThrows(SourceException.class, () -> BagImageSource.open(garbage, Optional.empty()));
        assertTrue(e.getMessage().startsWith(garbage + ": not a ROS bag v2.0 file"), e.getMessage());

        Path badBody = dir.resolve("bad-body.bag");
        byte[] withMagic = Files.readAllBytes(garbage);
        System.arraycopy(BagReader.MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, withMagic, 0, 13);
        Files.write(badBody, withMagic);
        SourceException body = assertThrows(SourceException.class,
                () -> BagImageSource.open(badBody, Optional.empty()));
        assertTrue(body.getMessage().startsWith(badBody + ": corrupt at byte 13:"), body.getMessage());

        SourceException missing = assertThrows(SourceException.class,
                () -> BagImageSource.open(dir.resolve("absent.bag"), Optional.empty()));
        assertEquals(dir.resolve("absent.bag") + ": no such file or folder", missing.getMessage());
    }

    @Test
    void capsTheRecordSize() throws Exception {
        Path bag = RosTools.writeBag(dir.resolve("drive.bag"), "--stream", RAW);
        try (BagImageSource source = BagImageSource.open(bag, Optional.empty(), 100_000)) {
            SourceException e = assertThrows(SourceException.class, source::next);
            assertTrue(e.getMessage().contains("over the limit of 100000 bytes"), e.getMessage());
        }
    }


    private static List<Long> messageOffsets(Path bag) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (BagReader reader = BagReader.open(bag)) {
            for (Optional<BagMessage> m = reader.next(); m.isPresent(); m = reader.next()) {
                offsets.add(m.get().offset());
            }
        }
        return offsets;
    }

    private static void cut(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
        }
    }
}
