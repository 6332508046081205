package dev.triage.bench;

import dev.triage.datasets.rosbag2.Rosbag2ImageSource;
import dev.triage.perception.core.Frame;
import dev.triage.perception.core.Image;
import dev.triage.perception.spi.SourceException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Decode throughput of the MCAP reader: one pass of {@link Rosbag2ImageSource#next()} over a whole recording
 * (chunk decompression, CRC check, record parsing, CDR parsing into frames; the images stay encoded, as replay hands
 * them to the pipeline's decode stage). The recording is made by {@code bench/make-mcap-drive.sh} (640x480 JPEG
 * CompressedImages of the synthetic drive, zstd chunks, written by the npm @mcap/core writer). Frames/s = frames
 * per op / time per op; MB/s = file size / time per op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class McapDecodeBenchmark {
    /** The recording; {@code -p mcap=PATH}. */
    @Param("/tmp/triage-bench/drive_zstd.mcap")
    public String mcap;

    @Setup
    public void check() throws IOException, SourceException {
        Path file = Path.of(mcap);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(mcap + " is missing: make it with bash bench/make-mcap-drive.sh");
        }
        long[] pass = readAll();
        System.out.printf("%n%s: %d bytes, %d frames, %d image bytes%n", mcap, Files.size(file), pass[0], pass[1]);
    }

    /** Reads every frame; returns the frame count (and consumes the image bytes) so nothing is optimised away. */
    @Benchmark
    public long decodeWholeRecording() throws SourceException {
        return readAll()[0];
    }

    private long[] readAll() throws SourceException {
        long frames = 0;
        long bytes = 0;
        try (Rosbag2ImageSource source = Rosbag2ImageSource.open(Path.of(mcap), Optional.empty())) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                frames++;
                bytes += ((Image.Encoded) f.get().image()).data().length;
            }
        }
        return new long[] {frames, bytes};
    }
}
