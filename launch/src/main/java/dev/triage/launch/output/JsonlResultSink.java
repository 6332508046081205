package dev.triage.launch.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.triage.perception.core.PerceptionResult;
import dev.triage.perception.spi.FrameProblem;
import dev.triage.perception.spi.ResultSink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code detections.jsonl} (one line per processed frame) and {@code problems.jsonl} (one per lost frame). */
public final class JsonlResultSink implements ResultSink {
    private final ObjectMapper mapper = new ObjectMapper();
    private final ResultJson json = new ResultJson(mapper);
    private final BufferedWriter results;
    private final BufferedWriter problems;

    public JsonlResultSink(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        results = Files.newBufferedWriter(outDir.resolve("detections.jsonl"), StandardCharsets.UTF_8);
        problems = Files.newBufferedWriter(outDir.resolve("problems.jsonl"), StandardCharsets.UTF_8);
    }

    @Override
    public void accept(PerceptionResult result) throws IOException {
        results.write(mapper.writeValueAsString(json.result(result)));
        results.newLine();
    }

    @Override
    public void onProblem(FrameProblem problem) throws IOException {
        problems.write(mapper.writeValueAsString(json.problem(problem)));
        problems.newLine();
    }

    @Override
    public void close() throws IOException {
        try (results; problems) {
            results.flush();
            problems.flush();
        }
    }
}
