package dev.triage.perception.image;

import dev.triage.perception.core.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Core;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Random;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorPreprocessorTest {

    @Test
    void producesRgbChwInUnitRangeAtTheRequestedSize() {
        try (TensorPreprocessor pre = new TensorPreprocessor()) {
            Mat bgr = new Mat(48, 64, CvType.CV_8UC3, new Scalar(255, 0, 51)); // B=255 G=0 R=51
            ImageTensor t = pre.toTensor(bgr, new InputSize(32, 24));
            assertTrue(t.bytes().isDirect());
            assertEquals(ByteOrder.nativeOrder(), t.bytes().order());
            FloatBuffer f = t.floats();
            int plane = 32 * 24;
            assertEquals(3 * plane, f.remaining());
            assertEquals(0.2f, f.get(0), 1e-6);           // R plane
            assertEquals(0.0f, f.get(plane), 1e-6);       // G plane
            assertEquals(1.0f, f.get(2 * plane + 5), 1e-6); // B plane
            assertEquals(java.util.List.of(1L, 3L, 24L, 32L), java.util.Arrays.stream(t.shape()).boxed().toList());
            bgr.release();
        }
    }

    @Test
    void reusesOneBufferPerInputSize() {
        try (TensorPreprocessor pre = new TensorPreprocessor()) {
            Mat bgr = new Mat(10, 10, CvType.CV_8UC3, new Scalar(0, 0, 0));
            ImageTensor a = pre.toTensor(bgr, new InputSize(8, 8));
            bgr.setTo(new Scalar(255, 255, 255));
            ImageTensor b = pre.toTensor(bgr, new InputSize(8, 8));
            assertEquals(1.0f, a.floats().get(0), 1e-6); // same memory, overwritten
            assertEquals(1.0f, b.floats().get(0), 1e-6);
            bgr.release();
        }
    }

    /**
     * The camera-size path (wrap the raw bytes in their own order, resize first, colour order folded into the float
     * pass) gives exactly the floats of the reference path: whole frame to BGR, resize, BGR to RGB, OpenCV's
     * convertTo. Checked for every raw encoding, with and without row padding, down- and upscaling.
     */
    @ParameterizedTest
    @CsvSource({"rgb8,3,0", "bgr8,3,0", "bgra8,4,0", "rgba8,4,0", "mono8,1,0", "rgb8,3,8", "bgra8,4,12"})
    void wrappedRawFramesGiveTheFloatsOfTheFullFrameBgrPath(String encoding, int channels, int padding)
            throws FrameDecodeException {
        int width = 301;
        int height = 173;
        int step = width * channels + padding;
        byte[] data = new byte[step * height];
        new Random(encoding.hashCode() + padding).nextBytes(data);
        Image.Raw raw = new Image.Raw(width, height, encoding, step, data);
        FrameDecoder decoder = new FrameDecoder();
        try (TensorPreprocessor pre = new TensorPreprocessor()) {
            for (InputSize size : java.util.List.of(new InputSize(128, 64), new InputSize(416, 256),
                    new InputSize(width, height))) {
                Mat bgr = decoder.decode(raw);
                float[] expected = referenceTensor(bgr, size);
                bgr.release();
                try (DecodedImage wrapped = decoder.wrap(raw)) {
                    float[] actual = new float[expected.length];
                    pre.toTensor(wrapped, size).floats().get(actual);
                    assertArrayEquals(expected, actual, encoding + " padding " + padding + " to " + size);
                    assertEquals(false, wrapped.converted());
                }
            }
        }
    }

    /** A raw frame above the reused buffer's limit gets a matrix of its own, with the same floats. */
    @Test
    void aFrameAboveTheReusedBufferLimitGivesTheSameFloats() throws FrameDecodeException {
        int width = 4096;
        int height = FrameDecoder.MAX_REUSED_BUFFER_BYTES / (4 * width) + 1;
        byte[] data = new byte[4 * width * height];
        new Random(3).nextBytes(data);
        Image.Raw raw = new Image.Raw(width, height, "rgba8", 4 * width, data);
        FrameDecoder decoder = new FrameDecoder();
        InputSize size = new InputSize(416, 256);
        Mat bgr = decoder.decode(raw);
        float[] expected = referenceTensor(bgr, size);
        bgr.release();
        try (TensorPreprocessor pre = new TensorPreprocessor(); DecodedImage wrapped = decoder.wrap(raw)) {
            float[] actual = new float[expected.length];
            pre.toTensor(wrapped, size).floats().get(actual);
            assertArrayEquals(expected, actual);
        }
    }

    private static float[] referenceTensor(Mat bgr, InputSize size) {
        Mat resized = new Mat();
        Mat rgb = new Mat();
        Mat asFloat = new Mat();
        Imgproc.resize(bgr, resized, new Size(size.width(), size.height()), 0, 0, Imgproc.INTER_LINEAR);
        Imgproc.cvtColor(resized, rgb, Imgproc.COLOR_BGR2RGB);
        rgb.convertTo(asFloat, CvType.CV_32FC3, 1.0 / 255.0);
        java.util.List<Mat> planes = new java.util.ArrayList<>();
        Core.split(asFloat, planes);
        int plane = size.width() * size.height();
        float[] chw = new float[3 * plane];
        float[] one = new float[plane];
        for (int c = 0; c < 3; c++) {
            planes.get(c).get(0, 0, one);
            System.arraycopy(one, 0, chw, c * plane, plane);
            planes.get(c).release();
        }
        resized.release();
        rgb.release();
        asFloat.release();
        return chw;
    }
}
