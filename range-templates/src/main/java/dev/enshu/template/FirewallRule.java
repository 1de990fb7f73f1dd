package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * One rule of the range's firewalls. {@code from} and {@code to} name a segment, a host, or {@code
 * any}. Rules are read in order; the first that matches decides; what none allows is denied.
 */
public record FirewallRule(
    @JsonProperty(required = true) @JsonPropertyDescription("Segment id, host id or any")
        String from,
    @JsonProperty(required = true) @JsonPropertyDescription("Segment id, host id or any") String to,
    @JsonProperty(required = true) Protocol protocol,
    @JsonPropertyDescription("Destination ports (tcp and udp only); empty means all")
        List<Integer> ports,
    @JsonProperty(required = true) Verdict action,
    @JsonPropertyDescription("Why the rule exists") String comment) {

  public List<Integer> portsOrAll() {
    return ports == null ? List.of() : ports;
  }

  /** What a rule does to the traffic it matches. */
  public enum Verdict {
    ALLOW("allow"),
    DENY("deny");

    private final String id;

    Verdict(String id) {
      this.id = id;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return id;
    }
  }
}
