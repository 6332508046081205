package dev.triage.ros2.dds;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a message record's component to an IDL member whose name is not the component's name in snake_case
 * ({@code @DdsField("is_bigendian") boolean bigEndian}), or to a member inside a nested struct that the record
 * flattens ({@code @DdsField("bbox.center.position.x") double centerX}). Components without it bind to the member
 * {@code frame_id} when named {@code frameId}. See {@link CLayoutCodec}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface DdsField {

    /** The IDL member's name, or a dotted path through nested struct members. */
    String value();
}
