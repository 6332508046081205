package dev.triage.perception.image;

import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

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
}
