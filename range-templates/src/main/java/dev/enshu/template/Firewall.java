package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The rules every firewall host of the range enforces on the traffic it forwards. Anything no rule
 * allows is dropped, and only dropped traffic is logged, as on the CYDER exercise network.
 */
public record Firewall(
    @JsonProperty(required = true) @JsonPropertyDescription("Rules in order; default deny")
        List<FirewallRule> rules) {}
