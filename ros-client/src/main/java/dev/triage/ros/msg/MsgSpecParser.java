package dev.triage.ros.msg;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses .msg text the way genmsg's {@code msg_loader} does: comments, constants, fields. */
public final class MsgSpecParser {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern TYPE = Pattern.compile("([A-Za-z][A-Za-z0-9_]*/)?[A-Za-z][A-Za-z0-9_]*(\\[[0-9]*])?");

    private MsgSpecParser() {
    }

    /**
     * Parses one definition.
     *
     * @param fullName {@code package/Name}
     * @param text     the .msg file's text
     * @throws IllegalArgumentException on a line that is neither a field, a constant, a comment nor blank
     */
    public static MsgSpec parse(String fullName, String text) {
        List<MsgConstant> constants = new ArrayList<>();
        List<MsgField> fields = new ArrayList<>();
        for (String orig : text.split("\n", -1)) {
            String clean = stripComment(orig).strip();
            if (clean.isEmpty()) {
                continue;
            }
            String[] parts = clean.split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException(fullName + ": cannot parse line '" + orig + "'");
            }
            String type = parts[0];
            if (!TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException(fullName + ": bad type in line '" + orig + "'");
            }
            if (orig.contains("=") && MsgField.isBuiltinType(type)) {
                constants.add(constant(fullName, orig, clean, type));
            } else {
                String name = parts[1].strip();
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(fullName + ": bad field name in line '" + orig + "'");
                }
                fields.add(new MsgField(type, name));
            }
        }
        return new MsgSpec(fullName, text, constants, fields);
    }

    private static MsgConstant constant(String fullName, String orig, String clean, String type) {
        if (type.equals("string")) {
            // genmsg: a string constant is everything right of '=', comments included
            int eq = orig.indexOf('=');
            String name = orig.substring(orig.indexOf(' ') + 1, eq);
            return new MsgConstant(type, name, orig.substring(eq + 1).strip());
        }
        String rest = clean.substring(type.length()).strip();
        String[] nv = rest.split("=", -1);
        if (nv.length != 2) {
            throw new IllegalArgumentException(fullName + ": bad constant '" + orig + "'");
        }
        return new MsgConstant(type, nv[0].strip(), nv[1].strip());
    }

    private static String stripComment(String line) {
        int i = line.indexOf('#');
        return i < 0 ? line : line.substring(0, i);
    }
}
