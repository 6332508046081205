package dev.triage.ros.tcpros;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/** Reads length-prefixed TCPROS message frames with a size cap (links use {@link FrameReader}, which also budgets). */
public final class Frames {

    private Frames() {
    }

    /**
     * Reads one frame's payload.
     *
     * @param maxBytes the largest payload accepted
     * @throws OversizedMessageException when the announced length exceeds {@code maxBytes}; nothing was allocated
     *                                   (below the cap the buffer grows only as bytes arrive)
     * @throws EOFException              when the peer closed the connection
     */
    public static byte[] read(DataInputStream in, int maxBytes) throws IOException {
        int len = Integer.reverseBytes(in.readInt());
        if (len < 0 || len > maxBytes) {
            throw new OversizedMessageException(Integer.toUnsignedLong(len), maxBytes);
        }
        // grows with what arrives: a peer that announces much and sends little costs what it sent
        byte[] payload = new byte[Math.min(len, MemoryBudget.FREE_BYTES)];
        int filled = 0;
        while (filled < len) {
            if (filled == payload.length) {
                payload = java.util.Arrays.copyOf(payload, (int) Math.min(len, payload.length * 2L));
            }
            int n = in.read(payload, filled, payload.length - filled);
            if (n < 0) {
                throw new EOFException("connection closed after " + filled + " of " + len + " bytes");
            }
            filled += n;
        }
        return payload;
    }
}
