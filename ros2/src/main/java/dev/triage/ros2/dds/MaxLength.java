package dev.triage.ros2.dds;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caps a sequence component when it is read: a received sample whose sequence is longer is refused with
 * "{@code what} of N bytes" (elements for wider types), before anything is copied, and counted as malformed by
 * {@link DdsReader}. {@code @MaxLength(value = 64 << 20, what = "image data") byte[] data}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface MaxLength {

    /** The most elements accepted. */
    int value();

    /** What the error message calls the sequence. */
    String what();
}
