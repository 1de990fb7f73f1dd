package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A host's attachment to a segment: a static address, or DHCP from the segment's pool. With a host
 * {@code count} above one, the static address is the first of consecutive addresses.
 */
public record HostInterface(
    @JsonProperty(required = true) @JsonPropertyDescription("Segment id") String segment,
    @JsonPropertyDescription("Static IPv4 address inside the segment") String address,
    @JsonPropertyDescription("Address leased by the segment's DHCP server") Boolean dhcp) {

  public boolean usesDhcp() {
    return Boolean.TRUE.equals(dhcp);
  }
}
