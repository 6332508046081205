package dev.triage.perception.image;

/**
 * Walks the entropy-coded data of a baseline or extended sequential Huffman JPEG (SOF0, SOF1) without dequantising
 * or transforming anything, and finds what libjpeg only prints to stderr while it still returns a picture with grey
 * or smeared blocks: a bad Huffman code, a scan that runs out of data before its last MCU ("premature end of data
 * segment"), restart markers out of order, a file that ends before its EOI marker, stray bytes before a marker.
 * Progressive Huffman JPEGs (SOF2) are handed to {@link ProgressiveJpegCheck}, which checks their structure (a cut
 * file, restart order, the scan script) but not their coded bits; lossless and arithmetic-coded JPEGs are not walked
 * ({@link Outcome#UNCHECKED}). The walk costs a
 * fraction of a decode (it reads every bit once, with an 8-bit lookahead table) and allocates nothing that grows
 * with the declared image size.
 *
 * <p>Verdicts: stray bytes after the last MCU of the image, up to {@link #MAX_BENIGN_STRAY_BYTES}, are a
 * {@link Outcome#WARNING} (some UVC cameras emit one or two on every frame, and the picture is complete); anything
 * else listed above is {@link Outcome#DAMAGED}. A flipped bit that still decodes to the same number of MCUs (for
 * example inside a DC difference) cannot be seen by this walk, nor by libjpeg.
 */
final class JpegScanCheck {

    /** Stray bytes between the last MCU and the end marker that still count as a complete picture. */
    static final int MAX_BENIGN_STRAY_BYTES = 16;

    /** What the walk found. */
    enum Outcome {
        CLEAN, WARNING, DAMAGED, UNCHECKED
    }

    /** The outcome and, unless clean, one line saying why. */
    record Verdict(Outcome outcome, String message) {
        static final Verdict CLEAN = new Verdict(Outcome.CLEAN, "");
    }

    private final byte[] d;
    private final Huffman[] dc = new Huffman[4];
    private final Huffman[] ac = new Huffman[4];
    private int[] compId;
    private int[] compH;
    private int[] compV;
    private int width;
    private int height;
    private int restartInterval;
    private String warning;

    private JpegScanCheck(byte[] d) {
        this.d = d;
    }

    /** Walks {@code jpeg} (which starts with SOI); never throws. */
    static Verdict check(byte[] jpeg) {
        try {
            return new JpegScanCheck(jpeg).walk();
        } catch (IndexOutOfBoundsException e) {
            return damaged("a segment runs past the end of the file");
        }
    }

    private static Verdict damaged(String why) {
        return new Verdict(Outcome.DAMAGED, why);
    }

    private Verdict walk() {
        int pos = 2;
        boolean sawScan = false;
        while (true) {
            int stray = 0;
            while (pos < d.length && u8(pos) != 0xFF) {
                pos++;
                stray++;
            }
            while (pos < d.length && u8(pos) == 0xFF) {
                pos++;
            }
            if (pos >= d.length) {
                return damaged("the file ends before its end-of-image marker (premature end of JPEG file)");
            }
            int marker = u8(pos++);
            if (stray > 0) {
                note(stray + " stray bytes before marker 0x" + Integer.toHexString(marker));
            }
            if (marker == 0xD9) {
                if (!sawScan) {
                    return damaged("end-of-image marker before any scan");
                }
                return warning == null ? Verdict.CLEAN : new Verdict(Outcome.WARNING, warning);
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                continue;
            }
            int len = segmentLength(d, pos);
            if (len < 0) {
                return segmentOverrun(d, marker, pos);
            }
            int body = pos + 2;
            int end = pos + len;
            switch (marker) {
                case 0xC4 -> {
                    String bad = readHuffmanTables(body, end);
                    if (bad != null) {
                        return damaged(bad);
                    }
                }
                case 0xDD -> restartInterval = ImageHeader.u16(d, body);
                case 0xC0, 0xC1 -> {
                    String bad = readFrame(body, end);
                    if (bad != null) {
                        return damaged(bad);
                    }
                }
                case 0xDA -> {
                    if (compId == null) {
                        return damaged("scan before the frame header");
                    }
                    Scan scan = new Scan();
                    Verdict v = scan.run(body, end);
                    if (v != null) {
                        return v;
                    }
                    sawScan = true;
                    pos = scan.nextMarker;
                    continue;
                }
                case 0xC2 -> {
                    return ProgressiveJpegCheck.check(d);
                }
                default -> {
                    if (ImageHeader.isSof(marker)) {
                        return new Verdict(Outcome.UNCHECKED, "SOF" + (marker - 0xC0)
                                + " JPEG (lossless or arithmetic-coded) is not walked");
                    }
                }
            }
            pos = end;
        }
    }

    /** The length of the marker segment whose length field is at {@code pos}; -1 if under 2 or past the end. */
    static int segmentLength(byte[] d, int pos) {
        int len = ImageHeader.u16(d, pos);
        return len < 2 || pos + len > d.length ? -1 : len;
    }

    /** The verdict for a segment whose length field (at {@code pos}) is under 2 or runs past the end. */
    static Verdict segmentOverrun(byte[] d, int marker, int pos) {
        return damaged("segment 0x" + Integer.toHexString(marker) + " of length " + ImageHeader.u16(d, pos)
                + " at byte " + pos + " runs past the end of the file");
    }

    private void note(String w) {
        if (warning == null) {
            warning = w;
        }
    }

    private String readHuffmanTables(int p, int end) {
        while (p < end) {
            int tcth = u8(p++);
            int cls = tcth >> 4;
            int id = tcth & 15;
            if (cls > 1 || id > 3) {
                return "Huffman table class " + cls + " id " + id + " out of range";
            }
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                counts[l] = u8(p++);
                total += counts[l];
            }
            if (total > 256 || p + total > end) {
                return "Huffman table with " + total + " symbols overruns its segment";
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = u8(p++);
            }
            Huffman h = Huffman.build(counts, values);
            if (h == null) {
                return "Huffman table " + cls + "/" + id + " has more codes than its lengths allow";
            }
            (cls == 0 ? dc : ac)[id] = h;
        }
        return null;
    }

    private String readFrame(int p, int end) {
        height = ImageHeader.u16(d, p + 1);
        width = ImageHeader.u16(d, p + 3);
        int n = u8(p + 5);
        if (n < 1 || n > 4 || p + 6 + 3 * n > end) {
            return "frame header with " + n + " components";
        }
        compId = new int[n];
        compH = new int[n];
        compV = new int[n];
        for (int i = 0; i < n; i++) {
            compId[i] = u8(p + 6 + 3 * i);
            compH[i] = u8(p + 7 + 3 * i) >> 4;
            compV[i] = u8(p + 7 + 3 * i) & 15;
            if (compH[i] < 1 || compH[i] > 4 || compV[i] < 1 || compV[i] > 4) {
                return "component " + compId[i] + " with sampling " + compH[i] + "x" + compV[i];
            }
        }
        if (width == 0 || height == 0) {
            return "frame of " + width + "x" + height;
        }
        return null;
    }

    private int u8(int i) {
        return d[i] & 0xFF;
    }

    /** One scan: its components, MCU geometry and the bit reader over its entropy-coded segment. */
    private final class Scan {
        int nextMarker;
        private long buf;
        private int bits;
        private int zeroFill;
        private int pos;
        private boolean atMarker;
        private boolean overrun;

        Verdict run(int p, int end) {
            int ns = u8(p);
            if (ns < 1 || ns > 4 || p + 1 + 2 * ns + 3 > end) {
                return damaged("scan header with " + ns + " components");
            }
            int[] frameIndex = new int[ns];
            Huffman[] dcs = new Huffman[ns];
            Huffman[] acs = new Huffman[ns];
            for (int i = 0; i < ns; i++) {
                int cs = u8(p + 1 + 2 * i);
                int tables = u8(p + 2 + 2 * i);
                frameIndex[i] = -1;
                for (int c = 0; c < compId.length; c++) {
                    if (compId[c] == cs) {
                        frameIndex[i] = c;
                    }
                }
                if (frameIndex[i] < 0) {
                    return damaged("scan names component " + cs + ", which the frame lacks");
                }
                int td = tables >> 4;
                int ta = tables & 15;
                if (td > 3 || ta > 3 || dc[td] == null || ac[ta] == null) {
                    return damaged("scan uses an undefined Huffman table (DC " + td + ", AC " + ta + ")");
                }
                dcs[i] = dc[td];
                acs[i] = ac[ta];
            }
            int ss = u8(p + 1 + 2 * ns);
            int se = u8(p + 2 + 2 * ns);
            int ahal = u8(p + 3 + 2 * ns);
            if (ss != 0 || se != 63 || ahal != 0) {
                return new Verdict(Outcome.UNCHECKED, "sequential scan with spectral selection " + ss + ".." + se);
            }
            int hmax = 1;
            int vmax = 1;
            for (int c = 0; c < compId.length; c++) {
                hmax = Math.max(hmax, compH[c]);
                vmax = Math.max(vmax, compV[c]);
            }
            long mcus;
            int[] blocksOf = new int[ns];
            if (ns == 1) {
                int c = frameIndex[0];
                long cw = ceilDiv((long) width * compH[c], hmax);
                long ch = ceilDiv((long) height * compV[c], vmax);
                mcus = ceilDiv(cw, 8) * ceilDiv(ch, 8);
                blocksOf[0] = 1;
            } else {
                mcus = ceilDiv(width, 8L * hmax) * ceilDiv(height, 8L * vmax);
                for (int i = 0; i < ns; i++) {
                    blocksOf[i] = compH[frameIndex[i]] * compV[frameIndex[i]];
                }
            }
            pos = end;
            int rst = 0;
            for (long m = 0; m < mcus; m++) {
                if (restartInterval > 0 && m > 0 && m % restartInterval == 0) {
                    int stray = (bits - zeroFill) / 8 + skipToMarker();
                    if (pos >= d.length) {
                        return damaged("the file ends inside the scan, after MCU " + m + " of " + mcus);
                    }
                    int marker = markerAt();
                    if (marker != 0xD0 + rst) {
                        return damaged("restart marker RST" + rst + " expected after MCU " + m + " of " + mcus
                                + ", found 0x" + Integer.toHexString(marker));
                    }
                    if (stray > 0) {
                        return damaged(stray + " stray bytes before RST" + rst + " (MCU " + m + " of " + mcus + ")");
                    }
                    pos = afterMarker();
                    rst = (rst + 1) & 7;
                    buf = 0;
                    bits = 0;
                    zeroFill = 0;
                    atMarker = false;
                }
                for (int i = 0; i < ns; i++) {
                    for (int b = 0; b < blocksOf[i]; b++) {
                        if (!block(dcs[i], acs[i])) {
                            return damaged("bad Huffman code in MCU " + m + " of " + mcus);
                        }
                        if (overrun) {
                            return damaged("scan data end at MCU " + m + " of " + mcus
                                    + " (premature end of data segment)");
                        }
                    }
                }
            }
            int stray = (bits - zeroFill) / 8 + skipToMarker();
            if (pos >= d.length) {
                return damaged("the file ends after the scan without an end-of-image marker");
            }
            nextMarker = pos;
            if (stray > MAX_BENIGN_STRAY_BYTES) {
                return damaged(stray + " stray bytes after the last MCU (the entropy-coded data do not decode to "
                        + mcus + " MCUs)");
            }
            if (stray > 0) {
                note(stray + " stray bytes after the last MCU");
            }
            return null;
        }

        /** Skips to the next marker's 0xFF (bytes the bit reader has not taken); returns how many were skipped. */
        private int skipToMarker() {
            if (atMarker) {
                return 0;
            }
            int skipped = 0;
            while (pos < d.length) {
                if (u8(pos) == 0xFF) {
                    int q = pos + 1;
                    while (q < d.length && u8(q) == 0xFF) {
                        q++;
                    }
                    if (q >= d.length || u8(q) != 0) {
                        return skipped;
                    }
                    pos = q + 1;
                } else {
                    pos++;
                }
                skipped++;
            }
            return skipped;
        }

        private int markerAt() {
            int q = pos;
            while (q < d.length && u8(q) == 0xFF) {
                q++;
            }
            return q < d.length ? u8(q) : -1;
        }

        private int afterMarker() {
            int q = pos;
            while (q < d.length && u8(q) == 0xFF) {
                q++;
            }
            return q + 1;
        }

        private void fill() {
            while (bits <= 56) {
                if (atMarker) {
                    buf <<= 8;
                    bits += 8;
                    zeroFill += 8;
                    continue;
                }
                if (pos >= d.length) {
                    atMarker = true;
                    continue;
                }
                int b = u8(pos);
                if (b == 0xFF) {
                    int q = pos + 1;
                    while (q < d.length && u8(q) == 0xFF) {
                        q++;
                    }
                    if (q < d.length && u8(q) == 0) {
                        pos = q + 1;
                    } else {
                        atMarker = true;  // pos stays on the marker
                        continue;
                    }
                } else {
                    pos++;
                }
                buf = buf << 8 | b;
                bits += 8;
            }
        }

        private int peek(int k) {
            if (bits < k) {
                fill();
            }
            return (int) (buf >>> (bits - k)) & ((1 << k) - 1);
        }

        private void consume(int k) {
            if (k > bits - zeroFill) {
                overrun = true;
            }
            bits -= k;
            if (zeroFill > bits) {
                zeroFill = bits;
            }
        }

        private int decode(Huffman h) {
            int e = h.lookahead[peek(8)];
            if (e != 0) {
                consume(e >> 8);
                return e & 0xFF;
            }
            int code = peek(16);
            for (int l = 9; l <= 16; l++) {
                int c = code >>> (16 - l);
                if (c <= h.maxCode[l]) {
                    consume(l);
                    return h.values[h.valPtr[l] + c - h.minCode[l]];
                }
            }
            return -1;
        }

        private boolean block(Huffman dcTable, Huffman acTable) {
            int s = decode(dcTable);
            if (s < 0) {
                return false;
            }
            if (s > 0) {
                peek(Math.min(s, 16));
                consume(Math.min(s, 16));
            }
            for (int k = 1; k < 64; ) {
                int rs = decode(acTable);
                if (rs < 0) {
                    return false;
                }
                int r = rs >> 4;
                int sz = rs & 15;
                if (sz == 0) {
                    if (r != 15) {
                        break;
                    }
                    k += 16;
                } else {
                    k += r + 1;
                    peek(sz);
                    consume(sz);
                }
                if (overrun) {
                    return true;
                }
            }
            return true;
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** A canonical Huffman table with libjpeg's 8-bit lookahead. */
    private static final class Huffman {
        final int[] lookahead = new int[256];
        final int[] maxCode = new int[17];
        final int[] minCode = new int[17];
        final int[] valPtr = new int[17];
        final int[] values;

        private Huffman(int[] values) {
            this.values = values;
        }

        /** Null when the counts describe more codes than fit (an over-subscribed table). */
        static Huffman build(int[] counts, int[] values) {
            Huffman h = new Huffman(values);
            int code = 0;
            int k = 0;
            for (int l = 1; l <= 16; l++) {
                h.minCode[l] = code;
                h.valPtr[l] = k;
                for (int i = 0; i < counts[l]; i++) {
                    if (code >= 1 << l) {
                        return null;
                    }
                    if (l <= 8) {
                        int shift = 8 - l;
                        for (int j = 0; j < 1 << shift; j++) {
                            h.lookahead[(code << shift) | j] = l << 8 | values[k];
                        }
                    }
                    code++;
                    k++;
                }
                h.maxCode[l] = counts[l] > 0 ? code - 1 : -1;
                code <<= 1;
            }
            return h;
        }
    }
}
