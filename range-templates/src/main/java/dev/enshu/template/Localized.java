package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A text in Japanese and English. Courses in Japan show Japanese; both are required so that every
 * course can be run in either language.
 */
public record Localized(
    @JsonProperty(required = true) @JsonPropertyDescription("Japanese text") String ja,
    @JsonProperty(required = true) @JsonPropertyDescription("English text") String en) {

  /** The text in {@code language} ("ja" or "en"); Japanese for anything else. */
  public String in(String language) {
    return "en".equals(language) ? en : ja;
  }
}
