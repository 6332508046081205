package dev.triage.launch.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Replay results of a recording against those of a folder of the same frames. */
final class RecordedFrames {
    /** The keys of detections.jsonl that depend only on the pixels, not on how the source names or stamps frames. */
    private static final List<String> PIXEL_KEYS = List.of("seq", "scene", "scene_probs", "experts", "detections",
            "lanes");

    private RecordedFrames() {
    }

    /**
     * Asserts that {@code fromRecording} has, frame by frame, the results of {@code fromFolder} and the recording's
     * frame_id {@code camera}.
     */
    static void assertSameResultsAs(List<JsonNode> fromFolder, List<JsonNode> fromRecording) {
        assertEquals(fromFolder.size(), fromRecording.size());
        for (int i = 0; i < fromFolder.size(); i++) {
            for (String key : PIXEL_KEYS) {
                assertEquals(fromFolder.get(i).get(key), fromRecording.get(i).get(key), key + " of frame " + i);
            }
            assertEquals("camera", fromRecording.get(i).get("frame_id").asText());
        }
    }
}
