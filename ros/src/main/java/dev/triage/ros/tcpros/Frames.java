package dev.triage.ros.tcpros;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/** Reads length-prefixed TCPROS message frames with a size cap. */
public final class Frames {

    private Frames() {
    }

    /**
     * Reads one frame's payload.
     *
     * @param maxBytes the largest payload accepted
     * @throws OversizedMessageException when the announced length exceeds {@code maxBytes}; nothing was allocated
     * @throws EOFException              when the peer closed the connection
     */
    public static byte[] read(DataInputStream in, int maxBytes) throws IOException {
        int len = Integer.reverseBytes(in.readInt());
        if (len < 0 || len > maxBytes) {
            throw new OversizedMessageException(Integer.toUnsignedLong(len), maxBytes);
        }
        byte[] payload = new byte[len];
        in.readFully(payload);
        return payload;
    }
}
