package dev.triage.ros.msg;

import java.util.List;

/**
 * A parsed .msg definition.
 *
 * @param fullName  {@code package/Name}
 * @param text      the file's text as read (used verbatim in the full message definition)
 * @param constants constants in file order
 * @param fields    fields in file order
 */
public record MsgSpec(String fullName, String text, List<MsgConstant> constants, List<MsgField> fields) {

    public MsgSpec {
        constants = List.copyOf(constants);
        fields = List.copyOf(fields);
    }

    /** The package part of the full name. */
    public String packageName() {
        return fullName.substring(0, fullName.indexOf('/'));
    }

    /**
     * The full name of a non-builtin field type: {@code Header} becomes std_msgs/Header, a bare name is looked up in
     * this message's package.
     */
    public String resolve(MsgField field) {
        if (field.isHeader()) {
            return "std_msgs/Header";
        }
        String b = field.baseType();
        return b.contains("/") ? b : packageName() + "/" + b;
    }
}
