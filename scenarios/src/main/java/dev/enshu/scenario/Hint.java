package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.enshu.template.Localized;

/** Help a team can ask for, at a cost in points. */
public record Hint(
    @JsonProperty(required = true) String id,
    @JsonPropertyDescription("Objective it helps with") String objective,
    @JsonProperty(required = true) Localized text,
    @JsonProperty(required = true) int penalty) {}
