package dev.enshu.orchestrator.range;

import dev.enshu.template.HostRole;
import java.util.List;
import java.util.Map;

/**
 * One host of a team's range.
 *
 * @param id the host id in the range (numbered for groups: {@code pc-soumu-1})
 * @param group the template host it comes from
 * @param role its role in the host catalogue; {@link HostRole#CHECKER} for the hidden checkers
 * @param routes routes it installs, {@code default} first when it has one
 * @param resolvers addresses of the DNS servers it asks; empty when the range has none, in which
 *     case every name of the range is written to its name table
 * @param settings role settings with {@code {n}} replaced by the host's number
 * @param watched whether it forwards its logs to the SOC collector
 */
public record PlannedHost(
    String id,
    String group,
    HostRole role,
    String title,
    String fqdn,
    List<PlannedInterface> interfaces,
    List<Route> routes,
    List<String> resolvers,
    Map<String, String> settings,
    int memoryMb,
    double cpus,
    boolean watched) {

  /** The address of its first interface, the one its name resolves to. */
  public String address() {
    return interfaces.get(0).address();
  }

  /** Its address on {@code segment}, if attached. */
  public java.util.Optional<String> addressOn(String segment) {
    return interfaces.stream()
        .filter(i -> i.segment().equals(segment))
        .map(PlannedInterface::address)
        .findFirst();
  }

  /** The same host asking {@code resolvers}. */
  PlannedHost withResolvers(List<String> resolvers) {
    return new PlannedHost(
        id,
        group,
        role,
        title,
        fqdn,
        interfaces,
        routes,
        resolvers,
        settings,
        memoryMb,
        cpus,
        watched);
  }

  /** Whether a host is one of the simulated internet's public resolvers and servers. */
  static boolean isPublic(PlannedHost host) {
    return "public".equals(host.settings().get("zone"));
  }

  /** The host {@code id} of {@code hosts}, which must have it. */
  static PlannedHost byId(List<PlannedHost> hosts, String id) {
    return hosts.stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
  }

  /** An attachment to a segment. {@code dhcp} says the address is leased, reserved for the MAC. */
  public record PlannedInterface(String segment, String address, String mac, boolean dhcp) {}

  /** A route: {@code destination} is a CIDR or {@code default}. */
  public record Route(String destination, String via) {}
}
