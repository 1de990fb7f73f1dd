package dev.enshu.orchestrator.range;

import java.util.List;

/**
 * A firewall rule with its endpoints resolved to the team's networks and addresses. The firewalls
 * read them in order; the first match decides; anything unmatched is dropped and logged.
 *
 * @param from source networks in CIDR form ({@code 0.0.0.0/0} for any)
 * @param to destination networks in CIDR form
 * @param protocol tcp, udp, icmp or any
 * @param ports destination ports; empty for all
 * @param allow whether matching traffic passes
 */
public record PlannedRule(
    List<String> from,
    List<String> to,
    String protocol,
    List<Integer> ports,
    boolean allow,
    String comment) {}
