package dev.enshu.orchestrator.range;

import dev.enshu.template.SegmentPurpose;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A range template and scenario compiled for one team of one exercise: every host and interface
 * with its concrete address, routes, firewall rules, names, DHCP leases and the team's drawn
 * variables. Deterministic: the same inputs give an equal plan, and the same JSON byte for byte.
 *
 * @param rangeId id of the range, unique per exercise and team; providers label resources with it
 * @param addressBlock the block of addresses this team's range uses; no other range shares it
 * @param variables drawn values by name; a host variable also has {@code name.address}, {@code
 *     name.user} and {@code name.fqdn}
 * @param checkers the hidden checker hosts, one in each segment the scenario's probes come from: in
 *     no topology, name table or zone, with no console; only checks run in them
 */
public record RangePlan(
    String exerciseId,
    int team,
    String rangeId,
    String scenario,
    String template,
    long seed,
    String domain,
    String addressBlock,
    List<PlannedSegment> segments,
    List<PlannedHost> hosts,
    List<PlannedRule> firewall,
    Soc soc,
    List<DnsZone> dns,
    List<DhcpScope> dhcp,
    List<Account> accounts,
    Map<String, String> variables,
    List<PlannedHost> checkers) {

  public RangePlan {
    // plans stored before checkers existed have none
    checkers = checkers == null ? List.of() : List.copyOf(checkers);
  }

  /** The checker host that stands in {@code segmentId}. */
  public Optional<PlannedHost> checker(String segmentId) {
    return checkers.stream()
        .filter(c -> c.interfaces().get(0).segment().equals(segmentId))
        .findFirst();
  }

  /** The range's hosts and then its checkers: everything a provider creates. */
  public List<PlannedHost> allHosts() {
    List<PlannedHost> all = new java.util.ArrayList<>(hosts);
    all.addAll(checkers);
    return List.copyOf(all);
  }

  public Optional<PlannedHost> host(String hostId) {
    return hosts.stream().filter(h -> h.id().equals(hostId)).findFirst();
  }

  public PlannedHost requireHost(String hostId) {
    return host(hostId)
        .orElseThrow(
            () ->
                new IllegalArgumentException("range " + rangeId + " has no host '" + hostId + "'"));
  }

  public Optional<PlannedSegment> segment(String segmentId) {
    return segments.stream().filter(s -> s.id().equals(segmentId)).findFirst();
  }

  /** A network segment with its team address range. */
  public record PlannedSegment(String id, SegmentPurpose purpose, String cidr, String title) {}

  /** Where the SOC collector listens and which hosts forward their logs to it. */
  public record Soc(String collector, String address, int port, List<String> watched) {}

  /** A DNS zone and the hosts that serve it. */
  public record DnsZone(String zone, List<String> servers, List<DnsRecord> records) {}

  /** A name and the address it resolves to. */
  public record DnsRecord(String name, String address) {}

  /**
   * The DHCP leases of one segment: the server, the router that relays requests to it, and one
   * reserved lease per terminal.
   */
  public record DhcpScope(
      String segment,
      String cidr,
      String server,
      String serverAddress,
      String router,
      String routerAddress,
      List<Lease> leases) {}

  /**
   * An account on a host: the scenario's accounts, and each terminal's user on its terminal, the
   * domain controller, the file servers and the mail servers. Passwords are drawn per range.
   */
  public record Account(String host, String name, String password, String comment) {}

  /** The accounts of one host. */
  public List<Account> accountsOn(String hostId) {
    return accounts.stream().filter(a -> a.host().equals(hostId)).toList();
  }

  /** An address reserved for one terminal's MAC. */
  public record Lease(String host, String mac, String address) {}
}
