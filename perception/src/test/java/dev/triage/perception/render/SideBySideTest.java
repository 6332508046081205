package dev.triage.perception.render;

import dev.triage.perception.image.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The A/B pair: left as given, right scaled to the left's size, a caption strip under both, even sizes. */
class SideBySideTest {
    @BeforeAll
    static void load() {
        OpenCv.load();
    }

    @Test
    void theRightSideIsScaledToTheLeftAndTheSizeIsEven() {
        Mat left = new Mat(241, 321, CvType.CV_8UC3, new Scalar(10, 20, 30));
        Mat right = new Mat(120, 160, CvType.CV_8UC3, new Scalar(200, 100, 50));
        Mat pair = SideBySide.compose(left, "candidate", right, "baseline");
        try {
            assertEquals(642, pair.cols());
            assertTrue(pair.rows() > 241 && pair.rows() % 2 == 0, "caption strip, even: " + pair.rows());
            assertArrayEquals(new byte[] {10, 20, 30}, pixel(pair, 100, 5));
            assertArrayEquals(new byte[] {(byte) 200, 100, 50}, pixel(pair, 100, 321 + 300));
            assertEquals(241, left.rows(), "inputs are left alone");
            assertEquals(160, right.cols());
        } finally {
            pair.release();
            left.release();
            right.release();
        }
    }

    private static byte[] pixel(Mat m, int row, int col) {
        byte[] bgr = new byte[3];
        m.get(row, col, bgr);
        return bgr;
    }
}
