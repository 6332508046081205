package dev.triage.perception.image;

import dev.triage.perception.core.Image;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
