package dev.triage.datasets.labels;

import dev.triage.datasets.eval.DetectionScope;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.GroundTruth;
import dev.triage.perception.core.Image;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.image.OpenCv;
import dev.triage.perception.spi.SourceException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelledDatasetTest {
    static final Path SHARED = Path.of(System.getProperty("triage.shared.data", "../../shared/data"))
            .toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return DatasetFiles.write(dir, name, text);
    }

    private void image(String name, int w, int h) throws IOException {
        OpenCv.load();
        DatasetFiles.image(dir, name, new Mat(h, w, CvType.CV_8UC3, new Scalar(90, 100, 110)));
    }

    /** A folder of four small sets with a root labels.csv, like shared/data. */
    private Path tinyDrive() throws IOException {
        image("peds/images/p1.png", 64, 48);
        write("peds/labels.csv", "filename,scene,source\nimages/p1.png,urban,\"hand, drawn\"\n");
        write("peds/boxes.csv", "filename,class,x1,y1,x2,y2\nimages/p1.png,pedestrian,10,5,20,40\n"
                + "images/p1.png,cyclist,30,5,45,40\nimages/p1.png,DontCare,50,0,63,30\n");
        image("kitti/image_2/000001.png", 64, 48);
        image("kitti/image_2/000002.png", 64, 48);
        write("kitti/labels.csv", "filename,scene,source\nimage_2/000001.png,urban,k\nimage_2/000002.png,urban,k\n");
        write("kitti/label_2/000001.txt", "Car 0 0 0 1 2 40 30 0 0 0 0 0 0 0\n"
                + "Pedestrian 0 0 0 41 1 50 40 0 0 0 0 0 0 0\nCyclist 0 0 0 5 5 9 45 0 0 0 0 0 0 0\n"
                + "Pedestrian 0.9 0 0 0 0 5 40 0 0 0 0 0 0 0\nPerson_sitting 0 0 0 1 1 9 30 0 0 0 0 0 0 0\n");
        image("nuscenes_mini/image_2/000070.png", 64, 48);
        image("nuscenes_mini/sequence/000070.jpg", 64, 48);
        write("nuscenes_mini/labels.csv", "filename,scene,source\nimage_2/000070.png,urban,n\n"
                + "sequence/000070.jpg,urban,n\n");
        write("nuscenes_mini/label_2/000070.txt", "pedestrian 0.00 0 0.00 5 5 15 40 0 0 0 0 0 0 0\n"
                + "car 0.00 0 0.00 20 20 60 45 0 0 0 0 0 0 0\n");
        image("lanes/clips/a/20.jpg", 128, 72);
        image("lanes/image/0000.png", 128, 72);
        write("lanes/label_data.json", "{\"lanes\": [[-2, 40, 30], [-2, 80, 90]], \"h_samples\": [40, 50, 60], "
                + "\"raw_file\": \"clips/a/20.jpg\"}\n");
        OpenCv.load();
        Mat mask = Mat.zeros(72, 128, CvType.CV_8UC1);
        org.opencv.imgproc.Imgproc.line(mask, new org.opencv.core.Point(50, 30), new org.opencv.core.Point(20, 71),
                new Scalar(20), 2);
        Files.createDirectories(dir.resolve("lanes/gt_instance_image"));
        Imgcodecs.imwrite(dir.resolve("lanes/gt_instance_image/0000.png").toString(), mask);
        mask.release();
        write("lanes/labels.csv", "filename,scene,source\nclips/a/20.jpg,highway,t\nimage/0000.png,highway,l\n");
        write("labels.csv", "filename,scene,source\n"
                + "peds/images/p1.png,urban,\"hand, drawn\"\n"
                + "kitti/image_2/000001.png,urban,k\nkitti/image_2/000002.png,urban,k\n"
                + "nuscenes_mini/image_2/000070.png,urban,n\nnuscenes_mini/sequence/000070.jpg,urban,n\n"
                + "lanes/clips/a/20.jpg,highway,t\nlanes/image/0000.png,highway,l\n");
        return dir;
    }

    @Test
    void folderOfSetsMergesEveryLabelSourcePerSet() throws IOException {
        LabelledDataset d = LabelledDataset.load(tinyDrive());
        assertEquals(7, d.frames().size());

        LabelledFrame peds = d.frame("peds/images/p1.png").orElseThrow();
        assertEquals("peds", peds.set());
        GroundTruth t = peds.truth();
        assertEquals(Optional.of("urban"), t.scene());
        assertEquals(2, t.objects().size());
        assertEquals(1, t.ignore().size());
        assertFalse(t.objectsLabelled(), "cars are not labelled in a pedestrian set");
        assertEquals(Optional.of(DetectionScope.of(Set.of(ObjectClass.PEDESTRIAN, ObjectClass.CYCLIST), false)),
                peds.scope());
        assertTrue(peds.scoresCompletely(ObjectClass.PEDESTRIAN));
        assertFalse(peds.scoresCompletely(ObjectClass.VEHICLE));

        LabelledFrame k1 = d.frame("kitti/image_2/000001.png").orElseThrow();
        assertTrue(k1.truth().objectsLabelled(), "KITTI labels cars, pedestrians and cyclists");
        assertEquals(3, k1.truth().objects().size());
        // the truncated pedestrian (0.9) and Person_sitting are ignore regions
        assertEquals(2, k1.truth().ignore().size());
        assertEquals(Optional.of("label_2/000001.txt"), k1.boxSource());
        LabelledFrame k2 = d.frame("kitti/image_2/000002.png").orElseThrow();
        assertEquals(Optional.empty(), k2.scope(), "a missing label_2 file leaves the frame unscored");
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("no label_2 file") && n.contains("000002.txt")),
                d.notes().toString());

        LabelledFrame nu = d.frame("nuscenes_mini/image_2/000070.png").orElseThrow();
        assertFalse(nu.truth().objectsLabelled());
        assertEquals(List.of(ObjectClass.VEHICLE), nu.truth().objects().stream().map(o -> o.label()).toList());
        assertEquals(1, nu.truth().ignore().size(), "projected pedestrian boxes are ignore regions");
        assertEquals(Optional.of(DetectionScope.of(Set.of(ObjectClass.VEHICLE), true)), nu.scope());
        LabelledFrame seq = d.frame("nuscenes_mini/sequence/000070.jpg").orElseThrow();
        assertEquals(Optional.empty(), seq.boxSource(), "label_2 applies only to image_2 frames");
        assertTrue(seq.truth().objects().isEmpty());

        LabelledFrame ts = d.frame("lanes/clips/a/20.jpg").orElseThrow();
        assertEquals(List.of(40, 50, 60), ts.truth().lanes().orElseThrow().hSamples());
        assertEquals(2, ts.truth().lanes().orElseThrow().lanes().size());
        LabelledFrame ln = d.frame("lanes/image/0000.png").orElseThrow();
        assertEquals(Optional.of("LaneNet instance mask"), ln.laneSource());
        assertEquals(1, ln.truth().lanes().orElseThrow().lanes().size());
        assertEquals(71, ln.truth().lanes().orElseThrow().hSamples().get(
                ln.truth().lanes().orElseThrow().hSamples().size() - 1));
    }

    @Test
    void oneSetOpensOnItsOwnAndSourceReadsBytesLazily() throws IOException, SourceException {
        tinyDrive();
        Path set = dir.resolve("peds");
        assertTrue(LabelledDatasetSource.isDataset(set));
        try (LabelledDatasetSource source = LabelledDatasetSource.open(set)) {
            Frame f = source.next().orElseThrow();
            assertEquals("images/p1.png", f.frameId());
            assertEquals(0, f.seq());
            Image.Encoded img = (Image.Encoded) f.image();
            assertEquals("png", img.format());
            assertArrayEquals(Files.readAllBytes(set.resolve("images/p1.png")), img.data());
            assertEquals(2, f.truth().orElseThrow().objects().size());
            assertTrue(source.next().isEmpty());
        }
    }

    @Test
    void folderWithoutRootCsvReadsEverySubsetCsv() throws IOException {
        tinyDrive();
        Files.delete(dir.resolve("labels.csv"));
        assertTrue(LabelledDataset.isDataset(dir));
        assertEquals(7, LabelledDataset.load(dir).frames().size());
    }

    @Test
    void notADatasetAndMalformedLabelsAreReportedWithNames() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertFalse(LabelledDatasetSource.isDataset(empty));
        assertFalse(LabelledDatasetSource.isDataset(dir.resolve("missing")));
        SourceException e = assertThrows(SourceException.class,
                () -> LabelledDatasetSource.open(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        tinyDrive();
        Path bad = write("kitti/label_2/000001.txt", "Car 0 0 0 1 2 40 30\nCar oops\n");
        SourceException m = assertThrows(SourceException.class, () -> LabelledDatasetSource.open(dir));
        assertTrue(m.getMessage().startsWith(bad + ":2: "), m.getMessage());
    }

    @Test
    void sceneThatIsNoGateClassIsNamedWithItsFrames() throws IOException {
        image("s/a.png", 64, 48);
        image("s/b.png", 64, 48);
        image("s/c.png", 64, 48);
        write("s/labels.csv", "filename,scene,source\na.png,highway,x\nb.png,highwy,x\nc.png,highwy,x\n");
        LabelledDataset d = LabelledDataset.load(dir.resolve("s"));
        assertEquals(List.of("scene 'highwy' of 2 frame(s) (first: b.png) is not a class of this gate (urban, "
                + "highway); they count as misrouted in the gate accuracy"), d.unknownScenes(List.of("urban", "highway")));
        assertEquals(List.of(), d.unknownScenes(List.of("urban", "highway", "highwy")));
    }

    @Test
    void imageListedTwiceIsNoted() throws IOException {
        image("s/a.png", 64, 48);
        write("s/labels.csv", "filename,scene,source\na.png,urban,x\na.png,urban,x\na.png,highway,x\n");
        LabelledDataset d = LabelledDataset.load(dir.resolve("s"));
        assertEquals(3, d.frames().size());
        Path a = dir.resolve("s/a.png").toAbsolutePath().normalize();
        assertTrue(d.notes().contains(a + " is listed again at labels.csv line 3 (first at line 2); it is evaluated "
                + "once per row"), d.notes().toString());
        assertTrue(d.notes().contains(a + " is listed again at labels.csv line 4 (first at line 2) with another scene "
                + "(highway, first urban); it is evaluated once per row"), d.notes().toString());
    }

    @Test
    void splitRowWhoseSceneDisagreesIsNotedAndTheDatasetsSceneIsScored() throws IOException {
        image("s/a.png", 64, 48);
        image("s/b.png", 64, 48);
        write("s/labels.csv", "filename,scene,source\na.png,urban,x\nb.png,highway,x\n");
        Path split = write("split.csv", "filename,scene,source\na.png,urban,x\nb.png,urban,x\nc.png,urban,x\n"
                + "b.png,highway,x\n");
        LabelledDataset d = LabelledDataset.load(dir.resolve("s")).only(split);
        assertEquals(List.of("a.png", "b.png"), d.frames().stream().map(LabelledFrame::id).toList());
        assertEquals(Optional.of("highway"), d.frames().get(1).truth().scene());
        assertTrue(d.notes().contains("split " + split + " line 3: b.png has scene 'urban', the dataset 'highway'; "
                + "the dataset's is scored"), d.notes().toString());
        assertTrue(d.notes().stream().anyMatch(n -> n.startsWith("split " + split + ": c.png is not in ")),
                d.notes().toString());
        assertTrue(d.notes().contains("split " + split + " line 5: b.png is listed again (first at line 3); the first "
                + "row counts"), d.notes().toString());
        assertEquals(5, d.notes().size(), d.notes().toString()); // the set summary, these three, the split count
    }

    @Test
    void missingImageCostsOneFrameNotTheSource() throws IOException {
        tinyDrive();
        Files.delete(dir.resolve("peds/images/p1.png"));
        LabelledDataset d = LabelledDataset.load(dir);
        assertTrue(d.notes().stream().anyMatch(n -> n.startsWith("missing image")), d.notes().toString());
        LabelledDatasetSource s = new LabelledDatasetSource(d);
        Frame f = s.next().orElseThrow();
        assertEquals(new Image.Unreadable(dir.resolve("peds/images/p1.png") + ": no such file"), f.image());
        assertTrue(s.next().isPresent());
    }

    @Test
    void sharedDevDataLoadsEveryFrameWithTruth() throws IOException, SourceException {
        Assumptions.assumeTrue(Files.isRegularFile(SHARED.resolve("labels.csv")),
                "shared dev data not present at " + SHARED);
        long rows = Files.readAllLines(SHARED.resolve("labels.csv")).stream().skip(1)
                .filter(l -> !l.isBlank()).count();
        LabelledDataset d = LabelledDataset.load(SHARED);
        d.notes().forEach(n -> System.out.println("note: " + n));
        assertEquals(138, rows);
        assertEquals(rows, d.frames().size());
        assertTrue(d.frames().stream().allMatch(f -> f.truth().scene().isPresent()));
        assertEquals(109, d.frames().stream().filter(f -> f.truth().scene().get().equals("urban")).count());

        List<LabelledFrame> peds = d.frames().stream().filter(f -> f.scoresCompletely(ObjectClass.PEDESTRIAN)).toList();
        assertEquals(5, peds.size());
        assertTrue(peds.stream().allMatch(f -> f.set().equals("pedestrians_street_dev")));
        assertEquals(37, peds.stream().mapToLong(f -> f.truth().objects().stream()
                .filter(o -> o.label().equals(ObjectClass.PEDESTRIAN)).count()).sum());
        assertEquals(28, peds.stream().mapToInt(f -> f.truth().ignore().size()).sum());

        LabelledFrame nu = d.frame("nuscenes_boston_urban_dev/image_2/000070.png").orElseThrow();
        assertEquals(2, nu.truth().ignore().size());
        assertTrue(nu.truth().objects().stream().allMatch(o -> o.label().equals(ObjectClass.VEHICLE)));
        assertEquals(30, d.frames().stream().filter(f -> f.set().startsWith("nuscenes") && f.scope().isPresent())
                .count());
        assertEquals(121, d.frames().stream().filter(f -> f.set().startsWith("nuscenes"))
                .mapToInt(f -> f.truth().objects().size()).sum());

        LabelledFrame argo = d.frame("argoverse_kitti_format_urban/image_2/000000.png").orElseThrow();
        assertEquals(Optional.of("boxes_projected.csv"), argo.boxSource());
        assertTrue(argo.scope().orElseThrow().weak());

        List<LabelledFrame> lanes = d.frames().stream().filter(f -> f.truth().lanes().isPresent()).toList();
        assertEquals(6, lanes.size());
        assertEquals(2, lanes.stream().filter(f -> f.laneSource().orElse("").startsWith("LaneNet")).count());
        for (LabelledFrame f : lanes) {
            assertTrue(f.truth().lanes().get().lanes().size() >= 2, f.id());
        }

        int n = 0;
        List<String> ids = new ArrayList<>();
        try (LabelledDatasetSource s = LabelledDatasetSource.open(SHARED)) {
            for (Optional<Frame> f = s.next(); f.isPresent(); f = s.next()) {
                assertTrue(f.get().truth().isPresent());
                assertTrue(((Image.Encoded) f.get().image()).data().length > 0, f.get().frameId());
                ids.add(f.get().frameId());
                n++;
            }
        }
        assertEquals(138, n);
        assertEquals("nuscenes_boston_urban_dev/image_2/000070.png", ids.get(0));
    }
}
