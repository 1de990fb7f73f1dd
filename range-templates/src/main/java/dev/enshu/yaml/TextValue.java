package dev.enshu.yaml;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a value type written as one string in YAML (it has a {@code @JsonCreator} from a string and
 * a {@code @JsonValue}), so that its schema is a string with this pattern.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TextValue {
  /** The regular expression every value matches. */
  String pattern();

  /** What the value is, with an example. */
  String description();
}
