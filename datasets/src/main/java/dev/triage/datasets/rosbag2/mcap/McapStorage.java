package dev.triage.datasets.rosbag2.mcap;

import dev.triage.datasets.rosbag2.LogTimeWindow;
import dev.triage.datasets.rosbag2.StorageFormatException;
import dev.triage.datasets.rosbag2.StorageReader;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * Opens an MCAP file for replay in log-time order (MCAP does not require messages to be stored in it): an indexed
 * file through {@link McapLogTimeMerge} (a merge of its chunks by the summary's chunk and message indexes), any
 * other file (no summary, no message indexes, unchunked, or chunks that overlap in time by more than
 * {@link #DEFAULT_MAX_MERGE_BYTES}) in file order through a {@link LogTimeWindow}.
 */
public final class McapStorage {
    /** Cap on the uncompressed chunks the merge may hold at once: 1 GiB. */
    public static final long DEFAULT_MAX_MERGE_BYTES = 1L << 30;
    private static final System.Logger LOG = System.getLogger(McapStorage.class.getName());

    private McapStorage() {
    }

    /**
     * Opens {@code path}: checks the leading magic and reads the summary when there is one.
     *
     * @param maxRecordBytes cap on one record (a chunk) and on one chunk's uncompressed records
     * @throws StorageFormatException when the file does not start with the MCAP magic
     */
    public static StorageReader open(Path path, int maxRecordBytes) throws IOException, StorageFormatException {
        FileChannel file = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = file.size();
            byte[] magic = new byte[McapOpcodes.MAGIC.length];
            if (size >= magic.length) {
                McapFile.read(file, 0, magic.length).get(magic);
            }
            if (!Arrays.equals(magic, McapOpcodes.MAGIC)) {
                throw new StorageFormatException("byte 0", "not an MCAP file (no MCAP magic)");
            }
            Optional<McapSummary> summary = McapSummary.read(file, size, maxRecordBytes);
            if (summary.isPresent() && McapLogTimeMerge.canRead(summary.get())) {
                long overlap = McapLogTimeMerge.overlapBytes(summary.get().chunks());
                if (overlap <= DEFAULT_MAX_MERGE_BYTES) {
                    return new McapLogTimeMerge(file, summary.get(), maxRecordBytes);
                }
                LOG.log(System.Logger.Level.WARNING, path + ": chunks that overlap in log time hold " + (overlap >> 20)
                        + " MiB at once, more than the " + (DEFAULT_MAX_MERGE_BYTES >> 20) + " MiB the log-time merge "
                        + "may hold; reading in file order through a re-order window instead");
            }
            return new LogTimeWindow(new McapReader(file, size, maxRecordBytes, summary), path);
        } catch (IOException | StorageFormatException | RuntimeException e) {
            file.close();
            throw e;
        }
    }
}
