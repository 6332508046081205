package dev.triage.datasets.rosbag2;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Fuzz target (Jazzer): the rosbag2 MCAP reader, as {@code triage replay drive.mcap} uses it. The input is written
 * to a file and replayed to its end with a 1 MiB record cap; the only allowed failure is a {@link SourceException}
 * (which names the file and the offset). Seeds: small MCAP files written by the npm {@code @mcap/core} writer with
 * zstd, lz4 and no chunk compression, unchunked, without a summary, and unfinished.
 */
class McapFuzzTest {

    private static Path file;

    private static synchronized Path file() throws IOException {
        if (file == null) {
            file = Files.createTempFile("mcap-fuzz", ".mcap");
            file.toFile().deleteOnExit();
        }
        return file;
    }

    @FuzzTest(maxDuration = "5s")
    void mcap(byte[] data) throws IOException {
        Path f = file();
        Files.write(f, data);
        try (Rosbag2ImageSource source = Rosbag2ImageSource.open(f, Optional.empty(), 1 << 20)) {
            for (int i = 0; i < 10_000; i++) {
                Optional<Frame> frame = source.next();
                if (frame.isEmpty()) {
                    break;
                }
            }
        } catch (SourceException e) {
            // refused with the file and offset named
        }
    }
}
