package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.range.RangePlan.DnsRecord;
import dev.enshu.orchestrator.range.RangePlan.DnsZone;
import dev.enshu.scenario.InternetName;
import dev.enshu.scenario.Scenario;
import dev.enshu.template.HostRole;
import dev.enshu.template.RangeTemplate;
import dev.enshu.template.SegmentPurpose;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The two zones of a range: the organisation's (its hosts, served by its own DNS servers) and the
 * simulated internet's (the scenario's internet names with their decoys, and the DMZ's hosts,
 * served by the public resolvers).
 */
final class DnsPlanner {
  private final Scenario scenario;
  private final RangeTemplate template;
  private final List<PlannedHost> hosts;
  private final ChoiceCandidates candidates;

  DnsPlanner(
      Scenario scenario,
      RangeTemplate template,
      List<PlannedHost> hosts,
      ChoiceCandidates candidates) {
    this.scenario = scenario;
    this.template = template;
    this.hosts = hosts;
    this.candidates = candidates;
  }

  List<DnsZone> zones() {
    List<String> organisationServers =
        hosts.stream()
            .filter(h -> h.role() == HostRole.DNS && !PlannedHost.isPublic(h))
            .map(PlannedHost::id)
            .toList();
    List<String> publicServers =
        hosts.stream().filter(PlannedHost::isPublic).map(PlannedHost::id).toList();
    return List.of(
        new DnsZone(template.domain(), organisationServers, organisationRecords()),
        new DnsZone("internet", publicServers, internetRecords()));
  }

  /**
   * The organisation's hosts. The simulated internet's hosts (attacker, C2) are not the
   * organisation's: no names in its zone, so that no lookup says which address is the attacker's.
   */
  private List<DnsRecord> organisationRecords() {
    return hosts.stream()
        .filter(h -> !onlyOnTheInternet(h))
        .map(h -> new DnsRecord(h.fqdn(), h.address()))
        .sorted(Comparator.comparing(DnsRecord::name))
        .toList();
  }

  private List<DnsRecord> internetRecords() {
    List<DnsRecord> internet = new ArrayList<>();
    for (InternetName name : scenario.internetNamesOrEmpty()) {
      String target = Substitution.apply(name.host(), candidates.variables());
      String address = PlannedHost.byId(hosts, target).address();
      for (String candidate : candidates.of(name.name())) {
        internet.add(new DnsRecord(candidate, address));
      }
    }
    for (PlannedHost host : hosts) {
      if (host.interfaces().stream().anyMatch(n -> purpose(n) == SegmentPurpose.DMZ)) {
        internet.add(new DnsRecord(host.fqdn(), host.address()));
      }
    }
    internet.sort(Comparator.comparing(DnsRecord::name));
    return List.copyOf(internet);
  }

  private boolean onlyOnTheInternet(PlannedHost host) {
    return !host.interfaces().isEmpty()
        && host.interfaces().stream().allMatch(n -> purpose(n) == SegmentPurpose.INTERNET);
  }

  private SegmentPurpose purpose(PlannedHost.PlannedInterface nic) {
    return template.segment(nic.segment()).orElseThrow().purpose();
  }
}
