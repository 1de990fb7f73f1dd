package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.range.PlannedHost.Route;
import dev.enshu.template.Host;
import dev.enshu.template.RangeTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * The routes a host installs: a default route when a router leads out of its segments, then one
 * route per segment that another router reaches, all in the team's addresses.
 */
final class HostRoutes {
  private final RangeTemplate template;
  private final Routing routing;
  private final Relocation at;

  HostRoutes(RangeTemplate template, Routing routing, Relocation at) {
    this.template = template;
    this.routing = routing;
    this.at = at;
  }

  List<Route> of(Host host) {
    List<Route> routes = new ArrayList<>();
    Routing.Hop gateway = routing.defaultGateway(host);
    if (gateway != null) {
      routes.add(new Route("default", at.address(gateway.templateAddress())));
    }
    routing
        .firstHops(host)
        .forEach(
            (segment, hop) -> {
              if (gateway == null || !hop.router().equals(gateway.router())) {
                routes.add(
                    new Route(
                        at.cidr(template.segment(segment).orElseThrow().cidr()),
                        at.address(hop.templateAddress())));
              }
            });
    return List.copyOf(routes);
  }
}
