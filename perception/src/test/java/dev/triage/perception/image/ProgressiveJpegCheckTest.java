package dev.triage.perception.image;

import dev.triage.perception.core.Image;
import org.junit.jupiter.api.Test;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progressive JPEGs (libjpeg's own progressive script, as OpenCV writes them): clean files pass; a file cut at any
 * point is DAMAGED and refused by the decoder, where libjpeg alone would hand back a blurred picture; restart markers
 * out of order and a refinement scan without its first scan are DAMAGED; an image missing its final refinement
 * scans is a WARNING.
 */
class ProgressiveJpegCheckTest {

    private static byte[] progressive(int... extra) {
        int[] params = Arrays.copyOf(new int[] {Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1}, 2 + extra.length);
        System.arraycopy(extra, 0, params, 2, extra.length);
        return TestImages.encode(".jpg", params);
    }

    /** Byte offsets of every SOS marker (0xFFDA) of a JPEG. */
    private static List<Integer> scanStarts(byte[] jpeg) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                starts.add(i);
            }
        }
        return starts;
    }

    /** The file without the scan that starts at {@code from} (its header and data, up to the next scan or EOI). */
    private static byte[] withoutScan(byte[] jpeg, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, from);
        out.write(jpeg, to, jpeg.length - to);
        return out.toByteArray();
    }

    @Test
    void cleanProgressiveFilesPass() {
        for (int[] extra : new int[][] {{}, {Imgcodecs.IMWRITE_JPEG_QUALITY, 50},
                {Imgcodecs.IMWRITE_JPEG_RST_INTERVAL, 2},
                {Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444}}) {
            byte[] jpeg = progressive(extra);
            assertTrue(scanStarts(jpeg).size() >= 6, "a progressive script: " + scanStarts(jpeg).size() + " scans");
            JpegScanCheck.Verdict v = JpegScanCheck.check(jpeg);
            assertEquals(JpegScanCheck.Outcome.CLEAN, v.outcome(), Arrays.toString(extra) + ": " + v.message());
        }
    }

    @Test
    void aProgressiveFileCutAnywhereIsDamagedAndRefused() throws Exception {
        byte[] jpeg = progressive(Imgcodecs.IMWRITE_JPEG_RST_INTERVAL, 4);
        byte[] half = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertTrue(FrameDecoderTest.libjpegWarnings(half).toString().contains("premature end"),
                "libjpeg only warns: " + FrameDecoderTest.libjpegWarnings(half));
        for (int cut = 200; cut < jpeg.length; cut += Math.max(1, jpeg.length / 97)) {
            JpegScanCheck.Verdict v = JpegScanCheck.check(Arrays.copyOf(jpeg, cut));
            assertEquals(JpegScanCheck.Outcome.DAMAGED, v.outcome(), "cut at " + cut + " of " + jpeg.length);
        }
        JpegScanCheck.Verdict lastByte = JpegScanCheck.check(Arrays.copyOf(jpeg, jpeg.length - 1));
        assertEquals(JpegScanCheck.Outcome.DAMAGED, lastByte.outcome());
        assertTrue(lastByte.message().contains("premature end"), lastByte.message());
        FrameDecoder decoder = new FrameDecoder();
        FrameDecodeException e = assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Encoded("jpeg", half)));
        assertEquals(FrameDecodeException.Reason.DAMAGED, e.reason(), e.getMessage());
    }

    @Test
    void restartMarkersOutOfOrderAreDamaged() {
        byte[] jpeg = progressive(Imgcodecs.IMWRITE_JPEG_RST_INTERVAL, 2);
        int firstScanData = scanStarts(jpeg).get(0) + 2;
        for (int i = firstScanData; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xD0) {
                jpeg[i + 1] = (byte) 0xD3;   // RST3 where RST0 belongs
                break;
            }
        }
        JpegScanCheck.Verdict v = JpegScanCheck.check(jpeg);
        assertEquals(JpegScanCheck.Outcome.DAMAGED, v.outcome(), v.message());
        assertTrue(v.message().contains("restart"), v.message());
    }

    @Test
    void aMissingScanIsDamagedOrAWarningDependingOnWhatItLeaves() {
        byte[] jpeg = progressive();
        List<Integer> scans = scanStarts(jpeg);
        // the first scan (DC of every component, first pass): the DC refinement later has nothing to refine
        JpegScanCheck.Verdict noFirst = JpegScanCheck.check(withoutScan(jpeg, scans.get(0), scans.get(1)));
        assertEquals(JpegScanCheck.Outcome.DAMAGED, noFirst.outcome(), noFirst.message());
        assertTrue(noFirst.message().contains("without its earlier scan"), noFirst.message());
        // the last scan (a final refinement): complete file, softer picture
        JpegScanCheck.Verdict noLast = JpegScanCheck.check(withoutScan(jpeg, scans.get(scans.size() - 1),
                jpeg.length - 2));
        assertEquals(JpegScanCheck.Outcome.WARNING, noLast.outcome(), noLast.message());
        assertTrue(noLast.message().contains("reduced precision"), noLast.message());
    }
}
