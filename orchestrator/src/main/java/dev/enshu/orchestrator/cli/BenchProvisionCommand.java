package dev.enshu.orchestrator.cli;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Provisions several teams' ranges at once and prints time to all-ready, the same hosts started one
 * container at a time as the baseline, teardown time, leftovers and the ranges' memory.
 */
@Command(
    name = "provision",
    description = "Provision teams of a scenario's template and print the figures.")
final class BenchProvisionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--hardening-comparison",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Also provision the teams with the hosts' configuration before hardening and print the"
              + " cost of hardening (default ${DEFAULT-VALUE})")
  boolean hardeningComparison;

  @Mixin BenchProviderOption through = new BenchProviderOption();

  @Option(
      names = "--teams",
      defaultValue = "4",
      description = "Teams provisioned together (default ${DEFAULT-VALUE})")
  int teams;

  @Option(
      names = "--scenario",
      defaultValue = "phishing-ransomware",
      description =
          "Scenario whose template is provisioned (default ${DEFAULT-VALUE}: cyder-standard)")
  String scenario;

  @Option(
      names = "--baseline-teams",
      defaultValue = "-1",
      description =
          "Teams in the one-container-at-a-time baseline (default: as many as --teams; 0 skips it)")
  int baselineTeams;

  @Override
  public Integer call() throws Exception {
    if (through.provider.equals("libvirt")) {
      // one team of cyder-mini as VMs, from the test scenario unless another is named
      java.nio.file.Path file =
          java.nio.file.Path.of(
              scenario.equals("phishing-ransomware")
                  ? "orchestrator/src/test/resources/scenarios/mini-c2.yaml"
                  : scenario);
      return LibvirtProvisionBench.run(
          spec.commandLine().getOut(), spec.commandLine().getErr(), file, through.uris);
    }
    if (!through.provider.equals("docker")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--provider must be docker or libvirt, found '" + through.provider + "'");
    }
    PrintWriter out = spec.commandLine().getOut();
    ScenarioLoader.Loaded loaded = ScenarioLoader.byIdOrFile(scenario);
    PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
    AddressPool pool = new AddressPool(Cidr.parse("10.80.0.0/12"));
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      DockerRangeProvider parallel = new DockerRangeProvider(engine, Clock.systemUTC());
      RangeProvider.Availability availability = parallel.probe();
      if (!availability.available()) {
        spec.commandLine().getErr().println("enshu bench provision: " + availability.detail());
        return 1;
      }
      out.printf("provider docker: %s%n", availability.detail());
      String exercise = "bench" + Long.toHexString(System.currentTimeMillis() & 0xFFFFF);
      List<RangePlan> plans = new ArrayList<>();
      List<Cidr> blocks =
          AddressBlocks.free(pool, compiler.blockPrefix(), engine.subnetsInUse(), teams);
      for (int team = 1; team <= teams; team++) {
        plans.add(compiler.compile(exercise, team, 1, blocks.get(team - 1)));
      }
      out.printf(
          "ranges %s-t1..t%d in %s%n",
          exercise, teams, plans.stream().map(p -> p.addressBlock().toString()).toList());
      try (StopCleanup cleanup =
          new StopCleanup(
              exercise + "-",
              () -> new DockerRangeProvider(DockerEngine.connectDefault(), Clock.systemUTC()),
              spec.commandLine().getErr())) {
        return measure(out, engine, parallel, loaded, plans, exercise, cleanup);
      }
    }
  }

  private int measure(
      PrintWriter out,
      DockerEngine engine,
      DockerRangeProvider parallel,
      ScenarioLoader.Loaded loaded,
      List<RangePlan> plans,
      String exercise,
      StopCleanup cleanup)
      throws Exception {
    int hosts = plans.get(0).hosts().size();
    out.printf(
        "%d teams of %s (%s), %d hosts each, %d containers%n",
        teams, loaded.template().id(), scenario, hosts, hosts * teams);
    out.flush();

    long start = System.nanoTime();
    runAll(plans, plan -> cleanup.provisioning(() -> parallel.provision(plan)));
    Duration ready = since(start);
    out.printf(
        "all ready (teams in parallel):         %6.1f s   (target <= 60 s)%n", seconds(ready));
    out.flush();
    Map<String, Long> memory = memoryPerRange(engine, plans);
    memory.forEach(
        (range, bytes) ->
            out.printf(
                "  memory of range %-16s %6.0f MiB (sum of its containers: memory use less page cache)%n",
                range, bytes / 1048576.0));

    start = System.nanoTime();
    runAll(plans, plan -> parallel.destroy(plan.rangeId()));
    Duration teardown = since(start);
    out.printf(
        "teardown of all teams:                 %6.1f s   (target <= 20 s)%n", seconds(teardown));
    long leftovers =
        parallel.list().stream()
            .filter(r -> r.rangeId() != null && r.rangeId().startsWith(exercise + "-"))
            .count();
    out.printf("leftover resources after teardown:     %6d     (must be 0)%n", leftovers);
    out.flush();

    if (hardeningComparison) {
      // the same teams with the hosts' configuration before hardening, on the same engine
      DockerRangeProvider unhardened = parallel.unhardenedForBenchmark();
      start = System.nanoTime();
      runAll(plans, plan -> cleanup.provisioning(() -> unhardened.provision(plan)));
      Duration plain = since(start);
      out.printf(
          "all ready without hardening:           %6.1f s   (hardening costs %+.0f %%, target <= 10 %%)%n",
          seconds(plain), (seconds(ready) / seconds(plain) - 1) * 100);
      out.flush();
      runAll(plans, plan -> unhardened.destroy(plan.rangeId()));
    }

    int baseline = baselineTeams < 0 ? teams : baselineTeams;
    if (baseline > 0) {
      DockerRangeProvider oneByOne = new DockerRangeProvider(engine, Clock.systemUTC(), 1);
      start = System.nanoTime();
      for (RangePlan plan : plans.subList(0, baseline)) {
        cleanup.provisioning(() -> oneByOne.provision(plan));
      }
      Duration sequential = since(start);
      runAll(plans.subList(0, baseline), plan -> oneByOne.destroy(plan.rangeId()));
      double scaled = seconds(sequential) * teams / baseline;
      out.printf(
          "baseline, one container at a time:     %6.1f s   for %d team(s)%s%n",
          seconds(sequential),
          baseline,
          baseline == teams ? "" : String.format(" (%.1f s scaled to %d)", scaled, teams));
      out.printf("speed-up of the parallel provisioning: %6.1f x%n", scaled / seconds(ready));
    }
    out.flush();
    return leftovers == 0 ? 0 : 1;
  }

  private static void runAll(List<RangePlan> plans, java.util.function.Consumer<RangePlan> action)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(plans.size());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (RangePlan plan : plans) {
        futures.add(pool.submit(() -> action.accept(plan)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Each range's summed container memory (usage less page cache), sampled in parallel. */
  private static Map<String, Long> memoryPerRange(DockerEngine engine, List<RangePlan> plans)
      throws Exception {
    Map<String, Long> sums = new java.util.concurrent.ConcurrentSkipListMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> samples = new ArrayList<>();
      for (RangePlan plan : plans) {
        sums.put(plan.rangeId(), 0L);
        for (var container :
            engine
                .client()
                .listContainersCmd()
                .withLabelFilter(Map.of("enshu.range", plan.rangeId()))
                .exec()) {
          samples.add(
              pool.submit(
                  () -> {
                    sums.merge(plan.rangeId(), rss(engine, container.getId()), Long::sum);
                    return null;
                  }));
        }
      }
      for (Future<?> sample : samples) {
        sample.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return sums;
  }

  private static long rss(DockerEngine engine, String container) {
    long[] value = {0};
    ResultCallback.Adapter<Statistics> callback =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Statistics stats) {
            if (stats.getMemoryStats() != null && stats.getMemoryStats().getUsage() != null) {
              long usage = stats.getMemoryStats().getUsage();
              var details = stats.getMemoryStats().getStats();
              long cache = details == null || details.getCache() == null ? 0 : details.getCache();
              value[0] = Math.max(0, usage - cache);
            }
          }
        };
    try {
      engine
          .client()
          .statsCmd(container)
          .withNoStream(true)
          .exec(callback)
          .awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return value[0];
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
