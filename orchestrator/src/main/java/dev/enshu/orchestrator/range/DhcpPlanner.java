package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.range.PlannedHost.PlannedInterface;
import dev.enshu.orchestrator.range.RangePlan.DhcpScope;
import dev.enshu.orchestrator.range.RangePlan.Lease;
import dev.enshu.template.RangeTemplate;
import dev.enshu.template.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * One DHCP scope per segment whose template gives it a pool: its server, the router that relays to
 * it, and a lease reserved for the MAC of each host that asks there.
 */
final class DhcpPlanner {
  private final RangeTemplate template;
  private final Relocation at;
  private final List<PlannedHost> hosts;

  DhcpPlanner(RangeTemplate template, Relocation at, List<PlannedHost> hosts) {
    this.template = template;
    this.at = at;
    this.hosts = hosts;
  }

  List<DhcpScope> scopes() {
    List<DhcpScope> scopes = new ArrayList<>();
    for (Segment segment : template.segments()) {
      if (segment.dhcp() != null) {
        scopes.add(scope(segment));
      }
    }
    return List.copyOf(scopes);
  }

  private DhcpScope scope(Segment segment) {
    PlannedHost server = PlannedHost.byId(hosts, segment.dhcp().server());
    PlannedHost router =
        segment.gateway() == null ? null : PlannedHost.byId(hosts, segment.gateway());
    return new DhcpScope(
        segment.id(),
        at.cidr(segment.cidr()),
        server.id(),
        server.address(),
        router == null ? null : router.id(),
        router == null ? null : router.addressOn(segment.id()).orElseThrow(),
        leases(segment.id()));
  }

  private List<Lease> leases(String segmentId) {
    List<Lease> leases = new ArrayList<>();
    for (PlannedHost host : hosts) {
      for (PlannedInterface nic : host.interfaces()) {
        if (nic.dhcp() && nic.segment().equals(segmentId)) {
          leases.add(new Lease(host.id(), nic.mac(), nic.address()));
        }
      }
    }
    return List.copyOf(leases);
  }
}
