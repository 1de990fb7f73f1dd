package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What the outsourced operations vendor's SOC watches: every host on a watched segment, and every
 * watched host, forwards its logs to the collector. The firewalls always let that traffic pass.
 */
public record SocScope(
    @JsonProperty(required = true) @JsonPropertyDescription("The vendor that runs the SOC")
        Localized vendor,
    @JsonProperty(required = true) @JsonPropertyDescription("Host id of the log collector")
        String collector,
    @JsonPropertyDescription("Syslog port on the collector (TCP); default 514") Integer port,
    @JsonPropertyDescription("Segments whose hosts are watched") List<String> segments,
    @JsonPropertyDescription("Further hosts that are watched") List<String> hosts) {

  public int portOrDefault() {
    return port == null ? 514 : port;
  }

  public List<String> segmentsOrEmpty() {
    return segments == null ? List.of() : segments;
  }

  public List<String> hostsOrEmpty() {
    return hosts == null ? List.of() : hosts;
  }
}
