package dev.enshu.template;

import dev.enshu.yaml.Problems;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cross-field rules of a range template, checked after its structure: ids, references,
 * addresses, DHCP pools, firewall rules and the SOC's scope. Collects every violation before
 * failing.
 */
public final class TemplateValidator {
  private final RangeTemplate template;
  private final Problems problems;
  private final Map<String, Segment> segments = new HashMap<>();
  private final Map<String, Cidr> networks = new HashMap<>();
  private final Map<String, Host> hosts = new HashMap<>();

  /**
   * Every static address in use, with the path that claimed it first; sorted, so that a DHCP pool
   * is checked against it without walking every address of the pool (a /1 has two billion).
   */
  private final NavigableMap<Long, String> claimed = new TreeMap<>();

  private TemplateValidator(RangeTemplate template, Problems problems) {
    this.template = template;
    this.problems = problems;
  }

  /** Adds every problem of {@code template} to {@code problems}. */
  public static void validate(RangeTemplate template, Problems problems) {
    new TemplateValidator(template, problems).run();
  }

  private void run() {
    Cidr block = parseCidr("addressBlock", template.addressBlock());
    if (block != null && (block.prefix() < 8 || block.prefix() > 24)) {
      problems.add("addressBlock", "expected a block of /8 to /24, found /" + block.prefix());
    }
    checkSegments(block);
    checkHostIds();
    checkHosts();
    checkSegmentGateways();
    checkDhcpPools();
    checkFirewall();
    checkSoc();
  }

  private void checkSegments(Cidr block) {
    for (int i = 0; i < template.segments().size(); i++) {
      Segment segment = template.segments().get(i);
      String path = "segments[" + i + "]";
      if (segments.putIfAbsent(segment.id(), segment) != null) {
        problems.add(path + ".id", "duplicate segment id '" + segment.id() + "'");
        continue;
      }
      Cidr cidr = parseCidr(path + ".cidr", segment.cidr());
      if (cidr == null) {
        continue;
      }
      if (cidr.prefix() > 29) {
        problems.add(path + ".cidr", "segment " + cidr + " is too small: expected /29 or larger");
      }
      if (block != null && !block.contains(cidr)) {
        problems.add(path + ".cidr", "segment " + cidr + " is outside the address block " + block);
      }
      for (Map.Entry<String, Cidr> other : networks.entrySet()) {
        if (other.getValue().overlaps(cidr)) {
          problems.add(
              path + ".cidr",
              "segment "
                  + cidr
                  + " overlaps segment '"
                  + other.getKey()
                  + "' ("
                  + other.getValue()
                  + ")");
        }
      }
      networks.put(segment.id(), cidr);
    }
  }

  private void checkHostIds() {
    for (int i = 0; i < template.hosts().size(); i++) {
      Host host = template.hosts().get(i);
      if (hosts.putIfAbsent(host.id(), host) != null) {
        problems.add("hosts[" + i + "].id", "duplicate host id '" + host.id() + "'");
      } else if (segments.containsKey(host.id())) {
        problems.add(
            "hosts[" + i + "].id",
            "host id '"
                + host.id()
                + "' is also a segment id; firewall rules could not tell them apart");
      } else if (host.id().equals("any")) {
        problems.add("hosts[" + i + "].id", "'any' is reserved for firewall rules");
      }
    }
  }

  private void checkHosts() {
    for (int i = 0; i < template.hosts().size(); i++) {
      checkHost(template.hosts().get(i), "hosts[" + i + "]");
    }
  }

  /** Checks one host's count, interfaces and addresses; used for scenario overrides too. */
  private void checkHost(Host host, String path) {
    if (!host.id().matches("[a-z][a-z0-9-]{0,30}")) {
      problems.add(
          path + ".id",
          "host id '"
              + host.id()
              + "' must be lower-case letters, digits and '-', starting with a letter");
    }
    int count = host.countOrOne();
    if (count < 1 || count > 50) {
      problems.add(path + ".count", "expected a count of 1 to 50, found " + count);
      return;
    }
    if (host.interfaces().isEmpty()) {
      problems.add(path + ".interfaces", "host '" + host.id() + "' has no interface");
    }
    Set<String> attached = new HashSet<>();
    for (int j = 0; j < host.interfaces().size(); j++) {
      checkInterface(
          host, count, host.interfaces().get(j), path + ".interfaces[" + j + "]", attached);
    }
    List<Service> services = host.servicesOrDefault();
    for (int j = 0; j < services.size(); j++) {
      int port = services.get(j).port();
      if (port < 1 || port > 65535) {
        problems.add(path + ".services[" + j + "].port", "expected a port 1-65535, found " + port);
      }
    }
    Resources resources = host.resources();
    if (resources != null) {
      if (resources.memoryMb() != null && resources.memoryMb() < 32) {
        problems.add(
            path + ".resources.memoryMb",
            "expected at least 32 MiB, found " + resources.memoryMb());
      }
      if (resources.cpus() != null && (resources.cpus() <= 0 || resources.cpus() > 8)) {
        problems.add(
            path + ".resources.cpus",
            "expected a CPU share above 0 and at most 8, found " + resources.cpus());
      }
    }
  }

  private void checkInterface(
      Host host, int count, HostInterface nic, String path, Set<String> attached) {
    Segment segment = segments.get(nic.segment());
    if (segment == null) {
      problems.add(path + ".segment", "unknown segment '" + nic.segment() + "'");
      return;
    }
    if (!attached.add(nic.segment())) {
      problems.add(
          path + ".segment",
          "host '" + host.id() + "' is attached to segment '" + nic.segment() + "' twice");
    }
    boolean hasAddress = nic.address() != null;
    if (hasAddress == nic.usesDhcp()) {
      problems.add(
          path, "give either an address or dhcp: true, not " + (hasAddress ? "both" : "neither"));
      return;
    }
    if (nic.usesDhcp()) {
      if (segment.dhcp() == null) {
        problems.add(path + ".dhcp", "segment '" + segment.id() + "' has no DHCP pool");
      }
      return;
    }
    Cidr cidr = networks.get(segment.id());
    long first;
    try {
      first = Ipv4.parse(nic.address());
    } catch (IllegalArgumentException e) {
      problems.add(path + ".address", e.getMessage());
      return;
    }
    if (cidr == null) {
      return;
    }
    for (int n = 0; n < count; n++) {
      long address = first + n;
      String shown = Ipv4.format(address);
      if (!cidr.contains(address)) {
        problems.add(
            path + ".address",
            "address "
                + shown
                + (count > 1 ? " (host " + (n + 1) + " of " + count + ")" : "")
                + " is outside segment '"
                + segment.id()
                + "' ("
                + cidr
                + ")");
        return;
      }
      if (address == cidr.first() || address == cidr.last() || address == cidr.first() + 1) {
        problems.add(
            path + ".address",
            "address "
                + shown
                + " is reserved in "
                + cidr
                + ": the network, broadcast and first address (kept for the provider) cannot be used");
        return;
      }
      String previous = claimed.putIfAbsent(address, "host '" + host.id() + "' (" + path + ")");
      if (previous != null) {
        problems.add(path + ".address", "address " + shown + " is already used by " + previous);
        return;
      }
    }
  }

  private void checkSegmentGateways() {
    for (int i = 0; i < template.segments().size(); i++) {
      Segment segment = template.segments().get(i);
      if (segment.gateway() == null) {
        continue;
      }
      Host gateway = hosts.get(segment.gateway());
      String path = "segments[" + i + "].gateway";
      if (gateway == null) {
        problems.add(path, "unknown host '" + segment.gateway() + "'");
      } else if (!gateway.role().routes()) {
        problems.add(
            path,
            "host '"
                + gateway.id()
                + "' is a "
                + gateway.role().id()
                + ", not a router (firewall)");
      } else if (gateway.interfaces().stream()
          .noneMatch(n -> n.segment().equals(segment.id()) && n.address() != null)) {
        problems.add(
            path,
            "router '"
                + gateway.id()
                + "' has no static address on segment '"
                + segment.id()
                + "'");
      }
    }
  }

  private void checkDhcpPools() {
    for (int i = 0; i < template.segments().size(); i++) {
      Segment segment = template.segments().get(i);
      DhcpPool pool = segment.dhcp();
      Cidr cidr = networks.get(segment.id());
      if (pool == null || cidr == null) {
        continue;
      }
      String path = "segments[" + i + "].dhcp";
      Host server = hosts.get(pool.server());
      if (server == null) {
        problems.add(path + ".server", "unknown host '" + pool.server() + "'");
      } else if (server.role() != HostRole.DHCP) {
        problems.add(
            path + ".server",
            "host '" + server.id() + "' is a " + server.role().id() + ", not a dhcp server");
      }
      Long first = parseAddress(path + ".first", pool.first());
      Long last = parseAddress(path + ".last", pool.last());
      if (first == null || last == null) {
        continue;
      }
      if (!cidr.contains(first)
          || !cidr.contains(last)
          || first <= cidr.first() + 1
          || last >= cidr.last()) {
        problems.add(
            path,
            "pool "
                + pool.first()
                + "-"
                + pool.last()
                + " must lie inside "
                + cidr
                + " without its reserved addresses");
        continue;
      }
      if (first > last) {
        problems.add(path, "pool starts at " + pool.first() + " after it ends at " + pool.last());
        continue;
      }
      Map.Entry<Long, String> taken = claimed.ceilingEntry(first);
      if (taken != null && taken.getKey() <= last) {
        problems.add(
            path,
            "pool "
                + pool.first()
                + "-"
                + pool.last()
                + " contains the static address "
                + Ipv4.format(taken.getKey())
                + " of "
                + taken.getValue());
      }
      int wanted = 0;
      for (Host host : template.hosts()) {
        for (HostInterface nic : host.interfaces()) {
          if (nic.usesDhcp() && nic.segment().equals(segment.id())) {
            wanted += host.countOrOne();
          }
        }
      }
      if (wanted > last - first + 1) {
        problems.add(
            path,
            "pool has " + (last - first + 1) + " addresses but " + wanted + " hosts lease from it");
      }
    }
  }

  private void checkFirewall() {
    List<FirewallRule> rules = template.firewall().rules();
    for (int i = 0; i < rules.size(); i++) {
      FirewallRule rule = rules.get(i);
      String path = "firewall.rules[" + i + "]";
      checkEndpoint(path + ".from", rule.from());
      checkEndpoint(path + ".to", rule.to());
      List<Integer> ports = rule.portsOrAll();
      if (!ports.isEmpty() && rule.protocol() != Protocol.TCP && rule.protocol() != Protocol.UDP) {
        problems.add(
            path + ".ports", "ports apply to tcp and udp only, not " + rule.protocol().id());
      }
      for (int j = 0; j < ports.size(); j++) {
        if (ports.get(j) < 1 || ports.get(j) > 65535) {
          problems.add(
              path + ".ports[" + j + "]", "expected a port 1-65535, found " + ports.get(j));
        }
      }
    }
    if (template.hosts().stream().noneMatch(h -> h.role() == HostRole.FIREWALL)) {
      problems.add(
          "hosts", "a range needs at least one firewall host to route between its segments");
    }
  }

  private void checkEndpoint(String path, String endpoint) {
    if (!"any".equals(endpoint)
        && !segments.containsKey(endpoint)
        && !hosts.containsKey(endpoint)) {
      problems.add(path, "unknown segment or host '" + endpoint + "'");
    }
  }

  private void checkSoc() {
    SocScope soc = template.soc();
    Host collector = hosts.get(soc.collector());
    if (collector == null) {
      problems.add("soc.collector", "unknown host '" + soc.collector() + "'");
    } else if (collector.role() != HostRole.SOC) {
      problems.add(
          "soc.collector",
          "host '" + collector.id() + "' is a " + collector.role().id() + ", not a soc collector");
    }
    for (int i = 0; i < soc.segmentsOrEmpty().size(); i++) {
      if (!segments.containsKey(soc.segmentsOrEmpty().get(i))) {
        problems.add(
            "soc.segments[" + i + "]", "unknown segment '" + soc.segmentsOrEmpty().get(i) + "'");
      }
    }
    for (int i = 0; i < soc.hostsOrEmpty().size(); i++) {
      if (!hosts.containsKey(soc.hostsOrEmpty().get(i))) {
        problems.add("soc.hosts[" + i + "]", "unknown host '" + soc.hostsOrEmpty().get(i) + "'");
      }
    }
    if (soc.portOrDefault() < 1 || soc.portOrDefault() > 65535) {
      problems.add("soc.port", "expected a port 1-65535, found " + soc.portOrDefault());
    }
  }

  private Cidr parseCidr(String path, String text) {
    try {
      return Cidr.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
      return null;
    }
  }

  private Long parseAddress(String path, String text) {
    try {
      return Ipv4.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
      return null;
    }
  }
}
