package dev.triage.datasets.bag;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads the records of one level of a bag one by one: the file itself, or the decompressed contents of a chunk.
 * Knows how to turn its stream position into the file offset that errors report, and refuses records bigger than
 * the cap before allocating them.
 */
final class RecordReader {
    private final InputStream in;
    private final long fileBase;
    private final boolean exactOffsets;
    private final int maxRecordBytes;
    private final String where;
    private long position;

    /**
     * @param in             the records, positioned at a record boundary
     * @param fileBase       file offset of {@code in}'s first byte (exact offsets), or of the enclosing chunk record
     * @param exactOffsets   whether positions in {@code in} map one to one to file offsets (uncompressed data)
     * @param maxRecordBytes cap on one header and on one record's data
     * @param where          how errors name this level, for example "chunk at byte 4117 (lz4)"; empty for the file
     */
    RecordReader(InputStream in, long fileBase, boolean exactOffsets, int maxRecordBytes, String where) {
        this.in = in;
        this.fileBase = fileBase;
        this.exactOffsets = exactOffsets;
        this.maxRecordBytes = maxRecordBytes;
        this.where = where;
    }

    /** Bytes consumed from the stream so far. */
    long position() {
        return position;
    }

    /** The file offset that an error at stream position {@code pos} reports. */
    long fileOffset(long pos) {
        return exactOffsets ? fileBase + pos : fileBase;
    }

    /**
     * Reads the next record's header and data length.
     *
     * @return the record, or empty when the stream ends exactly at a record boundary
     * @throws BagFormatException when the stream ends inside the record start or a length is out of range
     */
    Optional<BagRecord> next() throws IOException {
        long start = position;
        byte[] len = new byte[4];
        int n = readUpTo(len, 4);
        if (n == 0) {
            return Optional.empty();
        }
        if (n < 4) {
            throw cut(start, "record length");
        }
        int headerLength = littleEndianInt(len);
        checkLength(start, "record header", headerLength);
        byte[] headerBytes = new byte[headerLength];
        if (readUpTo(headerBytes, headerLength) < headerLength) {
            throw cut(start, "record header");
        }
        RecordHeader header = RecordHeader.parse(headerBytes, fileOffset(start + 4));
        if (readUpTo(len, 4) < 4) {
            throw cut(start, "record data length");
        }
        int dataLength = littleEndianInt(len);
        checkLength(start, "record data", dataLength);
        return Optional.of(new BagRecord(start, header, dataLength));
    }

    /**
     * Reads the data of {@code record}, which must be the record just returned by {@link #next()}.
     *
     * @throws BagFormatException when the stream ends inside the data
     */
    byte[] readData(BagRecord record) throws IOException {
        byte[] data = new byte[record.dataLength()];
        if (readUpTo(data, data.length) < data.length) {
            throw cut(record.position(), "record data (" + data.length + " bytes)");
        }
        return data;
    }

    /**
     * Skips the data of {@code record} without reading it into memory.
     *
     * @throws BagFormatException when the stream ends inside the data
     */
    void skipData(BagRecord record) throws IOException {
        long left = record.dataLength();
        byte[] scratch = null;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (scratch == null) {
                    scratch = new byte[8192];
                }
                int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
                if (n < 0) {
                    throw cut(record.position(), "record data (" + record.dataLength() + " bytes)");
                }
                skipped = n;
            }
            left -= skipped;
            position += skipped;
        }
    }

    /**
     * A view of the data of {@code record} (for chunks, which are streamed rather than read). The caller must
     * read or {@link LimitedInputStream#drain() drain} it before the next {@link #next()}; positions after it are
     * counted as if it was read in full.
     */
    LimitedInputStream openData(BagRecord record) {
        position += record.dataLength();
        return new LimitedInputStream(in, record.dataLength());
    }

    private int readUpTo(byte[] buf, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(buf, total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        position += total;
        return total;
    }

    private void checkLength(long start, String what, int length) throws BagFormatException {
        if (length < 0 || length > maxRecordBytes) {
            throw new BagFormatException(fileOffset(start), prefix() + what + " length "
                    + Integer.toUnsignedString(length) + " is over the limit of " + maxRecordBytes
                    + " bytes (corrupt record, or raise the limit)");
        }
    }

    private BagFormatException cut(long start, String what) {
        return new BagFormatException(fileOffset(start), prefix() + "the record at "
                + (exactOffsets ? "byte " + (fileBase + start) : "uncompressed offset " + start)
                + " is cut short in its " + what);
    }

    private String prefix() {
        return where.isEmpty() ? "" : where + ": ";
    }

    private static int littleEndianInt(byte[] b) {
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }
}
