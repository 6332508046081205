package dev.triage.experts.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only reader for the flat sidecar JSON of training/CONTRACTS.md (the real parser lives in launch). Handles
 * numbers, strings and flat arrays of either, which is all the sidecars hold.
 */
public final class Sidecar {

    private final String json;

    private Sidecar(String json) {
        this.json = json;
    }

    public static Sidecar read(Path file) throws IOException {
        return new Sidecar(Files.readString(file));
    }

    public int integer(String key) {
        return (int) Double.parseDouble(raw(key));
    }

    public List<Double> numbers(String key) {
        List<Double> out = new ArrayList<>();
        for (String s : array(key)) {
            out.add(Double.parseDouble(s));
        }
        return out;
    }

    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (String s : array(key)) {
            out.add(s.replace("\"", ""));
        }
        return out;
    }

    private String raw(String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*([-0-9.eE+]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("sidecar has no number '" + key + "'");
        }
        return m.group(1);
    }

    private List<String> array(String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("sidecar has no array '" + key + "'");
        }
        List<String> out = new ArrayList<>();
        for (String s : m.group(1).split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
