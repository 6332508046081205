package dev.triage.fleet.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** For tests that run tasks without Spark: an executor's files folder, as {@code SparkContext.addFile} fills it. */
public final class ExecutorFiles {
    private ExecutorFiles() {
    }

    /** Copies the model files of {@code sides} under their job names into {@code dir} (created). */
    public static Path ship(Path dir, VariantConfig.Prepared... sides) throws IOException {
        Files.createDirectories(dir);
        for (VariantConfig.Prepared side : sides) {
            for (Map.Entry<String, Path> f : side.modelFiles().entrySet()) {
                Files.copy(f.getValue(), dir.resolve(f.getKey()));
            }
        }
        return dir;
    }
}
