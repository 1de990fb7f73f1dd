package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.enshu.template.Localized;
import java.util.List;

/** A detection question the team answers with a finding. */
public record Objective(
    @JsonProperty(required = true) String id,
    @JsonProperty(required = true) Localized question,
    @JsonProperty(required = true) Indicator.Kind answerKind,
    @JsonProperty(required = true)
        @JsonPropertyDescription("Accepted answers; may use variables such as ${c2Domain}")
        List<String> expected,
    @JsonProperty(required = true) int points,
    @JsonPropertyDescription("How points fall with time since an inject") Decay decay,
    @JsonPropertyDescription("Points lost per wrong answer") Integer penalty,
    @JsonPropertyDescription("Answers allowed; default 3") Integer attempts,
    @JsonPropertyDescription(
            "Inject id before which no answer is taken (an answer then was not found in the range);"
                + " default: the decay's inject")
        String opensAfter) {

  /** The inject that must have fired before the objective takes answers, or null. */
  public String opensAfterOrDefault() {
    return opensAfter != null ? opensAfter : decay == null ? null : decay.after();
  }

  /**
   * Points fall by {@code percent} every {@code every} after {@code after} fired, down to a floor.
   */
  public record Decay(
      @JsonProperty(required = true) @JsonPropertyDescription("Inject id the clock starts at")
          String after,
      @JsonProperty(required = true) Span every,
      @JsonProperty(required = true) int percent,
      @JsonPropertyDescription("Lowest share of the points, in percent; default 0")
          Integer floor) {}
}
