package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.scoring.ScoreCalculator;
import dev.enshu.orchestrator.scoring.TeamScore;
import dev.enshu.orchestrator.timeline.TimelineEngine;
import dev.enshu.scenario.Check;
import dev.enshu.scenario.Objective;
import dev.enshu.scenario.Scenario;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Journals many teams' findings and check results, then recomputes the scoreboard from the journal.
 */
@Command(
    name = "scoring",
    description =
        "Ingest findings and check results for many teams and time the scoreboard's recomputation.")
final class BenchScoringCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--teams", defaultValue = "100", description = "Teams (default ${DEFAULT-VALUE})")
  int teams;

  @Option(
      names = "--events",
      defaultValue = "10000",
      description = "Findings and check results in all (default ${DEFAULT-VALUE})")
  int events;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Journal journal = Journal.inMemory("bench-scoring");
    ScenarioLoader.Loaded loaded = ScenarioLoader.bundled("phishing-ransomware");
    Scenario scenario = loaded.scenario();
    PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
    AddressPool pool = new AddressPool(Cidr.parse("10.0.0.0/8"));
    List<Map<String, String>> variables = new ArrayList<>();
    for (int t = 1; t <= teams; t++) {
      variables.add(
          compiler.compile("bench", t, 1, pool.block(t - 1, compiler.blockPrefix())).variables());
    }
    Instant start = Instant.parse("2026-11-30T01:00:00Z");
    SplittableRandom random = new SplittableRandom(7);
    for (int t = 1; t <= teams; t++) {
      journal.append(
          JournalEvent.of(
              "bench",
              t,
              start,
              TimelineEngine.FIRED,
              "timeline",
              Map.of("item", "implant", "scenarioMillis", 600_000)));
    }
    long ingestStart = System.nanoTime();
    for (int i = 0; i < events; i++) {
      int team = 1 + random.nextInt(teams);
      long at = 600_000 + i * 1000L;
      if (i % 2 == 0) {
        Objective objective =
            scenario.objectives().get(random.nextInt(scenario.objectives().size()));
        String answer =
            random.nextInt(3) == 0
                ? dev.enshu.orchestrator.range.Substitution.apply(
                    objective.expected().get(0), variables.get(team - 1))
                : "wrong-" + i;
        journal.append(
            JournalEvent.of(
                "bench",
                team,
                start.plusMillis(at),
                ScoreCalculator.FINDING,
                "trainee",
                Map.of("objective", objective.id(), "answer", answer, "scenarioMillis", at)));
      } else {
        Check check = scenario.checks().get(random.nextInt(scenario.checks().size()));
        journal.append(
            JournalEvent.of(
                "bench",
                team,
                start.plusMillis(at),
                TimelineEngine.CHECK_RESULT,
                "checks",
                Map.of("check", check.id(), "passed", random.nextBoolean(), "scenarioMillis", at)));
      }
    }
    double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;
    ScoreCalculator calculator = new ScoreCalculator(scenario);
    long recomputeStart = System.nanoTime();
    List<JournalEvent> all = journal.read("bench", null, 0);
    List<TeamScore> board = new ArrayList<>();
    for (int t = 1; t <= teams; t++) {
      board.add(calculator.score(t, all, variables.get(t - 1)));
    }
    double recomputeSeconds = (System.nanoTime() - recomputeStart) / 1e9;
    long points = board.stream().mapToLong(s -> s.points().size()).sum();
    out.printf("%d teams, %d findings and check results%n", teams, events);
    out.printf(
        "ingest into the journal:          %.0f events/s (%.2f s)%n",
        events / ingestSeconds, ingestSeconds);
    out.printf(
        "recompute the whole scoreboard:   %.3f s (target <= 1 s), %d journal events read, %d points%n",
        recomputeSeconds, all.size(), points);
    out.flush();
    return 0;
  }
}
