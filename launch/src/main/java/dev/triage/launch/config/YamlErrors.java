package dev.triage.launch.config;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line for a YAML file the parser refused: what SnakeYAML says (its context and problem, without the quoted
 * source lines and carets it prints under them) and where the problem is, e.g.
 * {@code user.yaml: not valid YAML: while parsing a flow sequence: expected ',' or ']', but got <stream end>
 * (line 2, column 1)}.
 */
public final class YamlErrors {

    private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");
    /** How the parser refuses YAML's not-a-number and infinities ({@code .nan}, {@code -.inf}). */
    private static final Pattern NOT_FINITE =
            Pattern.compile("Malformed numeric value '([-+]?\\.(?:nan|NaN|NAN|inf|Inf|INF))'");

    private YamlErrors() {
    }

    /** The exception for {@code file}, whose parse failed with {@code e}. */
    public static ConfigException notValid(Path file, IOException e) {
        String said = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        Matcher notFinite = NOT_FINITE.matcher(String.valueOf(said));
        if (notFinite.find()) {
            return new ConfigException(file + ": " + notFinite.group(1) + where(e, said)
                    + " is not a finite number; every number in the configuration must be finite", e);
        }
        return new ConfigException(file + ": not valid YAML: " + describe(e), e);
    }

    /** The parser's own words on one line, and the line and column of the last position it names. */
    static String describe(IOException e) {
        String text = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (text == null) {
            return e.getClass().getSimpleName();
        }
        text = text.replace(java.io.CharConversionException.class.getName() + ": ", "not UTF-8 text: ");
        List<String> said = text.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList();
        return String.join(": ", said) + where(e, text);
    }

    /** " (line L, column C)": the last position {@code text} names, else the exception's location; or "". */
    private static String where(IOException e, String text) {
        String where = "";
        Matcher m = MARK.matcher(text);
        while (m.find()) {
            where = " (line " + m.group(1) + ", column " + m.group(2) + ")";
        }
        if (where.isEmpty() && e instanceof JsonProcessingException j && j.getLocation() != null
                && j.getLocation().getLineNr() > 0) { // Jackson's own checks (a repeated key) carry a location only
            where = " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
        }
        return where;
    }
}
