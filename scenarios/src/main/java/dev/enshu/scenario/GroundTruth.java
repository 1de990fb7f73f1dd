package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.enshu.template.Localized;
import java.util.List;

/**
 * What an inject really did, written to the journal when it fires (with the time), so that answers
 * can be scored and the after-action review can show what happened.
 */
public record GroundTruth(
    @JsonProperty(required = true) @JsonPropertyDescription("What happened") Localized summary,
    @JsonProperty(required = true) @JsonPropertyDescription("Hosts it touched") List<String> hosts,
    @JsonPropertyDescription("Indicators it left") List<Indicator> indicators) {

  public List<Indicator> indicatorsOrEmpty() {
    return indicators == null ? List.of() : indicators;
  }
}
