package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.memory.InMemoryRangeProvider;
import dev.enshu.orchestrator.timeline.ActionRunner;
import dev.enshu.orchestrator.timeline.ActiveTeam;
import dev.enshu.orchestrator.timeline.TimelineEngine;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Many teams' timelines at once on in-memory ranges, with the real engine and the real journal (H2
 * in memory): how late injects fire against their schedule, whether any fires twice, and the heap
 * it takes.
 */
@Command(
    name = "timeline",
    description =
        "Fire many teams' injects on in-memory ranges and print lateness, double fires and heap.")
final class BenchTimelineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--teams", defaultValue = "100", description = "Teams (default ${DEFAULT-VALUE})")
  int teams;

  @Option(
      names = "--injects",
      defaultValue = "50",
      description = "Injects per team (default ${DEFAULT-VALUE})")
  int injects;

  @Option(
      names = "--speed",
      defaultValue = "120",
      description = "Scenario seconds per real second (default ${DEFAULT-VALUE})")
  double speed;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Journal journal = Journal.inMemory("bench");
    InMemoryRangeProvider provider = new InMemoryRangeProvider();
    ScenarioLoader.Loaded loaded = ScenarioLoader.parse("bench-timeline.yaml", scenario(injects));
    PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
    AddressPool pool = new AddressPool(Cidr.parse("10.0.0.0/8"));
    Clock clock = Clock.systemUTC();
    Instant start = clock.instant().plusSeconds(1);
    ActionRunner runner = new ActionRunner(provider);
    List<ActiveTeam> active = new ArrayList<>();
    for (int t = 1; t <= teams; t++) {
      RangePlan plan = compiler.compile("bench", t, 1, pool.block(t - 1, compiler.blockPrefix()));
      provider.provision(plan);
      Team team =
          new Team(
              t,
              "team " + t,
              null,
              List.of(),
              State.RUNNING,
              null,
              plan.addressBlock(),
              start,
              null,
              0);
      active.add(new ActiveTeam("bench", team, speed, loaded.scenario(), plan, runner));
    }
    ExecutorService workers = Executors.newFixedThreadPool(16);
    TimelineEngine engine = new TimelineEngine(journal, workers, clock);
    Duration length =
        Duration.ofMillis((long) (Duration.ofMinutes(injects + 1).toMillis() / speed));
    out.printf(
        "%d teams x %d injects on in-memory ranges, speed x%.0f: about %.0f s%n",
        teams, injects, speed, length.toMillis() / 1000.0);
    out.flush();
    long peakHeap = 0;
    Instant end = start.plus(length).plusSeconds(2);
    while (clock.instant().isBefore(end)) {
      Instant now = clock.instant();
      Optional<Instant> next = engine.tick(now, active);
      peakHeap = Math.max(peakHeap, usedHeap());
      Instant wake = next.filter(n -> n.isBefore(now.plusMillis(100))).orElse(now.plusMillis(100));
      long nanos = Duration.between(clock.instant(), wake).toNanos();
      if (nanos > 0) {
        LockSupport.parkNanos(nanos);
      }
    }
    workers.shutdown();
    workers.awaitTermination(30, TimeUnit.SECONDS);

    List<Long> lateness = new ArrayList<>();
    Map<String, Integer> fires = new HashMap<>();
    for (JournalEvent e : journal.read("bench", null, 0)) {
      if (e.type().equals(TimelineEngine.FIRED)) {
        lateness.add(((Number) e.data().get("lateMillis")).longValue());
        fires.merge(e.team() + "/" + e.data().get("item"), 1, Integer::sum);
      }
    }
    lateness.sort(Long::compare);
    long doubles = fires.values().stream().filter(n -> n > 1).count();
    out.printf(
        "injects fired:               %d of %d (commands run on ranges: %d)%n",
        lateness.size(), teams * injects, provider.commandsRun());
    out.printf(
        "lateness against schedule:   p50 %d ms, p99 %d ms, max %d ms   (target p99 <= 50 ms)%n",
        percentile(lateness, 50),
        percentile(lateness, 99),
        lateness.isEmpty() ? 0 : lateness.get(lateness.size() - 1));
    out.printf("double fires:                %d   (must be 0)%n", doubles);
    System.gc();
    out.printf(
        "orchestrator heap:           %.0f MiB peak while firing, %.0f MiB after GC%n",
        peakHeap / 1048576.0, usedHeap() / 1048576.0);
    out.flush();
    return doubles == 0 && lateness.size() == teams * injects ? 0 : 1;
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  /** A scenario on cyder-mini with one command inject a minute. */
  static String scenario(int injects) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("id: bench-timeline\ntemplate: cyder-mini\n")
        .append("title: {ja: ベンチマーク, en: Benchmark}\nbriefing: {ja: ベンチマーク, en: Benchmark}\n")
        .append("level: A\nduration: ")
        .append(injects + 1)
        .append("m\ntimeline:\n");
    for (int i = 1; i <= injects; i++) {
      yaml.append("  - id: step-")
          .append(i)
          .append('\n')
          .append("    title: {ja: 手順, en: Step}\n")
          .append("    at: ")
          .append(i)
          .append("m\n")
          .append("    technique: T1059.004\n")
          .append("    action: {type: command, host: pc, run: 'true'}\n")
          .append("    groundTruth: {summary: {ja: 手順, en: Step}, hosts: [pc]}\n");
    }
    yaml.append("objectives: []\nchecks: []\nreport: {sections: [], rubric: []}\n");
    return yaml.toString();
  }
}
