package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The addresses a segment's DHCP server leases, and the host that serves them. Hosts whose
 * interface says {@code dhcp: true} get one of these, reserved for them in the plan.
 */
public record DhcpPool(
    @JsonProperty(required = true) @JsonPropertyDescription("Host id of the DHCP server")
        String server,
    @JsonProperty(required = true) @JsonPropertyDescription("First address of the pool")
        String first,
    @JsonProperty(required = true) @JsonPropertyDescription("Last address of the pool")
        String last) {}
