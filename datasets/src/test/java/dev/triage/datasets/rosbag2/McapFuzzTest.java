package dev.triage.datasets.rosbag2;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.triage.datasets.RecordingFuzz;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.util.Optional;

/**
 * Fuzz target (Jazzer): the rosbag2 MCAP reader, as {@code triage replay drive.mcap} uses it. The input is written
 * to a file and replayed to its end with a 1 MiB record cap; the only allowed failure is a {@link SourceException}
 * (which names the file and the offset). Seeds: small MCAP files written by the npm {@code @mcap/core} writer with
 * zstd, lz4 and no chunk compression, unchunked, without a summary, and unfinished.
 */
class McapFuzzTest {

    private static final RecordingFuzz TARGET = new RecordingFuzz("mcap-fuzz", ".mcap",
            f -> Rosbag2ImageSource.open(f, Optional.empty(), 1 << 20));

    @FuzzTest(maxDuration = "5s")
    void mcap(byte[] data) throws IOException {
        TARGET.replay(data);
    }
}
