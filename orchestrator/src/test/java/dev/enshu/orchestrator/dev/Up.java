package dev.enshu.orchestrator.dev;

import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import dev.enshu.scenario.ScenarioLoader;
import java.time.Clock;

/** Developer tool: provisions one range (or destroys it with "down RANGE"). */
public final class Up {
  public static void main(String[] args) {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      DockerRangeProvider provider = new DockerRangeProvider(engine, Clock.systemUTC());
      if (args[0].equals("down")) {
        provider.destroy(args[1]);
        return;
      }
      ScenarioLoader.Loaded loaded = ScenarioLoader.byIdOrFile(args[0]);
      PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
      RangePlan plan = compiler.compile("dev", 1, 11, AddressPool.DEFAULT.block(0, 16));
      try {
        System.out.println(provider.provision(plan));
      } catch (RuntimeException e) {
        e.printStackTrace();
      }
    }
  }
}
