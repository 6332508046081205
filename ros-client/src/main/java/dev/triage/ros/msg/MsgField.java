package dev.triage.ros.msg;

import java.util.Set;

/**
 * One field of a .msg definition, as written: {@code float64[9] K}, {@code Header header}, {@code geometry_msgs/Pose pose}.
 *
 * @param type the type as written, with any array suffix
 * @param name the field name
 */
public record MsgField(String type, String name) {

    private static final Set<String> BUILTINS = Set.of("bool", "byte", "char", "int8", "uint8", "int16", "uint16",
            "int32", "uint32", "int64", "uint64", "float32", "float64", "string", "time", "duration");

    /** The type without the array suffix. */
    public String baseType() {
        int i = type.indexOf('[');
        return i < 0 ? type : type.substring(0, i);
    }

    /** Whether the type is a primitive (possibly an array of primitives). */
    public boolean isBuiltin() {
        return isBuiltinType(baseType());
    }

    /** Whether the base type names {@code Header}, which genmsg resolves to std_msgs/Header in every package. */
    public boolean isHeader() {
        String b = baseType();
        return b.equals("Header") || b.equals("std_msgs/Header") || b.equals("roslib/Header");
    }

    /** Whether {@code t} is a ROS primitive type name. */
    public static boolean isBuiltinType(String t) {
        return BUILTINS.contains(t);
    }
}
