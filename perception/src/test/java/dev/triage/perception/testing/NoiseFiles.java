package dev.triage.perception.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Files of random bytes, for the tests that check a reader refuses garbage and names the file (shared with the
 * modules above perception through its test-jar).
 */
public final class NoiseFiles {

    private NoiseFiles() {
    }

    /** Writes {@code length} bytes drawn from {@code new Random(seed)} to {@code file} and returns it. */
    public static Path write(Path file, int length, long seed) throws IOException {
        byte[] noise = new byte[length];
        new Random(seed).nextBytes(noise);
        return Files.write(file, noise);
    }
}
