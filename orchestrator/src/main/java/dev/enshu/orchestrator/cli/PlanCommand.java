package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import dev.enshu.yaml.InvalidDocumentException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints the range plans of a scenario's teams as JSON: an author's and instructor's tool. The
 * plans of exercises on a server are drawn with that installation's key as well, so they cannot be
 * recomputed here from the scenario and the seed.
 */
@Command(
    name = "plan",
    description = {
      "Compile a scenario into one range plan per team and print them as JSON.",
      "An instructor's and author's tool: plans hold every team's answers. Exercises on a server"
          + " draw with that installation's secret key as well, so their plans cannot be"
          + " recomputed with this command."
    })
final class PlanCommand implements Callable<Integer> {
  static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SCENARIO",
      description = "Bundled scenario id or scenario file")
  String scenario;

  @Option(
      names = "--teams",
      defaultValue = "1",
      description = "Number of teams (default ${DEFAULT-VALUE})")
  int teams;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Exercise seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--exercise",
      defaultValue = "demo",
      description = "Exercise id (default ${DEFAULT-VALUE})")
  String exercise;

  @Option(
      names = "--address-pool",
      defaultValue = "10.64.0.0/10",
      description = "Pool the teams' address blocks come from (default ${DEFAULT-VALUE})")
  String addressPool;

  @Override
  public Integer call() {
    if (teams < 1 || teams > 64) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--teams must be 1-64, found " + teams);
    }
    if (!exercise.matches("[a-z0-9][a-z0-9-]{0,30}")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--exercise must be lower-case letters, digits and '-', found '" + exercise + "'");
    }
    AddressPool pool;
    try {
      pool = new AddressPool(Cidr.parse(addressPool));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--address-pool: " + e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    try {
      ScenarioLoader.Loaded loaded = ScenarioLoader.byIdOrFile(scenario);
      PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
      List<RangePlan> plans = new ArrayList<>();
      for (int team = 1; team <= teams; team++) {
        plans.add(
            compiler.compile(exercise, team, seed, pool.block(team - 1, compiler.blockPrefix())));
      }
      err.println(
          "enshu plan: instructor tool; these plans hold the answers. A server's exercises draw"
              + " with its secret key too, so they differ from these.");
      err.flush();
      PrintWriter out = spec.commandLine().getOut();
      out.println(JSON.writeValueAsString(plans));
      out.flush();
      return 0;
    } catch (InvalidDocumentException e) {
      e.problems().forEach(err::println);
      err.flush();
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("enshu plan: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
