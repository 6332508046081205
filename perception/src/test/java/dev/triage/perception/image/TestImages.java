package dev.triage.perception.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

import java.util.Random;

/** Test images: a textured 640x480 picture encoded by OpenCV, and the hostile variants the decoder tests use. */
public final class TestImages {

    private TestImages() {
    }

    /** A 640x480 textured test picture, encoded by OpenCV (libjpeg-turbo / libpng); {@code params} as imencode's. */
    public static byte[] encode(String ext, int... params) {
        OpenCv.load();
        Mat m = new Mat(480, 640, CvType.CV_8UC3);
        byte[] px = new byte[640 * 480 * 3];
        Random r = new Random(7);
        for (int i = 0; i < px.length; i++) {
            int x = (i / 3) % 640;
            int y = i / 3 / 640;
            px[i] = (byte) ((x * (i % 3 + 1) + y * 2) / 3 + r.nextInt(40));
        }
        m.put(0, 0, px);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(ext, m, out, new MatOfInt(params));
        byte[] b = out.toArray();
        m.release();
        out.release();
        return b;
    }

    /** Index of the first byte after the (first) SOS segment: where the entropy-coded data begin. */
    public static int scanStart(byte[] jpeg) {
        int p = 2;
        while (true) {
            int marker = jpeg[p + 1] & 0xFF;
            int len = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            if (marker == 0xDA) {
                return p + 2 + len;
            }
            p += 2 + len;
        }
    }

    /** Patches the SOF's height and width (a "decompression bomb": tiny file, huge declared size). */
    public static byte[] claimSize(byte[] jpeg, int w, int h) {
        byte[] b = jpeg.clone();
        int p = 2;
        while ((b[p + 1] & 0xFF) != 0xC0) {
            p += 2 + ((b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF));
        }
        b[p + 5] = (byte) (h >> 8);
        b[p + 6] = (byte) h;
        b[p + 7] = (byte) (w >> 8);
        b[p + 8] = (byte) w;
        return b;
    }

    /** 48 bytes in the middle of the entropy-coded data replaced by random ones (no 0xFF, so no fake markers). */
    public static byte[] damage(byte[] jpeg, int start, int seed) {
        byte[] bad = jpeg.clone();
        Random r = new Random(seed);
        int at = start + (jpeg.length - start) / 3 + r.nextInt((jpeg.length - start) / 3);
        for (int i = 0; i < 48; i++) {
            bad[at + i] = (byte) r.nextInt(255);
        }
        return bad;
    }

}
