package dev.triage.perception.image;

import dev.triage.perception.core.Image;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest {
    private final FrameDecoder decoder = new FrameDecoder();

    private static byte[] pixel(int w, int h, int channels, int step, byte... value) {
        byte[] data = new byte[step * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(value, 0, data, y * step + x * channels, channels);
            }
        }
        return data;
    }

    private double[] bgrAt00(Image image) throws FrameDecodeException {
        Mat m = decoder.decode(image);
        try {
            assertEquals(3, m.channels());
            return m.get(0, 0);
        } finally {
            m.release();
        }
    }

    @Test
    void everySupportedEncodingEndsUpAsBgr() throws Exception {
        assertArrayEquals(new double[] {30, 20, 10}, bgrAt00(new Image.Raw(4, 2, "rgb8", 12, pixel(4, 2, 3, 12, (byte) 10, (byte) 20, (byte) 30))));
        assertArrayEquals(new double[] {10, 20, 30}, bgrAt00(new Image.Raw(4, 2, "bgr8", 12, pixel(4, 2, 3, 12, (byte) 10, (byte) 20, (byte) 30))));
        assertArrayEquals(new double[] {10, 20, 30}, bgrAt00(new Image.Raw(4, 2, "bgra8", 16, pixel(4, 2, 4, 16, (byte) 10, (byte) 20, (byte) 30, (byte) 255))));
        assertArrayEquals(new double[] {30, 20, 10}, bgrAt00(new Image.Raw(4, 2, "rgba8", 16, pixel(4, 2, 4, 16, (byte) 10, (byte) 20, (byte) 30, (byte) 255))));
        assertArrayEquals(new double[] {77, 77, 77}, bgrAt00(new Image.Raw(4, 2, "mono8", 4, pixel(4, 2, 1, 4, (byte) 77))));
    }

    @Test
    void paddedRowsAreHonoured() throws Exception {
        byte[] data = pixel(3, 2, 3, 16, (byte) 1, (byte) 2, (byte) 3);
        Mat m = decoder.decode(new Image.Raw(3, 2, "bgr8", 16, data));
        assertArrayEquals(new double[] {1, 2, 3}, m.get(1, 2));
        m.release();
    }

    @Test
    void badInputsAreRefusedWithAReason() {
        assertTrue(assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Raw(4, 2, "yuv422", 8, new byte[16]))).getMessage().contains("yuv422"));
        assertTrue(assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Raw(4, 2, "bgra8", 12, new byte[24]))).getMessage().contains("step 12"));
        assertTrue(assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Raw(4, 2, "bgr8", 12, new byte[10]))).getMessage().contains("10 bytes"));
        assertTrue(assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Encoded("jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2})))
                .getMessage().contains("corrupt"));
        assertThrows(FrameDecodeException.class, () -> decoder.decode(new Image.Encoded("png", new byte[0])));
    }

    /** D4: a JPEG whose header claims 20000x20000 is refused from the header, fast, as TOO_LARGE. */
    @Test
    void jpegBombIsRefusedFromItsHeader() {
        byte[] bomb = TestImages.claimSize(TestImages.encode(".jpg"), 20000, 20000);
        long t0 = System.nanoTime();
        FrameDecodeException e = assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Encoded("jpeg", bomb)));
        double ms = (System.nanoTime() - t0) / 1e6;
        assertEquals(FrameDecodeException.Reason.TOO_LARGE, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("20000x20000"), e.getMessage());
        assertTrue(ms < 200, "refusal took " + ms + " ms");
    }

    /** D4: the same for a PNG (IHDR), a BMP, whatever format name the sender gave, and a configured limit. */
    @Test
    void pngAndBmpBombsAndTheConfiguredLimit() throws Exception {
        byte[] png = TestImages.encode(".png");
        byte[] pngBomb = png.clone();
        pngBomb[16] = 0; pngBomb[17] = 0; pngBomb[18] = 0x65; pngBomb[19] = (byte) 0x90;   // width 26000
        pngBomb[20] = 0; pngBomb[21] = 0; pngBomb[22] = 0x65; pngBomb[23] = (byte) 0x90;   // height 26000
        FrameDecodeException e = assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Encoded("jpeg", pngBomb)));   // mislabelled: the signature decides
        assertEquals(FrameDecodeException.Reason.TOO_LARGE, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("PNG declares 26000x26000"), e.getMessage());
        byte[] bmp = TestImages.encode(".bmp");
        byte[] bmpBomb = bmp.clone();
        bmpBomb[18] = 0x50; bmpBomb[19] = (byte) 0xC3; bmpBomb[20] = 0; bmpBomb[21] = 0;   // width 50000
        assertEquals(FrameDecodeException.Reason.TOO_LARGE, assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Encoded("bmp", bmpBomb))).reason());
        Mat ok = decoder.decode(new Image.Encoded("png", png));
        assertEquals(640, ok.cols());
        ok.release();
        FrameDecoder small = new FrameDecoder(600);
        assertEquals(FrameDecodeException.Reason.TOO_LARGE, assertThrows(FrameDecodeException.class,
                () -> small.decode(new Image.Encoded("png", png))).reason());
        assertEquals(FrameDecodeException.Reason.TOO_LARGE, assertThrows(FrameDecodeException.class,
                () -> small.decode(new Image.Raw(640, 2, "mono8", 640, new byte[1280]))).reason());
        assertEquals(FrameDecodeException.Reason.UNSUPPORTED, assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Encoded("tiff", new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}))).reason());
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(0));
    }

    /** D6: a truncated JPEG (no EOI, last MCUs missing) is DAMAGED, not a normal frame with a grey bottom. */
    @Test
    void truncatedJpegIsDamaged() {
        byte[] jpeg = TestImages.encode(".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 90);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 7 / 10);
        assertTrue(libjpegWarnings(cut).toString().contains("premature end"), libjpegWarnings(cut).toString());
        FrameDecodeException e = assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Encoded("jpeg", cut)));
        assertEquals(FrameDecodeException.Reason.DAMAGED, e.reason(), e.getMessage());
    }

    /**
     * D6: entropy-coded bytes overwritten in the middle (30 seeds, without and with restart markers). libjpeg (the
     * JDK's ImageIO reader, whose warnings reach a listener) is the oracle: every sample it warns about is DAMAGED
     * here, and every sample it decodes silently (a lucky resync) decodes here too.
     */
    @Test
    void overwrittenEntropyDataIsDamagedExactlyWhenLibjpegWarns() throws Exception {
        int damaged = 0;
        for (int[] params : new int[][] {{Imgcodecs.IMWRITE_JPEG_QUALITY, 90},
                {Imgcodecs.IMWRITE_JPEG_QUALITY, 90, Imgcodecs.IMWRITE_JPEG_RST_INTERVAL, 4}}) {
            byte[] jpeg = TestImages.encode(".jpg", params);
            int start = TestImages.scanStart(jpeg);
            for (int seed = 0; seed < 30; seed++) {
                byte[] bad = TestImages.damage(jpeg, start, seed);
                List<String> libjpeg = libjpegWarnings(bad);
                String what = Arrays.toString(params) + " seed " + seed + ", libjpeg: " + libjpeg;
                if (libjpeg.isEmpty()) {
                    decoder.decode(new Image.Encoded("jpeg", bad)).release();
                    assertNull(decoder.lastWarning(), what);
                } else {
                    FrameDecodeException e = assertThrows(FrameDecodeException.class,
                            () -> decoder.decode(new Image.Encoded("jpeg", bad)), what);
                    assertEquals(FrameDecodeException.Reason.DAMAGED, e.reason(), e.getMessage());
                    damaged++;
                }
            }
        }
        assertTrue(damaged >= 50, damaged + " of 60 damaged samples seen");
    }

    /** What libjpeg says while decoding {@code jpeg} (through javax.imageio), errors included. */
    static List<String> libjpegWarnings(byte[] jpeg) {
        ImageReader r = ImageIO.getImageReadersByFormatName("jpeg").next();
        List<String> w = new ArrayList<>();
        r.addIIOReadWarningListener((src, msg) -> w.add(msg));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            r.setInput(in);
            r.read(0);
        } catch (Exception e) {
            w.add("error: " + e);
        } finally {
            r.dispose();
        }
        return w;
    }

    /** D6: clean JPEGs (with and without restart markers, 4:2:0 and 4:4:4, grey) pass without a warning. */
    @Test
    void cleanJpegsDecodeWithoutWarning() throws Exception {
        for (int[] params : new int[][] {{Imgcodecs.IMWRITE_JPEG_QUALITY, 95},
                {Imgcodecs.IMWRITE_JPEG_QUALITY, 50, Imgcodecs.IMWRITE_JPEG_RST_INTERVAL, 3},
                {Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444},
                {Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_422},
                {Imgcodecs.IMWRITE_JPEG_OPTIMIZE, 1}}) {
            byte[] jpeg = TestImages.encode(".jpg", params);
            assertEquals(JpegScanCheck.Outcome.CLEAN, JpegScanCheck.check(jpeg).outcome(),
                    Arrays.toString(params) + ": " + JpegScanCheck.check(jpeg).message());
            Mat m = decoder.decode(new Image.Encoded("jpeg", jpeg));
            assertNull(decoder.lastWarning());
            m.release();
        }
        byte[] progressive = TestImages.encode(".jpg", Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1);
        assertEquals(JpegScanCheck.Outcome.CLEAN, JpegScanCheck.check(progressive).outcome(),
                JpegScanCheck.check(progressive).message());
        decoder.decode(new Image.Encoded("jpeg", progressive)).release();
    }

    /** D6: a few stray bytes before EOI (as some UVC cameras send) decode with a counted warning. */
    @Test
    void strayBytesBeforeTheEndMarkerAreAWarning() throws Exception {
        byte[] jpeg = TestImages.encode(".jpg");
        byte[] stray = new byte[jpeg.length + 2];
        System.arraycopy(jpeg, 0, stray, 0, jpeg.length - 2);
        stray[jpeg.length - 2] = 0x12;
        stray[jpeg.length - 1] = 0x34;
        stray[jpeg.length] = (byte) 0xFF;
        stray[jpeg.length + 1] = (byte) 0xD9;
        assertTrue(libjpegWarnings(stray).toString().contains("extraneous bytes"), libjpegWarnings(stray).toString());
        Mat m = decoder.decode(new Image.Encoded("jpeg", stray));
        m.release();
        assertTrue(decoder.lastWarning() != null && decoder.lastWarning().contains("stray bytes"),
                String.valueOf(decoder.lastWarning()));
        decoder.decode(new Image.Encoded("jpeg", jpeg)).release();
        assertNull(decoder.lastWarning(), "the warning belongs to one decode");
    }

    /** D7: raw data longer than step*height is refused whatever the excess, with both numbers. */
    @Test
    void rawDataLengthMustBeExactlyStepTimesHeight() {
        for (int extra : new int[] {1, 2, 3, 6, 1920}) {
            byte[] data = new byte[640 * 3 * 480 + extra];
            FrameDecodeException e = assertThrows(FrameDecodeException.class,
                    () -> decoder.decode(new Image.Raw(640, 480, "rgb8", 1920, data)), "excess " + extra);
            assertTrue(e.getMessage().contains((921600 + extra) + " bytes") && e.getMessage().contains("921600"),
                    e.getMessage());
        }
    }

    /**
     * Decodes the image of an {@code ImageFuzzTest} seed (its first byte selects the input kind) and returns the
     * refusal, which must come in under 50 ms.
     */
    private FrameDecodeException quickRefusalOfFuzzSeed(String seed) throws Exception {
        byte[] input;
        try (var in = getClass().getResourceAsStream("ImageFuzzTestInputs/decode/" + seed)) {
            input = in.readAllBytes();
        }
        byte[] file = Arrays.copyOfRange(input, 1, input.length);
        long t0 = System.nanoTime();
        FrameDecodeException e = assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Encoded("png", file)));
        double ms = (System.nanoTime() - t0) / 1e6;
        assertTrue(ms < 50, seed + ": refusal took " + ms + " ms");
        return e;
    }

    /**
     * Found by ImageFuzzTest: a 144-byte PNG whose IHDR chunk length says 1,744,830,477 bytes made OpenCV 4.11
     * allocate that much and took 0.7-1.5 s to fail, a 200x-10,000x amplification a hostile publisher could repeat at
     * will. A chunk longer than the bytes that follow is now refused before OpenCV sees the file.
     */
    @Test
    void pngChunkLongerThanTheFileIsRefusedBeforeDecoding() throws Exception {
        for (int i = 0; i < 3; i++) {
            FrameDecodeException e = quickRefusalOfFuzzSeed("regression-png-chunk-length-1.7GB");
            assertEquals(FrameDecodeException.Reason.CORRUPT, e.reason(), e.getMessage());
        }
        byte[] idat = TestImages.encode(".png");   // IHDR (8..33), then the next chunk's length gets 0x7fff0000
        idat[33] = 0x7f;
        idat[34] = (byte) 0xff;
        FrameDecodeException e = assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Encoded("png", idat)));
        assertTrue(e.getMessage().contains("chunk 'IDAT' at byte 33 declares 21474"), e.getMessage());
        byte[] truncated = Arrays.copyOf(TestImages.encode(".png"), 200);
        assertEquals(FrameDecodeException.Reason.CORRUPT, assertThrows(FrameDecodeException.class,
                () -> decoder.decode(new Image.Encoded("png", truncated))).reason());
    }

    /**
     * Found by ImageFuzzTest (2026-12-07): a 37-byte PNG cut off inside its second chunk's header (five bytes whose
     * first four OpenCV 4.11 reads as a 4.29 GB length) took 25-35 s and 4.6 GB of memory to be refused. A PNG whose
     * chunks do not reach IEND is now refused before OpenCV sees it, with the byte where it ends; so is one whose IEND
     * declares data (found the same way: 2.8-4.2 s), and the bytes after IEND no longer reach OpenCV (a file with a
     * bad chunk type and bytes after IEND: 5 s).
     */
    @Test
    void pngCutShortBeforeIendOrWithDataInIendIsRefusedBeforeDecoding() throws Exception {
        FrameDecodeException e = quickRefusalOfFuzzSeed("regression-png-cut-in-chunk-header");
        assertEquals(FrameDecodeException.Reason.CORRUPT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("cut short at byte 33 of 37"), e.getMessage());
        e = quickRefusalOfFuzzSeed("regression-png-iend-with-data");   // an IEND declaring 87 bytes: 2.8-4.2 s
        assertTrue(e.getMessage().contains("IEND at byte 33 declares 87 bytes"), e.getMessage());
        // chunks well formed up to IEND, then 104 bytes: 5 s in OpenCV
        e = quickRefusalOfFuzzSeed("regression-png-bad-chunk-then-bytes-after-iend");
        assertEquals(FrameDecodeException.Reason.CORRUPT, e.reason(), e.getMessage());
        byte[] whole = TestImages.encode(".png");
        byte[] trailed = Arrays.copyOf(whole, whole.length + 64);   // what follows IEND is not the decoder's business
        Arrays.fill(trailed, whole.length, trailed.length, (byte) 0xFF);
        decoder.decode(new Image.Encoded("png", trailed)).release();
        byte[] noIend = Arrays.copyOf(whole, whole.length - 12);   // every chunk whole, IEND missing
        assertTrue(assertThrows(FrameDecodeException.class, () -> decoder.decode(new Image.Encoded("png", noIend)))
                .getMessage().contains("no IEND"));
        decoder.decode(new Image.Encoded("png", whole)).release();
    }
}
