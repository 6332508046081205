package dev.triage.datasets.labels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A label file's text, which must be UTF-8 (ASCII included): bytes that are not name the file, the line and the
 * byte, {@code labels.csv:2: not UTF-8 text (byte 0xE9 at offset 27); save the file as UTF-8}, instead of the JDK's
 * bare "Input length = 1".
 */
final class Utf8Text {

    private Utf8Text() {
    }

    /** The whole text of {@code file}. */
    static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw LabelFormatException.at(file, line, String.format(Locale.ROOT,
                    "not UTF-8 text (byte 0x%02X at offset %d); save the file as UTF-8", bytes[offset] & 0xFF, offset));
        }
        return out.flip().toString();
    }

    /** The lines of {@code file}, as {@link Files#readAllLines} splits them. */
    static List<String> lines(Path file) throws IOException {
        return read(file).lines().toList();
    }
}
