package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A condition that gates an inject or message at the moment it is due: it fires only if every
 * condition holds then, and is skipped otherwise. Two injects with opposite conditions make a
 * branch.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Condition.CheckState.class, name = "check"),
  @JsonSubTypes.Type(value = Condition.ObjectiveState.class, name = "objective")
})
public sealed interface Condition {

  /** Whether a response check has passed (for example: the C2 domain is blocked at the proxy). */
  record CheckState(
      @JsonProperty(required = true) @JsonPropertyDescription("Check id") String check,
      @JsonProperty(required = true) @JsonPropertyDescription("true: has passed; false: has not")
          boolean passed)
      implements Condition {}

  /** Whether a detection objective has been answered correctly. */
  record ObjectiveState(
      @JsonProperty(required = true) @JsonPropertyDescription("Objective id") String objective,
      @JsonProperty(required = true)
          @JsonPropertyDescription("true: answered correctly; false: not yet")
          boolean answered)
      implements Condition {}
}
