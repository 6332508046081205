package dev.triage.datasets.rosbag2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code ros2msg} definition as rosbag2 stores it: the main type's .msg text, then each type it uses after
 * a line of {@code =} and a {@code MSG: pkg/Type} line. Keeps each type's fields (constants and comments dropped)
 * as {@code "Type name"} with the type shortened to its last component ({@code std_msgs/Header} is {@code Header}).
 */
final class Ros2MsgDefinition {
    private static final String IDENT = "[A-Za-z][A-Za-z0-9_]*";
    private static final Pattern CONSTANT = Pattern.compile("(\\S+)\\s+([A-Z][A-Z0-9_]*)\\s*=.*");
    private static final Pattern FIELD = Pattern.compile("((?:" + IDENT + "/)*" + IDENT + ")(<=\\d+)?"
            + "(\\[(?:<=)?\\d*\\])?\\s+(" + IDENT + ")(?:\\s+\\S.*)?");
    private static final Pattern SEPARATOR = Pattern.compile("={3,}");
    private static final Pattern MSG = Pattern.compile("MSG:\\s*((?:" + IDENT + "/)*" + IDENT + ")");

    private final Map<String, List<String>> types;

    private Ros2MsgDefinition(Map<String, List<String>> types) {
        this.types = types;
    }

    /**
     * @param mainType the schema's name, for the first section
     * @throws IllegalArgumentException naming the line that does not parse
     */
    static Ros2MsgDefinition parse(String mainType, String text) {
        Map<String, List<String>> types = new LinkedHashMap<>();
        List<String> current = new ArrayList<>();
        types.put(shortName(mainType), current);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (SEPARATOR.matcher(line).matches()) {
                String next = i + 1 < lines.length ? lines[i + 1].strip() : "";
                Matcher msg = MSG.matcher(next);
                if (!msg.matches()) {
                    throw new IllegalArgumentException("line " + (i + 2) + ": expected 'MSG: pkg/Type' after the "
                            + "separator, got '" + next + "'");
                }
                current = new ArrayList<>();
                types.putIfAbsent(shortName(msg.group(1)), current);
                i++;
                continue;
            }
            if (line.isEmpty() || line.startsWith("#") || CONSTANT.matcher(line).matches()) {
                continue;
            }
            int hash = line.indexOf('#');
            String decl = (hash >= 0 ? line.substring(0, hash) : line).strip();
            Matcher f = FIELD.matcher(decl);
            if (!f.matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": '" + line + "' is not a field or constant");
            }
            String array = f.group(3) == null ? "" : f.group(3).startsWith("[<=") || f.group(3).equals("[]")
                    ? "[]" : f.group(3);
            current.add(shortName(f.group(1)) + array + " " + f.group(4));
        }
        return new Ros2MsgDefinition(types);
    }

    /** The fields of a type (by short name), if the definition has its section. */
    List<String> fields(String shortType) {
        return types.get(shortType);
    }

    static String shortName(String type) {
        int slash = type.lastIndexOf('/');
        return slash >= 0 ? type.substring(slash + 1) : type;
    }
}
