package io.interlock.suite;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The catalog requirement IDs a suite test checks ({@code R-SMB-30}, {@code R-NFS-9}, ... from the
 * spec catalogs). The report's requirement matrix groups verdicts by them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requirement {
    String[] value();
}
