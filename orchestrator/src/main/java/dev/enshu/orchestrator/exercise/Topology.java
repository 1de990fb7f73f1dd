package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangeLabels;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider.ProviderResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A team's network as its pages draw it: the segments of its plan, and each host with the segments
 * it joins, its address on each, whether it routes between segments, its live state as the provider
 * lists it, and the console transport to open it with. Nothing of the scenario is in it.
 */
public record Topology(List<Segment> segments, List<Host> hosts) {

  /** A network segment: {@code name} is the template's title of it. */
  public record Segment(String id, String cidr, String purpose, String name) {}

  /**
   * A host. {@code state} is {@code running}, {@code stopped}, {@code missing} (the provider has
   * nothing of it) or {@code unknown} (the provider could not be asked, or said something else);
   * {@code console} is {@code terminal}, {@code vnc}, {@code guacamole} or {@code none}.
   */
  public record Host(
      String id,
      String role,
      String title,
      List<String> segments,
      Map<String, String> addresses,
      String state,
      String console,
      boolean router) {}

  /** The one host a trainee sees in place of everything on the simulated internet. */
  public static final String INTERNET = "internet";

  /**
   * The topology as the team's trainees see it: the hosts only on the simulated internet (the
   * attacker, the C2, public services) become one host {@code internet}, without role, name,
   * address or console, so that the picture does not say who attacks from where. Hosts with a leg
   * on the internet (the firewall) keep it.
   */
  public Topology asTraineesSeeIt() {
    Set<String> internet =
        segments.stream()
            .filter(s -> INTERNET.equals(s.purpose()))
            .map(Segment::id)
            .collect(java.util.stream.Collectors.toSet());
    List<Host> seen = new java.util.ArrayList<>();
    boolean outside = false;
    for (Host h : hosts) {
      if (!h.segments().isEmpty() && internet.containsAll(h.segments())) {
        outside = true;
      } else {
        seen.add(h);
      }
    }
    if (outside) {
      seen.add(
          new Host(
              INTERNET,
              INTERNET,
              "Internet",
              List.copyOf(internet),
              Map.of(),
              "running",
              "none",
              false));
    }
    return new Topology(segments, List.copyOf(seen));
  }

  private static final Set<String> HOST_KINDS = Set.of("container", "domain", "host");
  private static final Set<String> STOPPED =
      Set.of("exited", "created", "paused", "dead", "shutoff", "stopped");

  /**
   * The topology of {@code plan} on {@code provider}. {@code resources} is what the provider
   * listed, or null when it could not be asked: then every host's state is {@code unknown}.
   */
  public static Topology of(RangePlan plan, String provider, List<ProviderResource> resources) {
    List<Segment> segments =
        plan.segments().stream()
            .map(s -> new Segment(s.id(), s.cidr(), s.purpose().id(), s.title()))
            .toList();
    List<Host> hosts = plan.hosts().stream().map(h -> host(plan, h, provider, resources)).toList();
    return new Topology(segments, hosts);
  }

  private static Host host(
      RangePlan plan, PlannedHost host, String provider, List<ProviderResource> resources) {
    Map<String, String> addresses = new LinkedHashMap<>();
    host.interfaces().forEach(i -> addresses.put(i.segment(), i.address()));
    String state = state(plan, host, resources);
    return new Host(
        host.id(),
        host.role().id(),
        host.title(),
        List.copyOf(addresses.keySet()),
        addresses,
        state,
        "missing".equals(state) ? "none" : console(host, provider),
        host.role().routes());
  }

  static String state(RangePlan plan, PlannedHost host, List<ProviderResource> resources) {
    if (resources == null) {
      return "unknown";
    }
    return resources.stream()
        .filter(r -> HOST_KINDS.contains(r.kind()))
        .filter(r -> plan.rangeId().equals(r.rangeId()))
        .filter(r -> host.id().equals(r.labels().get(RangeLabels.HOST)))
        .findFirst()
        .map(Topology::state)
        .orElse("missing");
  }

  // A provider that adds no state lists only live hosts (libvirt lists active domains).
  private static String state(ProviderResource resource) {
    String seen = resource.labels().get(RangeLabels.STATE);
    if (seen == null || seen.equals("running")) {
      return "running";
    }
    return STOPPED.contains(seen) ? "stopped" : "unknown";
  }

  /**
   * The transport the console gateway opens the host with: Guacamole where the plan names a console
   * protocol for it (Windows hosts, RDP); VNC for libvirt guests, whose serial console the gateway
   * does not relay yet; a terminal otherwise (Docker exec with a TTY).
   */
  static String console(PlannedHost host, String provider) {
    if (host.settings().containsKey("console-protocol")) {
      return "guacamole";
    }
    return "libvirt".equals(provider) ? "vnc" : "terminal";
  }
}
