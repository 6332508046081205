package dev.triage.ros2.dds;

import java.util.List;

/**
 * One {@code struct} of the IDL that idlc compiles ({@code dds/ros2_types.idl}): its scoped name
 * ({@code sensor_msgs::msg::dds_::Image_}) and its members in declaration order.
 *
 * @param name    the fully scoped type name, as DDS and idlc know it
 * @param members the members, in order
 */
record IdlStruct(String name, List<Member> members) {

    IdlStruct {
        members = List.copyOf(members);
    }

    /**
     * One member: {@code double k[9];} is {@code k}, {@code Scalar(DOUBLE)}, {@code arrayLength} 9.
     *
     * @param arrayLength the length of a fixed array member, 0 for a plain member
     */
    record Member(String name, Type type, int arrayLength) {
    }

    /** The type of a member or of a sequence's elements. */
    sealed interface Type {
    }

    /** A primitive: {@code int32}, {@code octet}, {@code double}, ... */
    record Scalar(CScalar kind) implements Type {
    }

    /** {@code string} (a {@code char*} in C). */
    record Text() implements Type {
    }

    /** {@code sequence<T>} or {@code sequence<T, bound>} (a {@code dds_sequence_t} in C); bound 0 = unbounded. */
    record Sequence(Type element, int bound) implements Type {
    }

    /** Another struct of the IDL, by its fully scoped name. */
    record Nested(String name) implements Type {
    }
}
