package dev.enshu.orchestrator.range;

import dev.enshu.scenario.Scenario;
import dev.enshu.scenario.Variable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The team's drawn variables: a host pick chooses among the range's hosts of its role (and segment)
 * and also gives the host's address, name and user; any other variable is drawn as it says.
 */
final class VariablePlanner {
  private final Scenario scenario;
  private final VariableDraw draw;

  VariablePlanner(Scenario scenario, long seed, int team) {
    this.scenario = scenario;
    this.draw = new VariableDraw(seed, team);
  }

  Map<String, String> draw(List<PlannedHost> hosts) {
    Map<String, String> values = new TreeMap<>();
    scenario
        .variablesOrEmpty()
        .forEach(
            (name, variable) -> {
              if (variable instanceof Variable.HostPick pick) {
                pick(name, pick, hosts, values);
              } else {
                values.put(name, draw.draw(name, variable));
              }
            });
    return values;
  }

  private void pick(
      String name, Variable.HostPick pick, List<PlannedHost> hosts, Map<String, String> values) {
    List<PlannedHost> candidates =
        hosts.stream()
            .filter(h -> h.role() == pick.role())
            .filter(h -> pick.segment() == null || h.addressOn(pick.segment()).isPresent())
            .toList();
    PlannedHost chosen =
        PlannedHost.byId(
            candidates, draw.pick(name, candidates.stream().map(PlannedHost::id).toList()));
    values.put(name, chosen.id());
    values.put(name + ".address", chosen.address());
    values.put(name + ".fqdn", chosen.fqdn());
    values.put(name + ".user", chosen.settings().getOrDefault("user", "user"));
  }
}
