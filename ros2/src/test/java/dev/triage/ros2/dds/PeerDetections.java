package dev.triage.ros2.dds;

import dev.triage.ros2.msg.Detection2D;
import dev.triage.ros2.msg.Detection2DArray;
import dev.triage.ros2.msg.Header;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One Detection2DArray as a peer program printed it: the "det SEC NANOSEC FRAME_ID N RTT_US" line that
 * {@code ros2_peer.c} and {@code fastdds_peer.cpp} print for every sample they take, and the "d ..." line of each
 * detection when they print fields (hypotheses with an identity pose: w = 1). Compared with what Java decoded
 * within the printed precision (4 decimals for scores, 3 for the box).
 *
 * @param header     the array's header
 * @param count      how many detections the peer counted
 * @param rttMicros  image written → these detections taken, by the peer's clock; -1 when it does not measure
 * @param detections the decoded detections (empty unless the peer printed fields)
 */
public record PeerDetections(Header header, int count, long rttMicros, List<Detection2D> detections) {

    /** Every array in a peer's output, in order. */
    public static List<PeerDetections> parse(List<String> output) {
        List<PeerDetections> arrays = new ArrayList<>();
        Header header = null;
        int count = 0;
        long rtt = 0;
        List<Detection2D> detections = new ArrayList<>();
        for (String line : output) {
            String[] f = line.split(" ");
            if (line.startsWith("det ")) {
                if (header != null) {
                    arrays.add(new PeerDetections(header, count, rtt, detections));
                }
                header = new Header(Integer.parseInt(f[1]), Integer.parseUnsignedInt(f[2]), f[3]);
                count = Integer.parseInt(f[4]);
                rtt = Long.parseLong(f[5]);
                detections = new ArrayList<>();
            } else if (line.startsWith("d ")) {
                detections.add(detection(line, f));
            }
        }
        if (header != null) {
            arrays.add(new PeerDetections(header, count, rtt, detections));
        }
        return arrays;
    }

    private static Detection2D detection(String line, String[] f) {
        Header h = new Header(Integer.parseInt(f[1]), Integer.parseUnsignedInt(f[2]), f[3]);
        String id = value(f[4], "id=");
        List<Detection2D.Hypothesis> results = new ArrayList<>();
        int i = 6;
        for (; f[i].startsWith("class="); i += 3) {
            if (Double.parseDouble(value(f[i + 2], "w=")) != 1.0) {
                throw new IllegalStateException("hypothesis pose is not the identity: " + line);
            }
            results.add(new Detection2D.Hypothesis(value(f[i], "class="), number(f[i + 1], "score=")));
        }
        if (results.size() != Integer.parseInt(value(f[5], "n="))) {
            throw new IllegalStateException("hypothesis count: " + line);
        }
        return new Detection2D(h, results, number(f[i], "cx="), number(f[i + 1], "cy="), number(f[i + 2], "theta="),
                number(f[i + 3], "sx="), number(f[i + 4], "sy="), id);
    }

    private static String value(String token, String key) {
        if (!token.startsWith(key)) {
            throw new IllegalStateException("expected " + key + " at " + token);
        }
        return token.substring(key.length());
    }

    private static double number(String token, String key) {
        return Double.parseDouble(value(token, key));
    }

    /** Asserts that the peer decoded the same array as {@code expected}, field by field. */
    public void assertSameAs(Detection2DArray expected) {
        assertEquals(expected.header(), header, "array header");
        assertEquals(expected.detections().size(), count, "detection count of " + header);
        assertEquals(expected.detections().size(), detections.size(), "detection lines of " + header);
        for (int k = 0; k < detections.size(); k++) {
            Detection2D want = expected.detections().get(k);
            Detection2D got = detections.get(k);
            String where = header + " detection " + k;
            assertEquals(want.header(), got.header(), where);
            assertEquals(want.id(), got.id(), where);
            assertEquals(want.results().size(), got.results().size(), where);
            for (int h = 0; h < want.results().size(); h++) {
                assertEquals(want.results().get(h).classId(), got.results().get(h).classId(), where);
                assertEquals(want.results().get(h).score(), got.results().get(h).score(), 0.6e-4, where);
            }
            assertEquals(want.centerX(), got.centerX(), 0.6e-3, where);
            assertEquals(want.centerY(), got.centerY(), 0.6e-3, where);
            assertEquals(want.theta(), got.theta(), 0.6e-3, where);
            assertEquals(want.sizeX(), got.sizeX(), 0.6e-3, where);
            assertEquals(want.sizeY(), got.sizeY(), 0.6e-3, where);
        }
    }
}
