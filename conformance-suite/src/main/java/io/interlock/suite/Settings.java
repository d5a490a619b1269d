package io.interlock.suite;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Server settings a suite test needs on its share ({@code ServerSettings}: break policy, faults).
 * A target that cannot apply them SKIPS the test with the reason it gives.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Settings {
    /** notify | wait | jukebox, or "" to leave the target's policy. */
    String breakPolicy() default "";

    /** Fault point names to switch on for the test. */
    String[] faults() default {};
}
