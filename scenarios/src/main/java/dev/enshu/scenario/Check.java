package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.enshu.template.Localized;

/**
 * A command run on a range host on a schedule. A response check earns its points once, when it
 * first passes; a service check earns points for every interval it passes.
 */
public record Check(
    @JsonProperty(required = true) String id,
    @JsonProperty(required = true) Kind kind,
    @JsonProperty(required = true) Localized title,
    @JsonProperty(required = true) @JsonPropertyDescription("Host it runs on") String host,
    @JsonProperty(required = true) @JsonPropertyDescription("Shell command") String run,
    @JsonProperty(required = true) Pass pass,
    @JsonProperty(required = true) @JsonPropertyDescription("Points once, or per interval")
        int points,
    @JsonProperty(required = true) @JsonPropertyDescription("How often it runs") Span every,
    @JsonPropertyDescription("Inject after which it starts running") String after,
    @JsonPropertyDescription("Extra points for passing within a time of its start") Bonus bonus) {

  /** Response checks reward an action once; service checks reward uptime. */
  public enum Kind {
    RESPONSE("response"),
    SERVICE("service");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    @JsonValue
    public String id() {
      return id;
    }
  }

  /** When a run passes: its exit code, and optionally text its output contains. */
  public record Pass(Integer exitCode, String outputContains) {}

  /** Extra points for passing within {@code within} of the check's start. */
  public record Bonus(
      @JsonProperty(required = true) Span within, @JsonProperty(required = true) int points) {}
}
