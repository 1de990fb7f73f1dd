package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A name on the simulated internet, served by the range's public DNS (or written to the hosts' name
 * tables where the range has no DNS server), pointing at a range host.
 */
public record InternetName(
    @JsonProperty(required = true) @JsonPropertyDescription("Domain name; may use variables")
        String name,
    @JsonProperty(required = true) @JsonPropertyDescription("Host it points to") String host) {}
