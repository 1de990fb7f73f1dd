package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.enshu.template.Localized;
import java.util.List;

/** The team's incident report: its sections, and the rubric instructors grade it by. */
public record Report(
    @JsonProperty(required = true) List<Section> sections,
    @JsonProperty(required = true) List<Criterion> rubric) {

  /** A part of the form the team fills. */
  public record Section(
      @JsonProperty(required = true) String id,
      @JsonProperty(required = true) Localized title,
      @JsonPropertyDescription("What a good answer covers") Localized guidance) {}

  /** What graders look for, and the most points it gives. */
  public record Criterion(
      @JsonProperty(required = true) String id,
      @JsonProperty(required = true) @JsonPropertyDescription("Section it grades") String section,
      @JsonProperty(required = true) Localized criterion,
      @JsonProperty(required = true) int points) {}
}
