package dev.triage.datasets.rosbag2.mcap;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/** Positional reads from an MCAP file. */
final class McapFile {

    private McapFile() {
    }

    /** Exactly {@code n} bytes from {@code offset}, as a little-endian buffer. */
    static ByteBuffer read(FileChannel file, long offset, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        long at = offset;
        while (buf.hasRemaining()) {
            int got = file.read(buf, at);
            if (got < 0) {
                throw new EOFException("end of file at byte " + at);
            }
            at += got;
        }
        return buf.flip();
    }
}
