package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.range.RangePlan.PlannedSegment;
import dev.enshu.scenario.Scenario;
import dev.enshu.template.Cidr;
import dev.enshu.template.RangeTemplate;
import java.util.List;
import java.util.Map;

/**
 * Compiles a scenario and its template into the plan of one team's range. Pure and deterministic:
 * no clock, no randomness beyond the exercise seed. Each part of the plan has its planner; this
 * class puts them together in order (hosts first, then the variables drawn among them, then what
 * depends on both).
 */
public final class PlanCompiler {
  private final Scenario scenario;
  private final RangeTemplate template;
  private final Cidr templateBlock;
  private final Routing routing;

  public PlanCompiler(Scenario scenario, RangeTemplate template) {
    this.scenario = scenario;
    this.template = template;
    this.templateBlock = Cidr.parse(template.addressBlock());
    this.routing = new Routing(template);
  }

  /** The size of block each team needs: the template's address block. */
  public int blockPrefix() {
    return templateBlock.prefix();
  }

  /**
   * The plan of team {@code team} (1-based) of exercise {@code exerciseId}, in the address block
   * {@code teamBlock}, which must be as large as the template's and shared with no other range.
   */
  public RangePlan compile(String exerciseId, int team, long seed, Cidr teamBlock) {
    requireFits(team, teamBlock);
    String rangeId = exerciseId + "-t" + team;
    Relocation at = new Relocation(templateBlock, teamBlock);
    HostRoutes routes = new HostRoutes(template, routing, at);
    List<PlannedHost> hosts = new HostPlanner(template, routes, rangeId, at).hosts();
    Map<String, String> variables = new VariablePlanner(scenario, seed, team).draw(hosts);
    ChoiceCandidates candidates = new ChoiceCandidates(scenario, variables);
    return new RangePlan(
        exerciseId,
        team,
        rangeId,
        scenario.id(),
        template.id(),
        seed,
        template.domain(),
        teamBlock.toString(),
        segments(at),
        hosts,
        new FirewallPlanner(template, at, hosts).rules(),
        soc(hosts),
        new DnsPlanner(scenario, template, hosts, candidates).zones(),
        new DhcpPlanner(template, at, hosts).scopes(),
        new AccountPlanner(scenario, rangeId, seed, hosts, candidates).accounts(),
        variables,
        new CheckerPlanner(scenario, template, routes, rangeId, at).checkers(hosts));
  }

  private void requireFits(int team, Cidr teamBlock) {
    if (team < 1) {
      throw new IllegalArgumentException("teams are numbered from 1, found " + team);
    }
    if (teamBlock.prefix() != templateBlock.prefix()) {
      throw new IllegalArgumentException(
          "team "
              + team
              + " was given "
              + teamBlock
              + " but template '"
              + template.id()
              + "' needs a /"
              + templateBlock.prefix());
    }
  }

  private List<PlannedSegment> segments(Relocation at) {
    return template.segments().stream()
        .map(
            s ->
                new PlannedSegment(
                    s.id(),
                    s.purpose(),
                    at.cidr(s.cidr()),
                    s.title() == null ? s.id() : s.title().ja()))
        .toList();
  }

  private RangePlan.Soc soc(List<PlannedHost> hosts) {
    PlannedHost collector = PlannedHost.byId(hosts, template.soc().collector());
    List<String> watched =
        hosts.stream().filter(PlannedHost::watched).map(PlannedHost::id).toList();
    return new RangePlan.Soc(
        collector.id(), collector.address(), template.soc().portOrDefault(), watched);
  }
}
