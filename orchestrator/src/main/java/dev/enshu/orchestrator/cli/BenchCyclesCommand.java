package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.HostGuard;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import dev.enshu.orchestrator.range.libvirt.HostPool;
import dev.enshu.orchestrator.range.libvirt.LibvirtRangeProvider;
import dev.enshu.orchestrator.range.libvirt.LibvirtSettings;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Provisions and tears down one team's range again and again through the real provider, and counts
 * what of it is on the engine and the host machine before the first cycle and after the last: every
 * kind must be back where it was. Also prints the cycles' times, the first ones beside the last
 * ones, and the bench's own file descriptors and heap before and after.
 */
@Command(
    name = "cycles",
    description =
        "Provision and tear down one team's range many times; print leftovers per kind (must be"
            + " 0), provision and teardown times (first cycles beside the last), file descriptors"
            + " and heap before and after.")
final class BenchCyclesCommand implements Callable<Integer> {
  static final String MINI = "orchestrator/src/test/resources/scenarios/mini-c2.yaml";

  @Spec CommandSpec spec;

  @Option(
      names = "--cycles",
      defaultValue = "100",
      description = "Provision/teardown cycles (default ${DEFAULT-VALUE})")
  int cycles;

  @Option(
      names = "--scenario",
      defaultValue = MINI,
      description = "Scenario id or file whose template is provisioned (default: cyder-mini's)")
  String scenario;

  @Mixin BenchProviderOption through = new BenchProviderOption();

  @Override
  public Integer call() throws Exception {
    if (cycles < 1) {
      throw new ParameterException(
          spec.commandLine(), "--cycles must be 1 or more, found " + cycles);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (scenario.equals(MINI) && !Files.exists(Path.of(MINI))) {
      err.println("no scenario file " + MINI + " (run from the repository, or name one)");
      err.flush();
      return 2;
    }
    ScenarioLoader.Loaded loaded = ScenarioLoader.byIdOrFile(scenario);
    PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
    String exercise = "bench" + Long.toHexString(System.currentTimeMillis() & 0xFFFFF);
    return switch (through.provider) {
      case "docker" -> docker(out, err, compiler, exercise);
      case "libvirt" -> libvirt(out, err, compiler, exercise);
      default ->
          throw new ParameterException(
              spec.commandLine(),
              "--provider must be docker or libvirt, found '" + through.provider + "'");
    };
  }

  private int docker(PrintWriter out, PrintWriter err, PlanCompiler compiler, String exercise)
      throws Exception {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      DockerRangeProvider docker = new DockerRangeProvider(engine, Clock.systemUTC());
      if (!available(out, err, docker)) {
        return 1;
      }
      // a /12 of its own beside bench provision's, and no block another network holds
      AddressPool pool = new AddressPool(Cidr.parse("10.96.0.0/12"));
      Cidr block =
          AddressBlocks.free(pool, compiler.blockPrefix(), engine.subnetsInUse(), 1).get(0);
      RangePlan plan = compiler.compile(exercise, 1, 1, block);
      return cycle(
          out,
          err,
          docker,
          () -> new DockerRangeProvider(DockerEngine.connectDefault(), Clock.systemUTC()),
          new DockerCensus(engine, plan),
          plan);
    }
  }

  private int libvirt(PrintWriter out, PrintWriter err, PlanCompiler compiler, String exercise)
      throws Exception {
    LibvirtSettings settings = LibvirtSettings.detect();
    try (HostPool hosts = HostPool.of(through.uris)) {
      LibvirtRangeProvider libvirt = new LibvirtRangeProvider(hosts, settings, Clock.systemUTC());
      if (!available(out, err, libvirt)) {
        return 1;
      }
      RangePlan plan =
          compiler.compile(exercise, 1, 1, AddressPool.DEFAULT.block(62, compiler.blockPrefix()));
      libvirt.images().build(plan.hosts().stream().map(h -> h.role().id()).distinct().toList());
      return cycle(
          out,
          err,
          libvirt,
          () -> new LibvirtRangeProvider(HostPool.of(through.uris), settings, Clock.systemUTC()),
          new LibvirtCensus(through.uris, settings.stateDir(), plan),
          plan);
    }
  }

  private static boolean available(PrintWriter out, PrintWriter err, RangeProvider provider) {
    RangeProvider.Availability availability = provider.probe();
    if (!availability.available()) {
      err.println("enshu bench cycles: " + availability.detail());
      err.flush();
      return false;
    }
    out.printf("provider %s: %s%n", provider.id(), availability.detail());
    return true;
  }

  private int cycle(
      PrintWriter out,
      PrintWriter err,
      RangeProvider provider,
      Supplier<RangeProvider> hookProvider,
      RangeCensus census,
      RangePlan plan) {
    out.printf(
        "range %s (%d hosts of %s) in %s, %d cycles%n",
        plan.rangeId(), plan.hosts().size(), plan.template(), plan.addressBlock(), cycles);
    // the guard's own chains are made once per machine and stay: made before counting
    HostGuard.local().ensure();
    CycleFigures figures = new CycleFigures(census);
    figures.before();
    out.flush();
    try (StopCleanup cleanup = new StopCleanup(plan.rangeId(), hookProvider, err)) {
      for (int i = 1; i <= cycles; i++) {
        long start = System.nanoTime();
        try {
          cleanup.provisioning(() -> provider.provision(plan));
        } finally {
          figures.provisioned(System.nanoTime() - start, plan.rangeId());
          start = System.nanoTime();
          provider.destroy(plan.rangeId());
          figures.tornDown(System.nanoTime() - start);
        }
        if (i % 10 == 0 || i == cycles) {
          out.printf("  cycle %d of %d done%n", i, cycles);
          out.flush();
        }
      }
    }
    long leftovers = figures.print(out);
    out.flush();
    return leftovers == 0 ? 0 : 1;
  }
}
