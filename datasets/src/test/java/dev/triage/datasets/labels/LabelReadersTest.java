package dev.triage.datasets.labels;

import dev.triage.perception.core.LaneRows;
import dev.triage.perception.core.ObjectClass;
import dev.triage.perception.image.OpenCv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelReadersTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return DatasetFiles.write(dir, name, text);
    }

    /** A label reader under test. */
    @FunctionalInterface
    private interface Reader {
        void read(Path file) throws IOException;
    }

    /** Asserts that {@code reader} refuses {@code file} with a message that starts {@code file + lineAndDetail}. */
    private static LabelFormatException assertRefused(Reader reader, Path file, String lineAndDetail) {
        LabelFormatException e = assertThrows(LabelFormatException.class, () -> reader.read(file));
        assertTrue(e.getMessage().startsWith(file + lineAndDetail), e.getMessage());
        return e;
    }

    @Test
    void labelsCsvReadsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
        Path csv = write("labels.csv", "\uFEFFfilename,scene,source\r\n"
                + "images/a.jpg,urban,\"repo/x: a.jpg (city, day)\"\r\n"
                + "\"images/b, c.jpg\",HIGHWAY,\"he said \"\"hi\"\"\"\n"
                + "\n"
                + "images/d.jpg,,\"two\nlines\"\n"
                + "images/e.jpg,highway\n");
        List<LabelsCsv.Entry> e = LabelsCsv.read(csv);
        assertEquals(4, e.size());
        assertEquals(dir.resolve("images/a.jpg").toAbsolutePath(), e.get(0).file());
        assertEquals(Optional.of("urban"), e.get(0).scene());
        assertEquals("repo/x: a.jpg (city, day)", e.get(0).source());
        assertEquals("images/b, c.jpg", e.get(1).filename());
        assertEquals(Optional.of("highway"), e.get(1).scene());
        assertEquals("he said \"hi\"", e.get(1).source());
        assertEquals(3, e.get(1).line());
        assertEquals(Optional.empty(), e.get(2).scene());
        assertEquals("two\nlines", e.get(2).source());
        assertEquals(7, e.get(3).line());
        assertEquals("", e.get(3).source());
    }

    @Test
    void labelsCsvTakesAnySceneName() throws IOException {
        Path csv = write("named/labels.csv", "filename,scene,source\na.jpg,Night,x\nb.jpg,work_zone,y\n");
        List<LabelsCsv.Entry> e = LabelsCsv.read(csv);
        assertEquals(Optional.of("night"), e.get(0).scene());
        assertEquals(Optional.of("work_zone"), e.get(1).scene());
    }

    /** Malformed label files: the reader, the file and its text, and what the error says after the file's name. */
    static Stream<Arguments> malformedLabelFiles() {
        return Stream.of(
                malformed(LabelsCsv::read, "bad/labels.csv",
                        "filename,scene,source\na.jpg,urban,x\nb.jpg,work zone,y\n", ":3: scene 'work zone'"),
                malformed(LabelsCsv::read, "open/labels.csv", "filename,scene,source\na.jpg,urban,\"never closed\n",
                        ":2: unterminated"),
                malformed(KittiLabels::read, "label_2/a.txt", "Car 0 0 0 1 2 3 4 0 0 0 0 0 0 0\nCar 0 0 0 1 2\n",
                        ":2: expected at least 8 fields"),
                malformed(KittiLabels::read, "label_2/b.txt", "Car 0 0 0 1 two 3 4\n", ":1: y1 'two'"),
                malformed(KittiLabels::read, "label_2/c.txt", "Car 0 0 0 10 2 3 4\n", ":1: box corners"),
                malformed(BoxesCsv::read, "m/boxes.csv",
                        "filename,class,x1,y1,x2,y2\na.jpg,car,1,2,3,4\na.jpg,car,1,2\n", ":3: expected 6 columns"),
                malformed(TuSimpleJson::read, "bad/label_data.json",
                        "{\"lanes\": [[1, 2]], \"h_samples\": [1, 2], \"raw_file\": \"a.jpg\"}\n"
                                + "{\"lanes\": [[1, 2, 3]], \"h_samples\": [1, 2], \"raw_file\": \"b.jpg\"}\n",
                        ":2: lane 0 has 3 x values for 2 h_samples"),
                malformed(TuSimpleJson::read, "bad2/label_data.json", "{\"lanes\": [[1, 2]], \"h_sam",
                        ":1: not valid JSON"),
                malformed(TuSimpleJson::read, "bad3/label_data.json", "{\"lanes\": [[1, 2]], \"h_samples\": [1, 2]}\n",
                        ":1: missing or empty 'raw_file'"));
    }

    private static Arguments malformed(Reader reader, String name, String text, String lineAndDetail) {
        return Arguments.of(reader, name, text, lineAndDetail);
    }

    @ParameterizedTest(name = "{1}: {3}")
    @MethodSource("malformedLabelFiles")
    void malformedLabelFilesAreRefusedNamingFileAndLine(Reader reader, String name, String text, String lineAndDetail)
            throws IOException {
        assertRefused(reader, write(name, text), lineAndDetail);
    }

    @Test
    void aLabelFileThatIsNotUtf8IsNamedWithItsLineAndByte() throws IOException {
        byte[] latin1 = "filename,scene,source\nimages/caf\u00e9.jpg,urban,street\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path csv = Files.write(dir.resolve("labels.csv"), latin1);
        assertRefused(LabelsCsv::read, csv, ":2: not UTF-8 text (byte 0xE9 at offset 32); save the file as UTF-8");
        Path boxes = Files.write(dir.resolve("boxes.csv"), "filename,class,x1,y1,x2,y2\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_16));
        assertRefused(BoxesCsv::read, boxes, ":1: not UTF-8 text (byte 0xFE at offset 0)");
        Path kitti = Files.write(dir.resolve("000002.txt"), new byte[] {'C', 'a', 'r', ' ', (byte) 0xff, '\n'});
        assertRefused(KittiLabels::read, kitti, ":1: not UTF-8 text (byte 0xFF at offset 4)");
        Path lanes = Files.write(dir.resolve("lanes.json"), new byte[] {'{', '}', '\n', '{', (byte) 0xc3, '\n'});
        assertRefused(TuSimpleJson::read, lanes, ":2: not UTF-8 text (byte 0xC3 at offset 4)");
    }

    @Test
    void aLabelRowThatNamesAFileOutsideTheDatasetFolderIsRefusedWithItsLine() throws IOException {
        for (String outside : new String[] {"../../etc/passwd", "/etc/hostname", "images/../../elsewhere.jpg"}) {
            Path csv = write("labels.csv", "filename,scene,source\nimages/a.jpg,urban,x\n" + outside + ",urban,x\n");
            assertRefused(LabelsCsv::read, csv, ":3: '" + outside + "' is outside " + dir);
        }
        Path boxes = write("boxes.csv", "filename,class,x1,y1,x2,y2\n../a.jpg,pedestrian,1,2,3,4\n");
        assertRefused(BoxesCsv::read, boxes, ":2: '../a.jpg' is outside " + dir);
        assertEquals(dir.resolve("images/b.jpg"), LabelsCsv.read(write("labels.csv",
                "filename,scene,source\nimages/x/../b.jpg,urban,x\n")).get(0).file());
    }

    @Test
    void kittiLabelsReadTypeTruncationOcclusionAndBox() throws IOException {
        Path txt = write("label_2/000001.txt",
                "Pedestrian 0.00 0 -0.20 712.40 143.00 810.73 307.92 1.89 0.48 1.20 1.84 1.47 8.41 0.01\n"
                        + "\n"
                        + "Car 0.62 2 1.5 10 20 110 80 1.5 1.6 3.9 0 0 0 0\n"
                        + "DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1000 -1000 -10\n");
        List<RawBox> boxes = KittiLabels.read(txt);
        assertEquals(3, boxes.size());
        assertEquals(Optional.of(ObjectClass.PEDESTRIAN), boxes.get(0).shippedClass());
        assertEquals(712.40, boxes.get(0).box().x1(), 1e-9);
        assertEquals(307.92, boxes.get(0).box().y2(), 1e-9);
        assertEquals(Optional.of(ObjectClass.VEHICLE), boxes.get(1).shippedClass());
        assertEquals(0.62, boxes.get(1).truncated(), 1e-9);
        assertEquals(2, boxes.get(1).occluded());
        assertEquals(3, boxes.get(1).line());
        assertEquals(Optional.empty(), boxes.get(2).shippedClass());
    }

    @Test
    void classMappingCoversKittiNuscenesAndArgoverseSpellings() {
        assertEquals(Optional.of(ObjectClass.PEDESTRIAN), BoxClasses.map("PEDESTRIAN"));
        assertEquals(Optional.of(ObjectClass.PEDESTRIAN), BoxClasses.map("pedestrian"));
        assertEquals(Optional.of(ObjectClass.CYCLIST), BoxClasses.map("Cyclist"));
        for (String v : List.of("Car", "car", "Van", "Truck", "bus")) {
            assertEquals(Optional.of(ObjectClass.VEHICLE), BoxClasses.map(v), v);
        }
        for (String ignore : List.of("DontCare", "Person_sitting", "Tram", "Misc", "ON_ROAD_OBSTACLE")) {
            assertEquals(Optional.empty(), BoxClasses.map(ignore), ignore);
        }
    }

    @Test
    void boxesCsvGroupsByImageAndKeepsDontCare() throws IOException {
        Path csv = write("set/boxes.csv", "filename,class,x1,y1,x2,y2\n"
                + "images/a.jpg,pedestrian,190,190,271,443\n"
                + "images/a.jpg,DontCare,200,178,262,240\n"
                + "\"images/b,1.jpg\",cyclist,1,2,3,4\n");
        Map<Path, List<RawBox>> boxes = BoxesCsv.read(csv);
        List<RawBox> a = boxes.get(dir.resolve("set/images/a.jpg").toAbsolutePath());
        assertEquals(2, a.size());
        assertEquals(81, a.get(0).box().width(), 1e-9);
        assertEquals("DontCare", a.get(1).rawClass());
        assertEquals(1, boxes.get(dir.resolve("set/images/b,1.jpg").toAbsolutePath()).size());
    }

    @Test
    void boxesProjectedCsvReadsExtraColumns() throws IOException {
        Path csv = write("p/boxes_projected.csv", "filename,class,x1,y1,x2,y2,depth_m,truncated_frac\n"
                + "image_2/000000.png,PEDESTRIAN,430.1,246.5,447.1,282.1,51.73,0.25\n");
        RawBox b = BoxesCsv.read(csv).values().iterator().next().get(0);
        assertEquals(Optional.of(ObjectClass.PEDESTRIAN), b.shippedClass());
        assertEquals(0.25, b.truncated(), 1e-9);
    }

    @Test
    void tusimpleJsonLineBecomesLaneRowsResolvedAgainstTheJsonFolder() throws IOException {
        Path json = write("ts/label_data.json",
                "{\"lanes\": [[-2, 248, 245], [-2, -2, -2], [10, 20, 30.5]], \"h_samples\": [96, 100, 104], "
                        + "\"raw_file\": \"clips/0313-1/8260/20.jpg\"}\n\n");
        List<TuSimpleJson.Label> labels = TuSimpleJson.read(json);
        assertEquals(1, labels.size());
        TuSimpleJson.Label l = labels.get(0);
        assertEquals(dir.resolve("ts/clips/0313-1/8260/20.jpg").toAbsolutePath(), l.file());
        assertEquals(List.of(96, 100, 104), l.lanes().hSamples());
        assertEquals(3, l.lanes().lanes().size());
        assertEquals(List.of(LaneRows.ABSENT, 248.0, 245.0), l.lanes().lanes().get(0));
        assertEquals(30.5, l.lanes().lanes().get(2).get(2), 1e-9);
        assertTrue(TuSimpleJson.looksLikeTuSimple(json));
    }

    @Test
    void tusimpleJsonWithADamagedFirstLineIsStillTakenForTuSimpleAndRefusedByLine() throws IOException {
        Path cut = write("cut/label_data.json", "{\"lanes\": [[-2, 248, 245]], \"h_samp\n"
                + "{\"lanes\": [[-2, 248, 245]], \"h_samples\": [96, 100, 104], \"raw_file\": \"a.jpg\"}\n");
        assertTrue(TuSimpleJson.looksLikeTuSimple(cut));
        LabelFormatException e = assertThrows(LabelFormatException.class, () -> TuSimpleJson.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ":1: not valid JSON"), e.getMessage());
        Path open = write("open/label_data.json", "{\"lanes\": [[-2, 248, 245]\n");
        String unclosed = assertThrows(LabelFormatException.class, () -> TuSimpleJson.read(open)).getMessage();
        assertTrue(unclosed.endsWith("(start marker at column 11)") && !unclosed.contains("Source"), unclosed);
        assertFalse(TuSimpleJson.looksLikeTuSimple(write("other/meta.json", "{\"camera\": \"front\"}\n")));
    }

    /** A 1280x720 instance mask with two straight lanes (values 20 and 70) drawn with OpenCV. */
    static Mat instanceMask() {
        OpenCv.load();
        Mat m = Mat.zeros(720, 1280, CvType.CV_8UC1);
        // right lane first in value order, to check left-to-right ordering by bottom x
        Imgproc.line(m, new org.opencv.core.Point(700, 300), new org.opencv.core.Point(1000, 719), new Scalar(20), 5);
        Imgproc.line(m, new org.opencv.core.Point(600, 300), new org.opencv.core.Point(300, 719), new Scalar(70), 5);
        return m;
    }

    @Test
    void laneNetInstanceMaskBecomesTuSimpleRowsAtTheMasksResolution() throws IOException {
        Mat m = instanceMask();
        Path png = dir.resolve("gt_instance_image/0000.png");
        Files.createDirectories(png.getParent());
        Imgcodecs.imwrite(png.toString(), m);
        m.release();
        LaneRows rows = LaneNetMasks.fromInstanceMask(png);
        assertEquals(710, rows.hSamples().get(rows.hSamples().size() - 1));
        assertEquals(10, rows.hSamples().get(1) - rows.hSamples().get(0));
        assertTrue(rows.hSamples().get(0) >= 298 && rows.hSamples().get(0) <= 310, rows.hSamples().toString());
        assertEquals(2, rows.lanes().size());
        int last = rows.hSamples().size() - 1;
        // the left lane (value 70) runs x = 600 - 300 (y - 300) / 419
        double expectedLeft = 600 - 300 * (710 - 300) / 419.0;
        double expectedRight = 700 + 300 * (710 - 300) / 419.0;
        assertEquals(expectedLeft, rows.lanes().get(0).get(last), 1.5);
        assertEquals(expectedRight, rows.lanes().get(1).get(last), 1.5);
        int i400 = rows.hSamples().indexOf(400);
        assertEquals(600 - 300 * 100 / 419.0, rows.lanes().get(0).get(i400), 1.5);
    }

    @Test
    void laneNetBinaryMaskSplitsLanesByConnectedComponent() throws IOException {
        Mat m = instanceMask();
        Mat binary = new Mat();
        Imgproc.threshold(m, binary, 0, 255, Imgproc.THRESH_BINARY);
        Path png = dir.resolve("gt_binary_image/0000.png");
        Files.createDirectories(png.getParent());
        Imgcodecs.imwrite(png.toString(), binary);
        m.release();
        binary.release();
        LaneRows rows = LaneNetMasks.fromBinaryMask(png);
        assertEquals(2, rows.lanes().size());
        int last = rows.hSamples().size() - 1;
        assertTrue(rows.lanes().get(0).get(last) < rows.lanes().get(1).get(last));
    }
}
