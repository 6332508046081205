package dev.triage.ros.msg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The .msg definitions shipped in this module ({@code msg/<package>/<Name>.msg} on the classpath), with md5sums and
 * full message definitions computed the genmsg way: nested types resolved recursively, {@code Header} meaning
 * std_msgs/Header, constants first, and the md5 of each nested type standing in for its name.
 */
public final class MsgCatalog {

    private static final String SEPARATOR = "=".repeat(80) + "\n";
    private static final MsgCatalog CLASSPATH = new MsgCatalog(MsgCatalog.class.getClassLoader());

    private final ClassLoader loader;
    private final Map<String, MsgSpec> specs = new ConcurrentHashMap<>();
    private final Map<String, String> md5s = new ConcurrentHashMap<>();

    private MsgCatalog(ClassLoader loader) {
        this.loader = loader;
    }

    /** The catalog of the definitions in this module's resources. */
    public static MsgCatalog classpath() {
        return CLASSPATH;
    }

    /**
     * The parsed definition of {@code fullName}.
     *
     * @throws IllegalArgumentException when the definition is not on the classpath or does not parse
     */
    public MsgSpec spec(String fullName) {
        MsgSpec cached = specs.get(fullName);
        if (cached != null) {
            return cached;
        }
        MsgSpec spec = MsgSpecParser.parse(fullName, load(fullName));
        specs.put(fullName, spec);
        return spec;
    }

    private String load(String fullName) {
        if (!fullName.matches("[A-Za-z0-9_]+/[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("not a message type name: " + fullName);
        }
        String path = "msg/" + fullName + ".msg";
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no message definition " + path + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The md5sum of {@code fullName}, as genmsg computes it. */
    public String md5(String fullName) {
        String cached = md5s.get(fullName);
        if (cached != null) {
            return cached;
        }
        String md5 = hex(md5Text(fullName));
        md5s.put(fullName, md5);
        return md5;
    }

    /** The text genmsg hashes for {@code fullName} ({@code compute_md5_text}). */
    public String md5Text(String fullName) {
        MsgSpec spec = spec(fullName);
        StringBuilder b = new StringBuilder();
        for (MsgConstant c : spec.constants()) {
            b.append(c.type()).append(' ').append(c.name()).append('=').append(c.valueText()).append('\n');
        }
        for (MsgField f : spec.fields()) {
            if (f.isBuiltin()) {
                b.append(f.type()).append(' ').append(f.name()).append('\n');
            } else {
                b.append(md5(spec.resolve(f))).append(' ').append(f.name()).append('\n');
            }
        }
        return b.toString().strip();
    }

    /**
     * The full message definition sent in the TCPROS {@code message_definition} field and stored in bags: the
     * type's text, then each dependency as {@code MSG: pkg/Name} after a line of 80 '='.
     */
    public String fullDefinition(String fullName) {
        StringBuilder b = new StringBuilder(spec(fullName).text()).append('\n');
        for (String dep : dependencies(fullName)) {
            b.append(SEPARATOR).append("MSG: ").append(dep).append('\n').append(spec(dep).text()).append('\n');
        }
        return b.substring(0, b.length() - 1);
    }

    /** Every nested type of {@code fullName}, depth first in field order, each once (genmsg's {@code get_all_depends}). */
    public List<String> dependencies(String fullName) {
        Set<String> out = new LinkedHashSet<>();
        collect(fullName, out, new ArrayList<>());
        return List.copyOf(out);
    }

    private void collect(String fullName, Set<String> out, List<String> path) {
        if (path.contains(fullName)) {
            throw new IllegalArgumentException("recursive message definition: " + path + " -> " + fullName);
        }
        path.add(fullName);
        MsgSpec spec = spec(fullName);
        for (MsgField f : spec.fields()) {
            if (!f.isBuiltin()) {
                String dep = spec.resolve(f);
                out.add(dep);
                collect(dep, out, path);
            }
        }
        path.remove(path.size() - 1);
    }

    private static String hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }
}
