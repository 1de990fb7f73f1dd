package dev.enshu.orchestrator.range;

import dev.enshu.template.Host;
import dev.enshu.template.HostInterface;
import dev.enshu.template.RangeTemplate;
import dev.enshu.template.Segment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out the routes of every host from the template's routers: the shortest path through routers
 * to each segment a host is not on. A host's default route goes through its first segment's
 * gateway; segments reached through another router get their own route, so that no traffic takes a
 * detour through a firewall that only sees one direction of it.
 */
final class Routing {
  private final RangeTemplate template;
  private final Map<String, List<Host>> routersOn = new HashMap<>();

  Routing(RangeTemplate template) {
    this.template = template;
    for (Host host : template.hosts()) {
      if (host.role().routes()) {
        for (HostInterface nic : host.interfaces()) {
          routersOn.computeIfAbsent(nic.segment(), s -> new ArrayList<>()).add(host);
        }
      }
    }
  }

  /**
   * For each segment {@code host} is not on, the router (and the segment it is reached on) that is
   * the first hop; segments it cannot reach are left out.
   */
  Map<String, Hop> firstHops(Host host) {
    Map<String, Hop> hops = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    Map<String, Hop> reached = new HashMap<>();
    for (HostInterface nic : host.interfaces()) {
      reached.put(nic.segment(), null);
      queue.add(nic.segment());
    }
    while (!queue.isEmpty()) {
      String segment = queue.poll();
      for (Host router : routersOn.getOrDefault(segment, List.of())) {
        if (router.id().equals(host.id())) {
          continue;
        }
        for (HostInterface out : router.interfaces()) {
          if (reached.containsKey(out.segment())) {
            continue;
          }
          Hop first = reached.get(segment);
          Hop hop = first != null ? first : new Hop(router.id(), segment, address(router, segment));
          reached.put(out.segment(), hop);
          queue.add(out.segment());
        }
      }
    }
    for (Segment segment : template.segments()) {
      Hop hop = reached.get(segment.id());
      if (hop != null) {
        hops.put(segment.id(), hop);
      }
    }
    return hops;
  }

  /** The router that is the default gateway of {@code host}, if its first segment has one. */
  Hop defaultGateway(Host host) {
    if (host.role().routes() || host.interfaces().isEmpty()) {
      return null;
    }
    String segment = host.interfaces().get(0).segment();
    Segment first = template.segment(segment).orElseThrow();
    if (first.gateway() == null) {
      return null;
    }
    Host router = template.host(first.gateway()).orElseThrow();
    return new Hop(router.id(), segment, address(router, segment));
  }

  private static String address(Host router, String segment) {
    return router.interfaces().stream()
        .filter(n -> n.segment().equals(segment))
        .map(HostInterface::address)
        .findFirst()
        .orElseThrow();
  }

  /**
   * The first router on the way: its id, the segment it is reached on, and its template address
   * there.
   */
  record Hop(String router, String segment, String templateAddress) {}
}
