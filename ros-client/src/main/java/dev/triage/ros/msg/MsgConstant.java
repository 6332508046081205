package dev.triage.ros.msg;

/**
 * A constant of a .msg definition, such as {@code byte WARN=1}.
 *
 * @param type      the primitive type
 * @param name      the constant's name
 * @param valueText the value as written, trimmed (genmsg's {@code val_text})
 */
public record MsgConstant(String type, String name, String valueText) {
}
