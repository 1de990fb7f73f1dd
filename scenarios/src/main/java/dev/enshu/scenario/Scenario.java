package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.enshu.template.Localized;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An exercise scenario: the template it runs on, the story told to the teams, the attack timeline,
 * and how teams are scored.
 */
public record Scenario(
    @JsonProperty(required = true) @JsonPropertyDescription("Scenario id, the file's base name")
        String id,
    @JsonProperty(required = true) @JsonPropertyDescription("Range template id") String template,
    TemplateOverrides overrides,
    @JsonProperty(required = true) Localized title,
    @JsonProperty(required = true) Localized briefing,
    @JsonProperty(required = true) Level level,
    @JsonProperty(required = true) Span duration,
    @JsonPropertyDescription("Per-team values drawn from the exercise seed")
        Map<String, Variable> variables,
    @JsonPropertyDescription("Names on the simulated internet, such as the C2 domain")
        List<InternetName> internetNames,
    @JsonPropertyDescription("Accounts on range hosts from the start") List<Account> accounts,
    @JsonProperty(required = true) List<Inject> timeline,
    List<Message> messages,
    @JsonProperty(required = true) List<Objective> objectives,
    @JsonProperty(required = true) List<Check> checks,
    List<Hint> hints,
    @JsonProperty(required = true) Report report) {

  public Map<String, Variable> variablesOrEmpty() {
    return variables == null ? Map.of() : variables;
  }

  public List<InternetName> internetNamesOrEmpty() {
    return internetNames == null ? List.of() : internetNames;
  }

  public List<Account> accountsOrEmpty() {
    return accounts == null ? List.of() : accounts;
  }

  public List<Message> messagesOrEmpty() {
    return messages == null ? List.of() : messages;
  }

  public List<Hint> hintsOrEmpty() {
    return hints == null ? List.of() : hints;
  }

  /** Injects and messages together, in file order: injects first. */
  public Stream<TimelineItem> items() {
    return Stream.concat(timeline.stream(), messagesOrEmpty().stream());
  }

  public Optional<Inject> inject(String injectId) {
    return timeline.stream().filter(i -> i.id().equals(injectId)).findFirst();
  }

  public Optional<Check> check(String checkId) {
    return checks.stream().filter(c -> c.id().equals(checkId)).findFirst();
  }

  public Optional<Objective> objective(String objectiveId) {
    return objectives.stream().filter(o -> o.id().equals(objectiveId)).findFirst();
  }
}
