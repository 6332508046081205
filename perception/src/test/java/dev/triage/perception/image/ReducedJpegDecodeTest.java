package dev.triage.perception.image;

import dev.triage.perception.core.Image;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JPEG decoding at reduced scale for the models: the scale rule, the frame size kept, tensors near a full decode. */
class ReducedJpegDecodeTest {

    @Test
    void picksTheSmallestScaleThatStillCoversTheLargestInput() {
        InputSize expert = new InputSize(416, 256);
        assertEquals(4, FrameDecoder.reduction(1920, 1080, expert));    // 480x270
        assertEquals(2, FrameDecoder.reduction(1280, 720, expert));     // 640x360; 1/4 would be 320x180
        assertEquals(1, FrameDecoder.reduction(640, 480, expert));      // 1/2 would be 320x240
        assertEquals(8, FrameDecoder.reduction(4096, 2160, new InputSize(320, 240)));
        assertEquals(1, FrameDecoder.reduction(832, 511, expert));      // one row short of 1/2
    }

    @Test
    void aReducedDecodeKeepsTheFrameSizeAndGivesTensorsNearTheFullDecode() throws FrameDecodeException {
        Image.Encoded jpeg = cameraLikeJpeg(1920, 1080);
        FrameDecoder decoder = new FrameDecoder();
        InputSize expert = new InputSize(416, 256);
        try (TensorPreprocessor pre = new TensorPreprocessor()) {
            float[] full = new float[3 * 416 * 256];
            try (DecodedImage image = decoder.wrap(jpeg)) {
                assertFalse(image.reduced());
                pre.toTensor(image, expert).floats().get(full);
            }
            float[] reduced = new float[full.length];
            try (DecodedImage image = decoder.wrap(jpeg, expert)) {
                assertTrue(image.reduced());
                assertEquals(1920, image.width());
                assertEquals(1080, image.height());
                assertEquals(480, image.pixels().cols());
                assertEquals(270, image.pixels().rows());
                assertThrows(IllegalStateException.class, image::bgr);
                pre.toTensor(image, expert).floats().get(reduced);
            }
            double sum = 0;
            for (int i = 0; i < full.length; i++) {
                sum += Math.abs(full[i] - reduced[i]);
            }
            double meanLevels = sum / full.length * 255;
            assertTrue(meanLevels < 3.0, "mean difference " + meanLevels + " 8-bit levels");
            assertTrue(meanLevels > 0.0, "a reduced decode that equals the full one tests nothing");
        }
    }

    @Test
    void pngAndRawFramesAreNeverReduced() throws FrameDecodeException {
        FrameDecoder decoder = new FrameDecoder();
        Mat bgr = new Mat(720, 1280, CvType.CV_8UC3, new Scalar(10, 20, 30));
        MatOfByte png = new MatOfByte();
        Imgcodecs.imencode(".png", bgr, png);
        try (DecodedImage image = decoder.wrap(new Image.Encoded("png", png.toArray()), new InputSize(64, 64))) {
            assertFalse(image.reduced());
        }
        byte[] raw = new byte[1280 * 720 * 3];
        try (DecodedImage image = decoder.wrap(new Image.Raw(1280, 720, "bgr8", 1280 * 3, raw),
                new InputSize(64, 64))) {
            assertFalse(image.reduced());
        }
        png.release();
        bgr.release();
    }

    /** Smooth random texture with edges, JPEG quality 90. */
    private static Image.Encoded cameraLikeJpeg(int width, int height) {
        Mat bgr = new Mat(height, width, CvType.CV_8UC3);
        org.opencv.core.Core.randu(bgr, 0, 255);
        Imgproc.GaussianBlur(bgr, bgr, new Size(0, 0), 4);
        Imgproc.rectangle(bgr, new org.opencv.core.Point(300, 200), new org.opencv.core.Point(900, 700),
                new Scalar(250, 250, 250), -1);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", bgr, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
        Image.Encoded jpeg = new Image.Encoded("jpeg", out.toArray());
        out.release();
        bgr.release();
        return jpeg;
    }
}
