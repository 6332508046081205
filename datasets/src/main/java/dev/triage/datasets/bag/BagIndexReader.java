package dev.triage.datasets.bag;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the connection list from a bag's index (written at the end when the recorder closes the bag), so that a
 * topic can be checked before streaming. A bag without a usable index (recorder killed, file cut) has none; callers
 * then learn the connections while streaming.
 */
public final class BagIndexReader {
    private BagIndexReader() {
    }

    /**
     * The connections listed in the index of {@code path}, sorted by id.
     *
     * @return empty when the bag has no index or it is cut off or corrupt
     * @throws IOException when the file cannot be read at all
     */
    public static Optional<List<BagConnection>> connections(Path path, BagHeader header, int maxRecordBytes)
            throws IOException {
        long size = Files.size(path);
        if (header.indexPosition() <= BagReader.MAGIC.length() || header.indexPosition() >= size) {
            return Optional.empty();
        }
        try (SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ)) {
            channel.position(header.indexPosition());
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            RecordReader records = new RecordReader(in, header.indexPosition(), true, maxRecordBytes, "index");
            List<BagConnection> connections = new ArrayList<>();
            for (Optional<BagRecord> r = records.next(); r.isPresent(); r = records.next()) {
                BagRecord record = r.get();
                long offset = records.fileOffset(record.position());
                if (record.op() == RecordOp.CONNECTION) {
                    RecordHeader fields = RecordHeader.parse(records.readData(record), offset);
                    connections.add(new BagConnection(record.header().int32("conn", offset),
                            record.header().string("topic", offset), fields.stringOr("type", ""),
                            fields.stringOr("md5sum", "")));
                    if (connections.size() > BagReader.MAX_CONNECTIONS) {
                        return Optional.empty();
                    }
                } else if (record.op() == RecordOp.CHUNK_INFO) {
                    records.skipData(record);
                } else {
                    return Optional.empty();
                }
            }
            if (connections.size() != header.connectionCount()) {
                return Optional.empty();
            }
            connections.sort(Comparator.comparingInt(BagConnection::id));
            return Optional.of(List.copyOf(connections));
        } catch (BagFormatException e) {
            return Optional.empty();
        }
    }
}
