package dev.triage.perception.image;

import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenCvTest {

    @Test
    void loadsNativesAndRoundTripsAPng() {
        OpenCv.load();
        Mat image = new Mat(48, 64, CvType.CV_8UC3, new Scalar(10, 20, 30));
        MatOfByte png = new MatOfByte();
        assertTrue(Imgcodecs.imencode(".png", image, png));
        Mat back = Imgcodecs.imdecode(png, Imgcodecs.IMREAD_COLOR);
        assertEquals(64, back.cols());
        assertEquals(30.0, back.get(0, 0)[2]);
    }
}
