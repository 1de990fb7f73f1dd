package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.range.PlannedHost.PlannedInterface;
import dev.enshu.template.Host;
import dev.enshu.template.HostInterface;
import dev.enshu.template.HostNames;
import dev.enshu.template.HostRole;
import dev.enshu.template.Ipv4;
import dev.enshu.template.RangeTemplate;
import dev.enshu.template.Segment;
import dev.enshu.template.SegmentPurpose;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hosts of a team's range, from the template's: each group numbered, each interface at its team
 * address (a group's addresses counted up from the template's, leased ones from the segment's DHCP
 * pool in host order), with routes, resolvers, settings and resources.
 */
final class HostPlanner {
  private final RangeTemplate template;
  private final HostRoutes routes;
  private final String rangeId;
  private final Relocation at;

  HostPlanner(RangeTemplate template, HostRoutes routes, String rangeId, Relocation at) {
    this.template = template;
    this.routes = routes;
    this.rangeId = rangeId;
    this.at = at;
  }

  List<PlannedHost> hosts() {
    Map<String, Integer> leased = new HashMap<>();
    List<PlannedHost> hosts = new ArrayList<>();
    for (Host host : template.hosts()) {
      List<String> ids = HostNames.of(host);
      for (int n = 1; n <= ids.size(); n++) {
        hosts.add(host(host, n, ids.get(n - 1), leased));
      }
    }
    return withResolvers(hosts);
  }

  private PlannedHost host(Host host, int number, String id, Map<String, Integer> leased) {
    Map<String, String> settings = new TreeMap<>();
    host.settingsOrEmpty()
        .forEach((k, v) -> settings.put(k, v.replace("{n}", Integer.toString(number))));
    return new PlannedHost(
        id,
        host.id(),
        host.role(),
        host.title() == null ? host.role().japaneseName() : host.title().ja(),
        id + "." + template.domain(),
        interfaces(host, number, id, leased),
        routes.of(host),
        List.of(),
        settings,
        memory(host),
        host.resources() != null && host.resources().cpus() != null ? host.resources().cpus() : 0.5,
        isWatched(host));
  }

  /** {@code leased} counts the leases given so far in each segment. */
  private List<PlannedInterface> interfaces(
      Host host, int number, String id, Map<String, Integer> leased) {
    List<PlannedInterface> interfaces = new ArrayList<>();
    for (HostInterface nic : host.interfaces()) {
      String address;
      if (nic.usesDhcp()) {
        Segment segment = template.segment(nic.segment()).orElseThrow();
        int index = leased.merge(nic.segment(), 1, Integer::sum) - 1;
        address = at.address(Ipv4.format(Ipv4.parse(segment.dhcp().first()) + index));
      } else {
        address = at.address(Ipv4.format(Ipv4.parse(nic.address()) + number - 1));
      }
      interfaces.add(
          new PlannedInterface(
              nic.segment(), address, PlanDigests.mac(rangeId, id, nic.segment()), nic.usesDhcp()));
    }
    return List.copyOf(interfaces);
  }

  /**
   * Hosts on the simulated internet ask its public resolvers; every other host asks the
   * organisation's DNS servers.
   */
  private List<PlannedHost> withResolvers(List<PlannedHost> hosts) {
    List<String> publicResolvers =
        hosts.stream().filter(PlannedHost::isPublic).map(PlannedHost::address).toList();
    List<String> resolvers =
        hosts.stream()
            .filter(h -> h.role() == HostRole.DNS && !PlannedHost.isPublic(h))
            .map(PlannedHost::address)
            .toList();
    return hosts.stream()
        .map(h -> h.withResolvers(onInternet(h) ? publicResolvers : resolvers))
        .toList();
  }

  private boolean onInternet(PlannedHost host) {
    return template.segment(host.interfaces().get(0).segment()).orElseThrow().purpose()
        == SegmentPurpose.INTERNET;
  }

  private boolean isWatched(Host host) {
    if (host.role() == HostRole.SOC) {
      return false;
    }
    return template.soc().hostsOrEmpty().contains(host.id())
        || host.interfaces().stream()
            .anyMatch(n -> template.soc().segmentsOrEmpty().contains(n.segment()));
  }

  private static int memory(Host host) {
    if (host.resources() != null && host.resources().memoryMb() != null) {
      return host.resources().memoryMb();
    }
    return host.role() == HostRole.DOMAIN_CONTROLLER ? 512 : 256;
  }
}
