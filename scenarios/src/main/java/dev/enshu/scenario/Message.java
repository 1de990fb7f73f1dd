package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.enshu.template.Localized;
import java.util.List;

/**
 * A message put in front of the team: a SOC alert, a call from management, a regulator's request.
 */
public record Message(
    @JsonProperty(required = true) String id,
    @JsonPropertyDescription("Offset from the start") Span at,
    @JsonPropertyDescription("Id of the inject or message this one follows") String after,
    Span delay,
    List<Condition> when,
    @JsonProperty(required = true) @JsonPropertyDescription("Who sends it") Localized from,
    @JsonProperty(required = true) Localized subject,
    @JsonProperty(required = true) Localized body,
    @JsonPropertyDescription("console (default) or console-and-mail") Channel channel,
    @JsonPropertyDescription("Mailbox inside the range it is also delivered to") String mailbox)
    implements TimelineItem {

  /** Where the team sees the message. */
  public enum Channel {
    CONSOLE("console"),
    CONSOLE_AND_MAIL("console-and-mail");

    private final String id;

    Channel(String id) {
      this.id = id;
    }

    @JsonValue
    public String id() {
      return id;
    }
  }
}
