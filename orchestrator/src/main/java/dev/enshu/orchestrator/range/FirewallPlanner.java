package dev.enshu.orchestrator.range;

import dev.enshu.template.FirewallRule;
import dev.enshu.template.RangeTemplate;
import java.util.ArrayList;
import java.util.List;

/** Firewall rules of the template, resolved to team networks, after the SOC's log forwarding. */
final class FirewallPlanner {
  private final RangeTemplate template;
  private final Relocation at;
  private final List<PlannedHost> hosts;

  FirewallPlanner(RangeTemplate template, Relocation at, List<PlannedHost> hosts) {
    this.template = template;
    this.at = at;
    this.hosts = hosts;
  }

  List<PlannedRule> rules() {
    List<PlannedRule> rules = new ArrayList<>();
    List<String> watched =
        hosts.stream()
            .filter(PlannedHost::watched)
            .flatMap(h -> h.interfaces().stream())
            .map(i -> i.address() + "/32")
            .toList();
    if (!watched.isEmpty()) {
      rules.add(logForwarding(watched));
    }
    for (FirewallRule rule : template.firewall().rules()) {
      rules.add(
          new PlannedRule(
              endpoint(rule.from()),
              endpoint(rule.to()),
              rule.protocol().id(),
              rule.portsOrAll(),
              rule.action() == FirewallRule.Verdict.ALLOW,
              rule.comment() == null ? "" : rule.comment()));
    }
    return List.copyOf(rules);
  }

  private PlannedRule logForwarding(List<String> watched) {
    PlannedHost collector = PlannedHost.byId(hosts, template.soc().collector());
    return new PlannedRule(
        watched,
        List.of(collector.address() + "/32"),
        "tcp",
        List.of(template.soc().portOrDefault()),
        true,
        "log forwarding to the SOC collector");
  }

  /** {@code any}, a segment's network, or the addresses of every host of a template host. */
  private List<String> endpoint(String name) {
    if ("any".equals(name)) {
      return List.of("0.0.0.0/0");
    }
    return template
        .segment(name)
        .map(s -> List.of(at.cidr(s.cidr())))
        .orElseGet(
            () ->
                hosts.stream()
                    .filter(h -> h.group().equals(name))
                    .flatMap(h -> h.interfaces().stream())
                    .map(i -> i.address() + "/32")
                    .toList());
  }
}
