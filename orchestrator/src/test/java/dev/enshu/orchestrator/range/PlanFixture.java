package dev.enshu.orchestrator.range;

import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import java.util.List;
import java.util.Map;

/**
 * The parts of a plan of the bundled phishing scenario (template cyder-standard, 10.0.0.0/16) for
 * range {@code ex1-t2} in 10.65.0.0/16, for the tests of each planner.
 */
final class PlanFixture {
  static final String RANGE = "ex1-t2";
  static final long SEED = 7;

  final ScenarioLoader.Loaded loaded = ScenarioLoader.bundled("phishing-ransomware");
  final Relocation at =
      new Relocation(Cidr.parse(loaded.template().addressBlock()), Cidr.parse("10.65.0.0/16"));
  final HostRoutes routes = new HostRoutes(loaded.template(), new Routing(loaded.template()), at);
  final List<PlannedHost> hosts = new HostPlanner(loaded.template(), routes, RANGE, at).hosts();
  final Map<String, String> variables = new VariablePlanner(loaded.scenario(), SEED, 2).draw(hosts);
  final ChoiceCandidates candidates = new ChoiceCandidates(loaded.scenario(), variables);

  PlannedHost host(String id) {
    return PlannedHost.byId(hosts, id);
  }
}
