package dev.triage.datasets.bag;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Streams the messages of a ROS bag (format v2.0) in file order, chunk by chunk, without the index: it works on
 * bags whose index was never written (recorder killed) or was cut off. Memory stays bounded: chunks are decompressed
 * as they are read, and no header or message may exceed the record cap (default 64 MiB).
 * Not thread-safe.
 *
 * <pre>{@code
 * try (BagReader bag = BagReader.open(path)) {
 *     for (Optional<BagMessage> m = bag.next(c -> c.topic().equals("/camera/image_raw")); m.isPresent();
 *          m = bag.next(c -> c.topic().equals("/camera/image_raw"))) {
 *         use(m.get());
 *     }
 * } catch (BagFormatException e) {
 *     // truncated or corrupt at e.offset(); messages returned before stay valid
 * }
 * }</pre>
 */
public final class BagReader implements AutoCloseable {
    /** The first bytes of every v2.0 bag. */
    public static final String MAGIC = "#ROSBAG V2.0\n";
    /** Default cap on one record header and one record's data. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 << 20;
    /** Cap on distinct connections, so that a corrupt bag cannot grow the table without bound. */
    public static final int MAX_CONNECTIONS = 65_536;
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path path;
    private final InputStream in;
    private final RecordReader file;
    private final BagHeader header;
    private final int maxRecordBytes;
    private final Map<Integer, BagConnection> connections = new LinkedHashMap<>();
    private ChunkCursor chunk;
    private IOException failure;

    private BagReader(Path path, InputStream in, RecordReader file, BagHeader header, int maxRecordBytes) {
        this.path = path;
        this.in = in;
        this.file = file;
        this.header = header;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Opens {@code path} with the default record cap. */
    public static BagReader open(Path path) throws IOException {
        return open(path, DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * Opens {@code path} and reads its magic and bag header record.
     *
     * @param maxRecordBytes cap on one record header and one record's data
     * @throws BagFormatException when the file is not a v2.0 bag (offset 0) or its header record is corrupt
     * @throws IOException        when the file cannot be read
     */
    public static BagReader open(Path path, int maxRecordBytes) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES);
        try {
            byte[] magic = in.readNBytes(MAGIC.length());
            if (!Arrays.equals(magic, MAGIC.getBytes(StandardCharsets.US_ASCII))) {
                throw new BagFormatException(0, "not a ROS bag v2.0 file (it starts with "
                        + printable(magic) + ", expected \"#ROSBAG V2.0\")");
            }
            RecordReader file = new RecordReader(in, MAGIC.length(), true, maxRecordBytes, "");
            BagRecord first = file.next().orElseThrow(() ->
                    new BagFormatException(MAGIC.length(), "the bag ends after its magic line"));
            long at = MAGIC.length();
            if (first.op() != RecordOp.BAG_HEADER) {
                throw new BagFormatException(at, "the first record is not a bag header (op " + first.header().op()
                        + ")");
            }
            BagHeader header = new BagHeader(first.header().int64("index_pos", at),
                    first.header().int32("conn_count", at), first.header().int32("chunk_count", at));
            file.skipData(first);
            return new BagReader(path, in, file, header, maxRecordBytes);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The bag header record. */
    public BagHeader header() {
        return header;
    }

    /** The file being read. */
    public Path path() {
        return path;
    }

    /** The connections met so far, in the order they appeared (which is the order of their ids in rosbag's bags). */
    public Map<Integer, BagConnection> connections() {
        return Collections.unmodifiableMap(connections);
    }

    /** Reads the next message of any connection. */
    public Optional<BagMessage> next() throws IOException {
        return next(c -> true);
    }

    /**
     * Reads the next message whose connection {@code wanted} accepts; other messages are skipped unread.
     *
     * @return the message, or empty at the end of the bag
     * @throws BagFormatException when the bag is truncated or corrupt; every later call throws it again
     */
    public Optional<BagMessage> next(Predicate<BagConnection> wanted) throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            return advance(wanted);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private Optional<BagMessage> advance(Predicate<BagConnection> wanted) throws IOException {
        while (true) {
            if (chunk != null) {
                Optional<BagRecord> inner = chunk.next();
                if (inner.isEmpty()) {
                    chunk = null;
                    continue;
                }
                BagMessage message = innerRecord(inner.get(), wanted);
                if (message != null) {
                    return Optional.of(message);
                }
                continue;
            }
            Optional<BagRecord> next = file.next();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            BagRecord record = next.get();
            RecordOp op = record.op();
            if (op == null) {
                throw new BagFormatException(record.position(), "unknown record op " + record.header().op()
                        + " at byte " + record.position());
            }
            switch (op) {
                case CHUNK -> chunk = ChunkCursor.open(file, record, record.position(), file.position(),
                        maxRecordBytes);
                case CONNECTION -> addConnection(record, file.readData(record), record.position());
                case MESSAGE_DATA -> {
                    BagMessage message = message(record, wanted, record.position(), file::readData, file::skipData);
                    if (message != null) {
                        return Optional.of(message);
                    }
                }
                default -> file.skipData(record);
            }
        }
    }

    private BagMessage innerRecord(BagRecord record, Predicate<BagConnection> wanted) throws IOException {
        long offset = chunk.fileOffset(record);
        RecordOp op = record.op();
        if (op == RecordOp.CONNECTION) {
            addConnection(record, chunk.readData(record), offset);
            return null;
        }
        if (op == RecordOp.MESSAGE_DATA) {
            return message(record, wanted, offset, chunk::readData, chunk::skipData);
        }
        throw new BagFormatException(offset, "unexpected record op " + record.header().op() + " inside the chunk"
                + " (only connection and message records belong there)");
    }

    private BagMessage message(BagRecord record, Predicate<BagConnection> wanted, long offset, DataReader read,
                               DataSkipper skip) throws IOException {
        int conn = record.header().int32("conn", offset);
        BagConnection connection = connections.get(conn);
        if (connection == null) {
            throw new BagFormatException(offset, "message record for connection " + conn
                    + ", which no earlier connection record declared");
        }
        long time = record.header().timeNanos("time", offset);
        if (!wanted.test(connection)) {
            skip.skip(record);
            return null;
        }
        return new BagMessage(connection, time, read.read(record), offset);
    }

    private void addConnection(BagRecord record, byte[] data, long offset) throws BagFormatException {
        int id = record.header().int32("conn", offset);
        if (connections.containsKey(id)) {
            return;
        }
        if (connections.size() >= MAX_CONNECTIONS) {
            throw new BagFormatException(offset, "more than " + MAX_CONNECTIONS + " connections");
        }
        String topic = record.header().string("topic", offset);
        RecordHeader fields = RecordHeader.parse(data, offset);
        connections.put(id, new BagConnection(id, topic, fields.stringOr("type", ""),
                fields.stringOr("md5sum", "")));
    }

    private static String printable(byte[] bytes) {
        StringBuilder s = new StringBuilder("\"");
        for (byte b : bytes) {
            s.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xFF));
        }
        return s.append('"').toString();
    }

    @Override
    public void close() throws IOException {
        chunk = null;
        in.close();
    }

    @FunctionalInterface
    private interface DataReader {
        byte[] read(BagRecord record) throws IOException;
    }

    @FunctionalInterface
    private interface DataSkipper {
        void skip(BagRecord record) throws IOException;
    }
}
