package dev.triage.datasets.rosmsg;

import dev.triage.perception.spi.SourceException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TopicReader}'s contract over a stored list of messages: a message whose bytes do not decode goes to the
 * fallback and the reading goes on; a topic whose definition is not the decoder's ends the reader, fallback or not.
 */
class TopicReaderTest {
    private static final Path FILE = Path.of("drive.bag");

    /** The messages of one topic, as a storage would hand them over. */
    private static final class StoredTopic implements TopicStream {
        private final Deque<RecordedMessage> messages;

        StoredTopic(List<String> payloads) {
            messages = new ArrayDeque<>();
            for (int i = 0; i < payloads.size(); i++) {
                messages.add(new RecordedMessage(FILE, "/cam", "test/Text", "*", 1000L * i, payloads.get(i).getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII), "byte " + 100 * i));
            }
        }

        @Override
        public Optional<RecordedMessage> next() {
            return Optional.ofNullable(messages.poll());
        }

        @Override
        public Object path() {
            return FILE;
        }

        @Override
        public TopicChoice choice() {
            return new TopicChoice(Optional.of("/cam"), type -> true, "test/Text");
        }

        @Override
        public void close() {
        }
    }

    /** Decodes "ok:..." messages; "bad" bytes are malformed; "alien" is another definition. */
    private static final TopicReader.Decoder<String> DECODER = (m, index) -> {
        String text = new String(m.data(), java.nio.charset.StandardCharsets.US_ASCII);
        if (text.equals("alien")) {
            throw MalformedMessageException.wrongDefinition("test/Text with another definition");
        }
        if (!text.startsWith("ok:")) {
            throw new MalformedMessageException("not ok");
        }
        return index + "=" + text.substring(3);
    };

    private static List<String> readAll(TopicReader<String> reader) throws SourceException {
        List<String> out = new ArrayList<>();
        for (Optional<String> s = reader.next(); s.isPresent(); s = reader.next()) {
            out.add(s.get());
        }
        return out;
    }

    @Test
    void aMessageThatDoesNotDecodeGoesToTheFallbackAndTheReadingGoesOn() throws SourceException {
        TopicReader<String> reader = new TopicReader<>(new StoredTopic(List.of("ok:a", "bad", "ok:c")), "frames",
                DECODER, (m, index, reason) -> index + "!" + reason);
        assertEquals(List.of("0=a", "1!drive.bag: corrupt message on '/cam' at byte 100: not ok", "2=c"),
                readAll(reader));
    }

    @Test
    void withoutAFallbackTheReaderEndsAtTheMessageNamingIt() throws SourceException {
        TopicReader<String> reader = new TopicReader<>(new StoredTopic(List.of("ok:a", "bad", "ok:c")), "frames",
                DECODER);
        assertEquals(Optional.of("0=a"), reader.next());
        SourceException e = assertThrows(SourceException.class, reader::next);
        assertEquals("drive.bag: corrupt message on '/cam' at byte 100: not ok (1 frames were read before)",
                e.getMessage());
        assertEquals(Optional.empty(), reader.next());
    }

    @Test
    void aTopicOfAnotherDefinitionEndsTheReaderEvenWithAFallback() throws SourceException {
        TopicReader<String> reader = new TopicReader<>(new StoredTopic(List.of("alien", "ok:b")), "frames", DECODER,
                (m, index, reason) -> "fallback");
        SourceException e = assertThrows(SourceException.class, reader::next);
        assertTrue(e.getMessage().contains("another definition (0 frames were read before)"), e.getMessage());
        assertEquals(Optional.empty(), reader.next());
    }
}
