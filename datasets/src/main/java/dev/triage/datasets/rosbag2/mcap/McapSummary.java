package dev.triage.datasets.rosbag2.mcap;

import dev.triage.datasets.rosbag2.StorageFormatException;
import dev.triage.datasets.rosbag2.TopicInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the channels listed in an MCAP file's summary section, found through the Footer at the end of the file. A
 * file without a summary (written unindexed, or cut off before the recorder closed it), or one whose footer or
 * summary does not parse, has none: the reader then learns the channels while it scans.
 */
final class McapSummary {

    private McapSummary() {
    }

    /** The channels of the summary, or empty when the file has no usable one. */
    static Optional<List<TopicInfo>> channels(FileChannel file, long size, int maxBytes) throws IOException {
        int tail = McapOpcodes.RECORD_PREFIX + McapOpcodes.FOOTER_CONTENT + McapOpcodes.MAGIC.length;
        if (size < McapOpcodes.MAGIC.length + tail) {
            return Optional.empty();
        }
        long footerAt = size - tail;
        ByteBuffer footer = McapFile.read(file, footerAt, tail);
        byte[] magic = new byte[McapOpcodes.MAGIC.length];
        footer.get(tail - magic.length, magic);
        if (footer.get(0) != McapOpcodes.FOOTER || footer.getLong(1) != McapOpcodes.FOOTER_CONTENT
                || !Arrays.equals(magic, McapOpcodes.MAGIC)) {
            return Optional.empty();
        }
        long summaryStart = footer.getLong(McapOpcodes.RECORD_PREFIX);
        if (summaryStart < McapOpcodes.MAGIC.length || summaryStart >= footerAt
                || footerAt - summaryStart > maxBytes) {
            return Optional.empty();
        }
        ByteBuffer summary = McapFile.read(file, summaryStart, (int) (footerAt - summaryStart));
        McapChannels channels = new McapChannels();
        try {
            while (summary.remaining() >= McapOpcodes.RECORD_PREFIX) {
                long at = summaryStart + summary.position();
                int opcode = summary.get() & 0xFF;
                long len = summary.getLong();
                if (len < 0 || len > summary.remaining()) {
                    return Optional.empty();
                }
                ByteBuffer content = summary.slice(summary.position(), (int) len).order(ByteOrder.LITTLE_ENDIAN);
                summary.position(summary.position() + (int) len);
                if (opcode == McapOpcodes.SCHEMA) {
                    channels.schema(content, "byte " + at);
                } else if (opcode == McapOpcodes.CHANNEL) {
                    channels.channel(content, "byte " + at);
                }
            }
        } catch (StorageFormatException e) {
            return Optional.empty();
        }
        return summary.hasRemaining() ? Optional.empty() : Optional.of(channels.all());
    }
}
