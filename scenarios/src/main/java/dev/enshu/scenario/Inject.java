package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.enshu.template.Localized;
import java.util.List;

/** A step of the attack, fired at most once per team. */
public record Inject(
    @JsonProperty(required = true) String id,
    @JsonProperty(required = true) Localized title,
    @JsonPropertyDescription("Offset from the start, such as 10m") Span at,
    @JsonPropertyDescription("Id of the inject or message this one follows") String after,
    @JsonPropertyDescription("Delay after the one it follows") Span delay,
    @JsonPropertyDescription("Conditions that must all hold when it is due") List<Condition> when,
    @JsonProperty(required = true)
        @JsonPropertyDescription("MITRE ATT&CK technique id, such as T1566.001")
        String technique,
    @JsonProperty(required = true) Action action,
    @JsonProperty(required = true) GroundTruth groundTruth)
    implements TimelineItem {}
