package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Optional;

/**
 * A range template: the network of an organisation, from which every team gets its own copy.
 * Addresses are written inside {@code addressBlock}; a plan moves them into the block given to the
 * team, so that teams never share an address.
 */
public record RangeTemplate(
    @JsonProperty(required = true) @JsonPropertyDescription("Template id, the file's base name")
        String id,
    @JsonProperty(required = true) Localized title,
    Localized description,
    @JsonProperty(required = true)
        @JsonPropertyDescription("The organisation's DNS domain, such as corp.example.jp")
        String domain,
    @JsonProperty(required = true)
        @JsonPropertyDescription("IPv4 /16 that holds every segment, such as 10.0.0.0/16")
        String addressBlock,
    @JsonProperty(required = true) List<Segment> segments,
    @JsonProperty(required = true) List<Host> hosts,
    @JsonProperty(required = true) Firewall firewall,
    @JsonProperty(required = true) SocScope soc) {

  public Optional<Segment> segment(String segmentId) {
    return segments.stream().filter(s -> s.id().equals(segmentId)).findFirst();
  }

  public Optional<Host> host(String hostId) {
    return hosts.stream().filter(h -> h.id().equals(hostId)).findFirst();
  }
}
