package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A network segment of a range: one isolated network per team. */
public record Segment(
    @JsonProperty(required = true) @JsonPropertyDescription("Segment id, unique in the template")
        String id,
    @JsonProperty(required = true)
        @JsonPropertyDescription(
            "IPv4 network in CIDR form, inside the template's address block; the first address is"
                + " reserved for the provider")
        String cidr,
    @JsonProperty(required = true) SegmentPurpose purpose,
    @JsonPropertyDescription("Name shown to trainees") Localized title,
    @JsonPropertyDescription(
            "Host id of the router that is the default gateway of hosts on this segment")
        String gateway,
    @JsonPropertyDescription("Addresses handed out by DHCP on this segment") DhcpPool dhcp) {}
