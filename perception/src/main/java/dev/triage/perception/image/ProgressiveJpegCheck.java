package dev.triage.perception.image;

import java.util.Arrays;

/**
 * Checks the structure of a progressive Huffman JPEG (SOF2), which {@link JpegScanCheck} hands over to it: libjpeg
 * decodes such a file from whatever scans arrived and returns a blurred or grey-blocked picture with only a line on
 * stderr when the file was cut short. This walk finds, without decoding any coefficient:
 * <ul>
 *   <li>a file that ends inside a scan or before its end-of-image marker (a cut transfer): {@code DAMAGED};</li>
 *   <li>restart markers out of order inside a scan, a scan with impossible spectral or approximation parameters, or a
 *       refinement scan whose coefficients had no first scan at that precision: {@code DAMAGED};</li>
 *   <li>an image that ends complete but whose scans leave some coefficient of some component unsent or at reduced
 *       precision (an encoder's unusual script, decoded as a softer picture): {@code WARNING}.</li>
 * </ul>
 * It does not read the Huffman-coded bits, so a flipped bit inside a scan that keeps the file's structure is not seen
 * (libjpeg does not see most of those either). The walk reads each byte once and allocates a fixed 4 x 64 table.
 */
final class ProgressiveJpegCheck {
    private static final int COEFFICIENTS = 64;
    private static final int NOT_SENT = -1;

    private final byte[] d;
    private int[] componentIds;
    /** Per component and zig-zag coefficient: the successive-approximation bit it is known to, or NOT_SENT. */
    private int[][] precision;
    private int scans;

    private ProgressiveJpegCheck(byte[] d) {
        this.d = d;
    }

    /** Walks {@code jpeg} (which starts with SOI and has an SOF2 frame); never throws. */
    static JpegScanCheck.Verdict check(byte[] jpeg) {
        try {
            return new ProgressiveJpegCheck(jpeg).walk();
        } catch (IndexOutOfBoundsException e) {
            return damaged("a segment of the progressive JPEG runs past the end of the file");
        }
    }

    private static JpegScanCheck.Verdict damaged(String why) {
        return new JpegScanCheck.Verdict(JpegScanCheck.Outcome.DAMAGED, why);
    }

    private JpegScanCheck.Verdict walk() {
        int pos = 2;
        while (true) {
            while (pos < d.length && u8(pos) != 0xFF) {
                pos++;
            }
            while (pos < d.length && u8(pos) == 0xFF) {
                pos++;
            }
            if (pos >= d.length) {
                return damaged("the progressive JPEG ends before its end-of-image marker after " + scans
                        + " scans (premature end of JPEG file)");
            }
            int marker = u8(pos++);
            if (marker == 0xD9) {
                return atEnd();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                continue;
            }
            int len = JpegScanCheck.segmentLength(d, pos);
            if (len < 0) {
                return JpegScanCheck.segmentOverrun(d, marker, pos);
            }
            int body = pos + 2;
            pos += len;
            if (marker == 0xC2) {
                String bad = readFrame(body);
                if (bad != null) {
                    return damaged(bad);
                }
            } else if (marker == 0xDA) {
                String bad = readScanHeader(body);
                if (bad != null) {
                    return damaged(bad);
                }
                scans++;
                int next = skipEntropyData(pos);
                if (next < 0) {
                    return damaged(next == -1 ? "the progressive JPEG ends inside scan " + scans
                            + " (premature end of JPEG file)" : "restart markers out of order in scan " + scans);
                }
                pos = next;
            }
        }
    }

    private String readFrame(int p) {
        int n = u8(p + 5);
        if (n < 1 || n > 4) {
            return "progressive frame header with " + n + " components";
        }
        componentIds = new int[n];
        precision = new int[n][COEFFICIENTS];
        for (int i = 0; i < n; i++) {
            componentIds[i] = u8(p + 6 + 3 * i);
            Arrays.fill(precision[i], NOT_SENT);
        }
        return null;
    }

    /** Validates one SOS header and records which coefficients the scan brings to which precision. */
    private String readScanHeader(int p) {
        if (componentIds == null) {
            return "scan before the progressive frame header";
        }
        int ns = u8(p);
        int ss = u8(p + 1 + 2 * ns);
        int se = u8(p + 2 + 2 * ns);
        int ah = u8(p + 3 + 2 * ns) >> 4;
        int al = u8(p + 3 + 2 * ns) & 15;
        String where = "scan " + (scans + 1);
        if (ns < 1 || ns > componentIds.length || ss > se || se >= COEFFICIENTS || (ss == 0) != (se == 0)
                || (ss > 0 && ns != 1) || ah > 13 || al > 13 || (ah != 0 && ah != al + 1)) {
            return where + " has invalid progressive parameters (components " + ns + ", spectral " + ss + "-" + se
                    + ", approximation " + ah + "/" + al + ")";
        }
        for (int i = 0; i < ns; i++) {
            int c = componentIndex(u8(p + 1 + 2 * i));
            if (c < 0) {
                return where + " names component " + u8(p + 1 + 2 * i) + ", which the frame does not have";
            }
            for (int k = ss; k <= se; k++) {
                boolean first = ah == 0;
                if (first ? precision[c][k] != NOT_SENT : precision[c][k] != ah) {
                    return where + " " + (first ? "sends again" : "refines") + " coefficient " + k
                            + " of component " + componentIds[c] + (first ? "" : " without its earlier scan");
                }
                precision[c][k] = al;
            }
        }
        return null;
    }

    private int componentIndex(int id) {
        for (int i = 0; i < componentIds.length; i++) {
            if (componentIds[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The position of the marker that ends the entropy-coded data starting at {@code p}, checking the restart
     * markers inside it; -1 when the file ends first, -2 when a restart marker is out of order.
     */
    private int skipEntropyData(int p) {
        int expectedRestart = 0;
        while (p + 1 < d.length) {
            if (u8(p) != 0xFF) {
                p++;
                continue;
            }
            int next = u8(p + 1);
            if (next == 0x00 || next == 0xFF) {
                p += next == 0x00 ? 2 : 1;
            } else if (next >= 0xD0 && next <= 0xD7) {
                if (next - 0xD0 != expectedRestart) {
                    return -2;
                }
                expectedRestart = (expectedRestart + 1) & 7;
                p += 2;
            } else {
                return p;
            }
        }
        return -1;
    }

    private JpegScanCheck.Verdict atEnd() {
        if (scans == 0) {
            return damaged("end-of-image marker before any scan of the progressive JPEG");
        }
        for (int c = 0; c < componentIds.length; c++) {
            int from = -1;
            for (int k = 0; k <= COEFFICIENTS; k++) {
                boolean incomplete = k < COEFFICIENTS && precision[c][k] != 0;
                if (incomplete && from < 0) {
                    from = k;
                } else if (!incomplete && from >= 0) {
                    return new JpegScanCheck.Verdict(JpegScanCheck.Outcome.WARNING, "the progressive scans leave "
                            + "coefficients " + from + "-" + (k - 1) + " of component " + componentIds[c]
                            + " unsent or at reduced precision");
                }
            }
        }
        return JpegScanCheck.Verdict.CLEAN;
    }

    private int u8(int i) {
        return d[i] & 0xFF;
    }
}
