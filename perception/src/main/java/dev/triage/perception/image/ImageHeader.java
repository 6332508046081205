package dev.triage.perception.image;

/**
 * What an encoded image file declares about itself, read from its first bytes without decoding a pixel: the
 * container (from its signature, not from what the sender called it) and the width and height (JPEG SOF, PNG IHDR,
 * BMP info header). {@link FrameDecoder} checks the pixel limit against it before OpenCV allocates anything.
 *
 * @param container    the container the signature says
 * @param width        declared columns
 * @param height       declared rows (absolute value for bottom-up BMPs)
 * @param decodeLength how many of the file's first bytes the decoder is given: all of them, except that a PNG ends
 *                     with its IEND chunk (libpng ignores what follows; OpenCV 4.11 could spend seconds on it)
 */
public record ImageHeader(Container container, long width, long height, int decodeLength) {

    /** The containers the decoder accepts. */
    public enum Container {
        JPEG, PNG, BMP
    }

    /**
     * Reads the header of {@code data}.
     *
     * @throws FrameDecodeException UNSUPPORTED for any other signature, CORRUPT when the header is cut short or
     *                              malformed
     */
    public static ImageHeader read(byte[] data) throws FrameDecodeException {
        if (data.length >= 2 && u8(data, 0) == 0xFF && u8(data, 1) == 0xD8) {
            return jpeg(data);
        }
        if (data.length >= 4 && u8(data, 0) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
            if (data.length < 8 || data[4] != '\r' || data[5] != '\n' || data[6] != 0x1A || data[7] != '\n') {
                throw new FrameDecodeException("corrupt PNG: bad signature");
            }
            return png(data);
        }
        if (data.length >= 2 && data[0] == 'B' && data[1] == 'M') {
            return bmp(data);
        }
        throw new FrameDecodeException(FrameDecodeException.Reason.UNSUPPORTED,
                "not a JPEG, PNG or BMP file (signature " + signature(data) + ")");
    }

    private static ImageHeader jpeg(byte[] d) throws FrameDecodeException {
        int p = 2;
        while (true) {
            while (p < d.length && u8(d, p) != 0xFF) {
                p++;  // stray bytes between segments (libjpeg skips them with a warning)
            }
            while (p < d.length && u8(d, p) == 0xFF) {
                p++;  // fill bytes
            }
            if (p >= d.length) {
                throw new FrameDecodeException("corrupt JPEG: no frame header (SOF) in " + d.length + " bytes");
            }
            int marker = u8(d, p++);
            if (marker == 0xD9 || marker == 0xDA) {
                throw new FrameDecodeException("corrupt JPEG: " + (marker == 0xD9 ? "ends" : "starts a scan")
                        + " before its frame header (SOF)");
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                continue;  // markers without a length
            }
            if (p + 2 > d.length) {
                throw new FrameDecodeException("corrupt JPEG: cut short in a segment header");
            }
            int len = u16(d, p);
            if (len < 2) {
                throw new FrameDecodeException("corrupt JPEG: segment 0x" + Integer.toHexString(marker) + " with length " + len);
            }
            if (isSof(marker)) {
                if (p + 7 > d.length || len < 8) {
                    throw new FrameDecodeException("corrupt JPEG: frame header (SOF) cut short");
                }
                int height = u16(d, p + 3);
                int width = u16(d, p + 5);
                if (height == 0) {
                    throw new FrameDecodeException(FrameDecodeException.Reason.UNSUPPORTED,
                            "JPEG with its height defined later (DNL) is not supported");
                }
                return new ImageHeader(Container.JPEG, width, height, d.length);
            }
            p += len;
        }
    }

    /** SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    static boolean isSof(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static ImageHeader png(byte[] d) throws FrameDecodeException {
        // signature (8), then the first chunk must be IHDR: length 13, "IHDR", width, height (big-endian)
        if (d.length < 33 || d[12] != 'I' || d[13] != 'H' || d[14] != 'D' || d[15] != 'R' || u32(d, 8) != 13) {
            throw new FrameDecodeException("corrupt PNG: no IHDR chunk of 13 bytes first");
        }
        return new ImageHeader(Container.PNG, u32(d, 16), u32(d, 20), pngLength(d));
    }

    /**
     * Every chunk's declared length must fit in the bytes that follow it, and the chunks must reach IEND. OpenCV
     * 4.11's PNG reader allocates a chunk's declared length before reading it: a 144-byte file whose IHDR length said
     * 1.7 GB cost a 1.7 GB allocation and 1.5 s, and a 37-byte file cut off inside the header of its second chunk
     * (whose first four bytes then read as a length of 4.29 GB) took 25-35 s and 4.6 GB to be refused, and one whose
     * IEND declared 87 bytes 2.8-4.2 s, and a well-formed file with a bad chunk type and bytes after its IEND 5 s
     * (OpenCV went on reading past IEND after the error; all found by {@code ImageFuzzTest}). IEND must be empty;
     * what follows it is not given to the decoder (libpng ignores it). Returns the length up to the end of IEND.
     */
    private static int pngLength(byte[] d) throws FrameDecodeException {
        int p = 8;
        while (p + 8 <= d.length) {
            long len = u32(d, p);
            String type = new String(d, p + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (len > d.length - p - 12L) {
                throw new FrameDecodeException("corrupt PNG: chunk '" + printable(type) + "' at byte " + p
                        + " declares " + len + " bytes, " + Math.max(0, d.length - p - 12) + " follow");
            }
            if (type.equals("IEND")) {
                if (len != 0) {
                    throw new FrameDecodeException("corrupt PNG: IEND at byte " + p + " declares " + len
                            + " bytes (it has none)");
                }
                return p + 12;
            }
            p += 12 + (int) len;
        }
        throw new FrameDecodeException("corrupt PNG: cut short at byte " + p + " of " + d.length + " (no IEND chunk)");
    }

    private static String printable(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? s : "?";
    }

    private static ImageHeader bmp(byte[] d) throws FrameDecodeException {
        if (d.length < 26) {
            throw new FrameDecodeException("corrupt BMP: header cut short");
        }
        long headerSize = le32(d, 14);
        if (headerSize == 12) {  // OS/2 BITMAPCOREHEADER: 16-bit sizes
            return new ImageHeader(Container.BMP, (d[18] & 0xFF) | (d[19] & 0xFF) << 8,
                    (d[20] & 0xFF) | (d[21] & 0xFF) << 8, d.length);
        }
        int w = (int) le32(d, 18);
        int h = (int) le32(d, 22);
        return new ImageHeader(Container.BMP, Math.abs((long) w), Math.abs((long) h), d.length);
    }

    private static String signature(byte[] d) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(4, d.length); i++) {
            b.append(String.format("%02x", d[i] & 0xFF));
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    static int u8(byte[] d, int i) {
        return d[i] & 0xFF;
    }

    static int u16(byte[] d, int i) {
        return (d[i] & 0xFF) << 8 | (d[i + 1] & 0xFF);
    }

    private static long u32(byte[] d, int i) {
        return (long) (d[i] & 0xFF) << 24 | (d[i + 1] & 0xFF) << 16 | (d[i + 2] & 0xFF) << 8 | (d[i + 3] & 0xFF);
    }

    private static long le32(byte[] d, int i) {
        return (d[i] & 0xFFL) | (d[i + 1] & 0xFFL) << 8 | (d[i + 2] & 0xFFL) << 16 | (d[i + 3] & 0xFFL) << 24;
    }
}
