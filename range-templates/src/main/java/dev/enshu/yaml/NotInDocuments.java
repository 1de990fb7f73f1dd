package dev.enshu.yaml;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an enum constant that the software uses but no YAML document may name: the schema leaves it
 * out of the enum's values, so a file that names it fails the schema check.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface NotInDocuments {}
