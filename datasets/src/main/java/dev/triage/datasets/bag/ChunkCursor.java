package dev.triage.datasets.bag;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The records inside one chunk, read as the chunk's data is decompressed. Knows the chunk's place in the file
 * and its announced uncompressed size, so it can tell a clean end from a cut or corrupt chunk.
 */
final class ChunkCursor {
    private final long chunkOffset;
    private final long dataEnd;
    private final String compression;
    private final long uncompressedSize;
    private final LimitedInputStream compressed;
    private final InputStream uncompressed;
    private final RecordReader records;

    private ChunkCursor(long chunkOffset, long dataEnd, String compression, long uncompressedSize,
                        LimitedInputStream compressed, InputStream uncompressed, RecordReader records) {
        this.chunkOffset = chunkOffset;
        this.dataEnd = dataEnd;
        this.compression = compression;
        this.uncompressedSize = uncompressedSize;
        this.compressed = compressed;
        this.uncompressed = uncompressed;
        this.records = records;
    }

    /**
     * Starts reading the chunk whose record {@code file} has just returned.
     *
     * @param chunkOffset file offset of the chunk record
     * @param dataStart   file offset of the chunk's data
     */
    static ChunkCursor open(RecordReader file, BagRecord chunk, long chunkOffset, long dataStart, int maxRecordBytes)
            throws IOException {
        String compression = chunk.header().string("compression", chunkOffset);
        long size = Integer.toUnsignedLong(chunk.header().int32("size", chunkOffset));
        LimitedInputStream data = file.openData(chunk);
        String where = "chunk at byte " + chunkOffset + " (" + compression + ")";
        InputStream plain;
        try {
            plain = ChunkDecompressor.open(compression, data);
        } catch (IOException e) {
            throw new BagFormatException(chunkOffset, where + ": " + e.getMessage()
                    + (data.cutShort() ? "; the file ends inside the chunk" : ""), e);
        }
        boolean exact = "none".equals(compression);
        RecordReader records = new RecordReader(plain, exact ? dataStart : chunkOffset, exact, maxRecordBytes, where);
        return new ChunkCursor(chunkOffset, dataStart + chunk.dataLength(), compression, size, data, plain, records);
    }

    /** The records of this chunk. */
    RecordReader records() {
        return records;
    }

    /**
     * The next record of the chunk, or empty at its end (after checking that the chunk was complete).
     *
     * @throws BagFormatException when the chunk is cut short or corrupt; the message says which and where
     */
    Optional<BagRecord> next() throws IOException {
        Optional<BagRecord> record;
        try {
            record = records.next();
        } catch (IOException e) {
            throw explain(e);
        }
        if (record.isEmpty()) {
            finish();
        }
        return record;
    }

    /** Reads the data of the record just returned, with the same error handling as {@link #next()}. */
    byte[] readData(BagRecord record) throws IOException {
        try {
            return records.readData(record);
        } catch (IOException e) {
            throw explain(e);
        }
    }

    /** Skips the data of the record just returned, with the same error handling as {@link #next()}. */
    void skipData(BagRecord record) throws IOException {
        try {
            records.skipData(record);
        } catch (IOException e) {
            throw explain(e);
        }
    }

    /** File offset that a message of this chunk reports: exact for uncompressed chunks, else the chunk's. */
    long fileOffset(BagRecord record) {
        return records.fileOffset(record.position());
    }

    private void finish() throws IOException {
        if (records.position() != uncompressedSize) {
            throw explain(new BagFormatException(records.fileOffset(records.position()), "chunk at byte " + chunkOffset
                    + " (" + compression + ") ends after " + records.position() + " of its " + uncompressedSize
                    + " uncompressed bytes"));
        }
        if (!compressed.drain()) {
            throw explain(new BagFormatException(chunkOffset, "chunk at byte " + chunkOffset + " (" + compression
                    + ") is cut short"));
        }
    }

    private BagFormatException explain(IOException e) {
        long offset = e instanceof BagFormatException b ? b.offset() : chunkOffset;
        String detail = e instanceof BagFormatException ? e.getMessage()
                : "chunk at byte " + chunkOffset + " (" + compression + "): compressed data cut short or corrupt ("
                + e.getMessage() + ")";
        if (compressed.cutShort()) {
            detail += "; the file ends inside this chunk, whose data should reach byte " + dataEnd;
        }
        return new BagFormatException(offset, detail, e);
    }
}
