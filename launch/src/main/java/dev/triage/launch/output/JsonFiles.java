package dev.triage.launch.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one layout of Triage's JSON documents ({@code summary.json}, {@code metrics.json}, the fleet's
 * {@code fleet_summary.json}): indented by Jackson's default pretty printer, with a final newline.
 */
public final class JsonFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFiles() {
    }

    /** Writes {@code document} to {@code file} as {@link #text}. */
    public static void write(Path file, JsonNode document) throws IOException {
        Files.writeString(file, text(document));
    }

    /** {@code document} as the text of its file. */
    public static String text(JsonNode document) throws JsonProcessingException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
    }
}
