package dev.triage.datasets.bag;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.triage.perception.core.Frame;
import dev.triage.perception.spi.SourceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Fuzz target (Jazzer): the ROS 1 bag reader, as {@code triage replay drive.bag} uses it. The input is written to a
 * file and replayed to its end with a 1 MiB record cap; the only allowed failure is a {@link SourceException} (which
 * names the file and the offset). Seeds: bags written by Debian's rosbag with none, lz4 and bz2 chunks and one cut
 * short ({@code scripts/make_fuzz_seeds.py}).
 */
class BagFuzzTest {

    private static Path file;

    private static synchronized Path file() throws IOException {
        if (file == null) {
            file = Files.createTempFile("bag-fuzz", ".bag");
            file.toFile().deleteOnExit();
        }
        return file;
    }

    @FuzzTest(maxDuration = "5s")
    void bag(byte[] data) throws IOException {
        Path f = file();
        Files.write(f, data);
        try (BagImageSource source = BagImageSource.open(f, Optional.empty(), 1 << 20)) {
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
