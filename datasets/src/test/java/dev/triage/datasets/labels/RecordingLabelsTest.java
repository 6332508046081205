package dev.triage.datasets.labels;

import dev.triage.datasets.bag.BagImageSource;
import dev.triage.datasets.bag.RosTools;
import dev.triage.datasets.rosbag2.Rosbag2Fixtures;
import dev.triage.datasets.rosbag2.Rosbag2ImageSource;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.LaneRows;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.spi.FrameSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The labels sidecar of a recording: every label format keyed by header stamp, and the frames of real recordings
 * (an MCAP written by npm {@code @mcap/core}, a ROS 1 bag written by Debian's rosbag API) meeting it by stamp, with
 * every frame and label that does not meet counted.
 */
class RecordingLabelsTest {
    private static final long BASE = Rosbag2Fixtures.BASE_NS;
    private static final long STEP = 100_000_000L;

    @TempDir
    Path dir;

    /** A sidecar labelling frames 0, 1, 2 and 4 of the test drive, and a stamp between frames 0 and 1. */
    private Path sidecar() throws IOException {
        Path s = Files.createDirectories(dir.resolve("drive.labels"));
        Files.writeString(s.resolve("labels.csv"), "stamp,scene,source\n"
                + BASE + ",urban,test\n"
                + "1700000000.1,urban,test\n"                          // frame 1, written in seconds
                + (BASE + 2 * STEP) + ",urban,test\n"
                + (BASE + 4 * STEP) + ",highway,test\n"
                + (BASE + STEP / 2) + ",urban,no such frame\n");
        Files.writeString(s.resolve("boxes.csv"), "stamp,class,x1,y1,x2,y2\n"
                + BASE + ",pedestrian,10,20,40,120\n"
                + "1700000000.100000000,car,100,100,200,180\n"
                + (BASE + STEP) + ",DontCare,0,0,10,10\n");
        Path label2 = Files.createDirectories(s.resolve("label_2"));
        Files.writeString(label2.resolve((BASE + 2 * STEP) + ".txt"),
                "Cyclist 0.00 0 0.0 50 40 90 140 1.7 0.6 1.8 1.0 1.5 12.0 0.0\n");
        Files.writeString(s.resolve("lanes.json"), "{\"lanes\": [[-2, 100, 90], [-2, 200, 210]], "
                + "\"h_samples\": [100, 160, 220], \"stamp\": \"" + (BASE + 4 * STEP) + "\"}\n");
        return s;
    }

    @Test
    void everyLabelFormatMeetsOnTheHeaderStamp() throws IOException {
        LabelledDataset labels = LabelledDataset.loadStamped(sidecar());
        assertTrue(labels.stamped());
        assertEquals(5, labels.frames().size());
        GroundTruth f0 = labels.frameAt(BASE).orElseThrow().truth();
        assertEquals(Optional.of("urban"), f0.scene());
        assertEquals(ObjectClass.PEDESTRIAN, f0.objects().get(0).label());
        GroundTruth f1 = labels.frameAt(BASE + STEP).orElseThrow().truth();
        assertEquals(ObjectClass.VEHICLE, f1.objects().get(0).label(), "boxes.csv row keyed in seconds");
        assertEquals(1, f1.ignore().size(), "DontCare is an ignore region");
        LabelledFrame f2 = labels.frameAt(BASE + 2 * STEP).orElseThrow();
        assertEquals(ObjectClass.CYCLIST, f2.truth().objects().get(0).label());
        assertEquals(Optional.of("label_2/" + (BASE + 2 * STEP) + ".txt"), f2.boxSource());
        LaneRows lanes = labels.frameAt(BASE + 4 * STEP).orElseThrow().truth().lanes().orElseThrow();
        assertEquals(List.of(100, 160, 220), lanes.hSamples());
        assertEquals(Optional.empty(), labels.frameAt(BASE + 3 * STEP));
        assertEquals(Long.toString(BASE), labels.frames().get(0).id(), "frame ids are stamps in ns");
    }

    @Test
    void badSidecarsAreRefusedNamingFileAndLine() throws IOException {
        Path s = sidecar();
        Files.writeString(s.resolve("labels.csv"), "stamp,scene\n" + BASE + ",urban\n1700000000.0,urban\n");
        LabelFormatException twice = assertThrows(LabelFormatException.class, () -> LabelledDataset.loadStamped(s));
        assertEquals(s.resolve("labels.csv").toAbsolutePath() + ":3: stamp 1700000000.0 is listed twice (line 2)",
                twice.getMessage());
        Files.writeString(s.resolve("labels.csv"), "stamp,scene\n17e9,urban\n");
        LabelFormatException bad = assertThrows(LabelFormatException.class, () -> LabelledDataset.loadStamped(s));
        assertTrue(bad.getMessage().contains("labels.csv:2: stamp '17e9' is not a header stamp"), bad.getMessage());
        Files.writeString(s.resolve("labels.csv"), "stamp,scene\n" + BASE + ",urban\n");
        LabelFormatException asFolder = assertThrows(LabelFormatException.class, () -> LabelledDataset.load(s));
        assertTrue(asFolder.getMessage().contains("give the recording and --labels"), asFolder.getMessage());
        Files.writeString(s.resolve("labels.csv"), "filename,scene\na.png,urban\n");
        LabelFormatException byName = assertThrows(LabelFormatException.class, () -> LabelledDataset.loadStamped(s));
        assertTrue(byName.getMessage().contains("name frames by header stamp"), byName.getMessage());
    }

    @Test
    void mcapFramesGetTheTruthAtTheirStampAndMismatchesAreCounted() throws Exception {
        assumeTrue(Rosbag2Fixtures.available(), Rosbag2Fixtures.skipReason());
        Path mcap = Rosbag2Fixtures.writeMcap(dir.resolve("drive.mcap"), Rosbag2Fixtures.drive(),
                Map.of("compression", "zstd"));
        checkDrive(Rosbag2ImageSource.open(mcap, Optional.of("/cam/compressed")));
    }

    @Test
    void ros1BagFramesGetTheTruthAtTheirStampAndMismatchesAreCounted() throws Exception {
        assumeTrue(RosTools.pythonRosbag(), RosTools.skipReason());
        Path bag = RosTools.writeBag(dir.resolve("drive.bag"), "--compression", "lz4", "--stream",
                "/cam/image_raw:raw:bgr8");
        checkDrive(BagImageSource.open(bag, Optional.empty()));
    }

    private void checkDrive(FrameSource recording) throws Exception {
        List<Frame> frames = new ArrayList<>();
        LabelledRecordingSource.Matching matching;
        try (LabelledRecordingSource source = new LabelledRecordingSource(recording,
                LabelledDataset.loadStamped(sidecar()))) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                frames.add(f.get());
            }
            matching = source.matching();
        }
        assertEquals(6, frames.size());
        List<Optional<String>> scenes = frames.stream().map(f -> f.truth().flatMap(GroundTruth::scene)).toList();
        assertEquals(List.of(Optional.of("urban"), Optional.of("urban"), Optional.of("urban"), Optional.empty(),
                Optional.of("highway"), Optional.empty()), scenes);
        assertEquals("camera", frames.get(0).frameId(), "the recorded frame_id is kept");
        assertEquals(new LabelledRecordingSource.Matching(5, 6, 4, 2, 1, BASE + 3 * STEP, BASE + STEP / 2),
                matching);
        List<String> lines = matching.lines("drive.labels");
        assertEquals(List.of("2 of 6 frames have no label in drive.labels (first at stamp " + (BASE + 3 * STEP)
                        + " ns); they are not scored",
                "1 of 5 labelled stamps in drive.labels match no frame (first: " + (BASE + STEP / 2)
                        + " ns); they are not scored"), lines);
    }
}
