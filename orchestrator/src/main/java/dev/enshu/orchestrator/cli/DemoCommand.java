package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.scenario.Scenario;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.RangeTemplate;
import dev.enshu.template.TemplateLoader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The demo exercise: checks the bundled catalogue and shows the plans of a two-team exercise. */
@Command(name = "demo", description = "Run the demo exercise on the embedded defaults.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--teams", defaultValue = "2", description = "Teams (default ${DEFAULT-VALUE})")
  int teams;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      description = "Exercise seed (default ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("== Bundled range templates");
    for (String id : TemplateLoader.BUNDLED) {
      RangeTemplate t = TemplateLoader.bundled(id);
      out.printf(
          "  %-16s %s: %d segments, %d hosts, %d firewall rules%n",
          id, t.title().en(), t.segments().size(), t.hosts().size(), t.firewall().rules().size());
    }
    out.println("== Bundled scenarios");
    for (String id : ScenarioLoader.BUNDLED) {
      Scenario s = ScenarioLoader.bundled(id).scenario();
      out.printf(
          "  %-24s level %s, %s on %s: %s / %s%n",
          id, s.level().id(), s.duration(), s.template(), s.title().ja(), s.title().en());
    }
    ScenarioLoader.Loaded loaded = ScenarioLoader.bundled("phishing-ransomware");
    PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
    out.printf("== Exercise 'demo' of phishing-ransomware, %d teams, seed %d%n", teams, seed);
    for (int team = 1; team <= teams; team++) {
      RangePlan plan =
          compiler.compile(
              "demo", team, seed, AddressPool.DEFAULT.block(team - 1, compiler.blockPrefix()));
      out.printf(
          "  team %d: range %s in %s, %d hosts on %d segments%n",
          team, plan.rangeId(), plan.addressBlock(), plan.hosts().size(), plan.segments().size());
      out.printf(
          "    drawn: victim %s (%s), C2 %s, abused account %s%n",
          plan.variables().get("victim"),
          plan.variables().get("victim.address"),
          plan.variables().get("c2Domain"),
          plan.variables().get("stolenAccount"));
      for (PlannedHost host : plan.hosts()) {
        if (host.role().equals("firewall")) {
          out.printf(
              "    %-12s %s%n",
              host.id(),
              host.interfaces().stream().map(i -> i.segment() + "=" + i.address()).toList());
        }
      }
    }
    out.flush();
    return 0;
  }
}
