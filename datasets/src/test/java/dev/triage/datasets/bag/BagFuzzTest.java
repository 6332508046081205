package dev.triage.datasets.bag;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.triage.datasets.RecordingFuzz;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.util.Optional;

/**
 * Fuzz target (Jazzer): the ROS 1 bag reader, as {@code triage replay drive.bag} uses it. The input is written to a
 * file and replayed to its end with a 1 MiB record cap; the only allowed failure is a {@link SourceException} (which
 * names the file and the offset). Seeds: bags written by Debian's rosbag with none, lz4 and bz2 chunks and one cut
 * short ({@code scripts/make_fuzz_seeds.py}).
 */
class BagFuzzTest {

    private static final RecordingFuzz TARGET = new RecordingFuzz("bag-fuzz", ".bag",
            f -> BagImageSource.open(f, Optional.empty(), 1 << 20));

    @FuzzTest(maxDuration = "5s")
    void bag(byte[] data) throws IOException {
        TARGET.replay(data);
    }
}
