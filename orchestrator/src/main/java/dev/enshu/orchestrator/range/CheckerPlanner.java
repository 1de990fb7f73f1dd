package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.range.PlannedHost.PlannedInterface;
import dev.enshu.scenario.Scenario;
import dev.enshu.template.Cidr;
import dev.enshu.template.Host;
import dev.enshu.template.HostInterface;
import dev.enshu.template.HostRole;
import dev.enshu.template.Ipv4;
import dev.enshu.template.RangeTemplate;
import dev.enshu.template.Segment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One hidden checker host in each segment a probe check comes from, at the highest address of the
 * segment that no host, lease or gateway uses, routed as any host of that segment is.
 */
final class CheckerPlanner {
  private final Scenario scenario;
  private final RangeTemplate template;
  private final HostRoutes routes;
  private final String rangeId;
  private final Relocation at;

  CheckerPlanner(
      Scenario scenario, RangeTemplate template, HostRoutes routes, String rangeId, Relocation at) {
    this.scenario = scenario;
    this.template = template;
    this.routes = routes;
    this.rangeId = rangeId;
    this.at = at;
  }

  List<PlannedHost> checkers(List<PlannedHost> hosts) {
    return scenario.checks().stream()
        .filter(c -> c.probe() != null)
        .map(c -> c.probe().from())
        .distinct()
        .map(segmentId -> checker(segmentId, hosts))
        .toList();
  }

  private PlannedHost checker(String segmentId, List<PlannedHost> hosts) {
    String address = Ipv4.format(freeAddress(template.segment(segmentId).orElseThrow(), hosts));
    String id = HostRole.CHECKER.id() + "-" + segmentId;
    // routed as a workstation at that address in the template would be
    Host standIn =
        new Host(
            id,
            HostRole.WORKSTATION,
            null,
            null,
            List.of(new HostInterface(segmentId, at.reverse(address), null)),
            List.of(),
            null,
            Map.of());
    return new PlannedHost(
        id,
        HostRole.CHECKER.id(),
        HostRole.CHECKER,
        id,
        id + ".invalid",
        List.of(
            new PlannedInterface(
                segmentId, address, PlanDigests.mac(rangeId, id, segmentId), false)),
        routes.of(standIn),
        List.of(),
        Map.of(),
        64,
        0.25,
        false);
  }

  private long freeAddress(Segment segment, List<PlannedHost> hosts) {
    Cidr cidr = Cidr.parse(at.cidr(segment.cidr()));
    Set<Long> taken = new HashSet<>();
    taken.add(cidr.first() + 1); // the provider's gateway
    hosts.forEach(h -> h.interfaces().forEach(i -> taken.add(Ipv4.parse(i.address()))));
    if (segment.dhcp() != null) {
      for (long a = Ipv4.parse(at.address(segment.dhcp().first()));
          a <= Ipv4.parse(at.address(segment.dhcp().last()));
          a++) {
        taken.add(a);
      }
    }
    long address = cidr.first() + cidr.size() - 2;
    while (address > cidr.first() + 1 && taken.contains(address)) {
      address--;
    }
    if (address <= cidr.first() + 1) {
      throw new IllegalArgumentException(
          "segment '"
              + segment.id()
              + "' of template '"
              + template.id()
              + "' has no free address for the checker host its probe checks need");
    }
    return address;
  }
}
