package dev.enshu.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * An account that exists on a range host when the range is provisioned, such as the domain
 * administrator the attacker later steals. Passwords not given are generated per range.
 */
public record Account(
    @JsonProperty(required = true) @JsonPropertyDescription("Host it exists on") String host,
    @JsonProperty(required = true) @JsonPropertyDescription("Account name; may use variables")
        String name,
    @JsonPropertyDescription("Password; generated when absent") String password,
    @JsonPropertyDescription("What the account is for") String comment) {}
