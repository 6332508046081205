package dev.triage.ros2.dds;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the IDL subset that rosidl emits for ROS 2 messages and that idlc compiles: nested {@code module}s,
 * {@code struct}s with annotations ({@code @final}, ignored here), primitive members, {@code string},
 * {@code sequence<T>} / {@code sequence<T, N>}, fixed arrays ({@code double k[9]}) and members of other structs by
 * relative or fully scoped name. Anything else fails with the line it stands on.
 */
final class IdlParser {

    private static final Pattern TOKEN = Pattern.compile(
            "\\s+|//[^\\n]*|/\\*.*?\\*/|([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*|\\d+(?:\\.\\d+)?|[{};<>,\\[\\]()@=\"])",
            Pattern.DOTALL);

    private final List<String> tokens = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private final String source;
    private final Deque<String> scope = new ArrayDeque<>();
    private final Map<String, IdlStruct> structs = new LinkedHashMap<>();
    private int next;

    private IdlParser(String source, String text) {
        this.source = source;
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        int line = 1;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException(source + ":" + line + ": unexpected character '"
                        + text.charAt(at) + "'");
            }
            if (m.group(1) != null) {
                tokens.add(m.group(1));
                lines.add(line);
            }
            line += (int) m.group().chars().filter(c -> c == '\n').count();
            at = m.end();
        }
    }

    /**
     * The structs of an IDL text by their fully scoped names, in declaration order.
     *
     * @param source names the text in error messages
     * @throws IllegalArgumentException on anything outside the subset, naming the line
     */
    static Map<String, IdlStruct> parse(String source, String text) {
        IdlParser p = new IdlParser(source, text);
        while (p.next < p.tokens.size()) {
            p.definition();
        }
        return p.structs;
    }

    private void definition() {
        skipAnnotations();
        String word = take();
        if (word.equals("module")) {
            scope.addLast(take());
            expect("{");
            while (!peek().equals("}")) {
                definition();
            }
            expect("}");
            expect(";");
            scope.removeLast();
        } else if (word.equals("struct")) {
            struct(take());
        } else {
            throw error("expected module or struct, found '" + word + "'");
        }
    }

    private void struct(String simpleName) {
        expect("{");
        List<IdlStruct.Member> members = new ArrayList<>();
        while (!peek().equals("}")) {
            skipAnnotations();
            IdlStruct.Type type = type();
            String name = take();
            int arrayLength = 0;
            if (peek().equals("[")) {
                take();
                arrayLength = number();
                expect("]");
            }
            expect(";");
            members.add(new IdlStruct.Member(name, type, arrayLength));
        }
        expect("}");
        expect(";");
        String name = String.join("::", scope) + "::" + simpleName;
        structs.put(name, new IdlStruct(name, members));
    }

    private IdlStruct.Type type() {
        String word = take();
        if (word.equals("sequence")) {
            expect("<");
            IdlStruct.Type element = type();
            int bound = 0;
            if (peek().equals(",")) {
                take();
                bound = number();
            }
            expect(">");
            return new IdlStruct.Sequence(element, bound);
        }
        if (word.equals("string")) {
            return new IdlStruct.Text();
        }
        CScalar scalar = CScalar.ofIdl(word);
        return scalar != null ? new IdlStruct.Scalar(scalar) : new IdlStruct.Nested(resolve(word));
    }

    /** A struct name as IDL scoping finds it: from the innermost enclosing module outwards. */
    private String resolve(String name) {
        List<String> modules = new ArrayList<>(scope);
        for (int depth = modules.size(); depth >= 0; depth--) {
            String prefix = String.join("::", modules.subList(0, depth));
            String candidate = prefix.isEmpty() ? name : prefix + "::" + name;
            if (structs.containsKey(candidate)) {
                return candidate;
            }
        }
        throw error("unknown type '" + name + "'");
    }

    private void skipAnnotations() {
        while (peek().equals("@")) {
            take();
            take();
            if (peek().equals("(")) {
                while (!take().equals(")")) {
                    // the annotation's arguments do not change the C layout
                }
            }
        }
    }

    private int number() {
        String n = take();
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw error("expected a whole number, found '" + n + "'");
        }
    }

    private void expect(String token) {
        String got = take();
        if (!got.equals(token)) {
            throw error("expected '" + token + "', found '" + got + "'");
        }
    }

    private String peek() {
        if (next >= tokens.size()) {
            throw error("unexpected end");
        }
        return tokens.get(next);
    }

    private String take() {
        String t = peek();
        next++;
        return t;
    }

    private IllegalArgumentException error(String what) {
        int line = lines.isEmpty() ? 1 : lines.get(Math.min(next, lines.size()) - (next > 0 ? 1 : 0));
        return new IllegalArgumentException(source + ":" + line + ": " + what);
    }
}
