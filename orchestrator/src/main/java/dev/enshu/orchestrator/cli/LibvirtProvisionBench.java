package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.libvirt.HostPool;
import dev.enshu.orchestrator.range.libvirt.LibvirtRangeProvider;
import dev.enshu.orchestrator.range.libvirt.LibvirtSettings;
import dev.enshu.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code bench provision --provider libvirt}: boots one team's range as VMs and prints time to
 * all-ready, the revert time of one host, the team's disk use and each guest's memory.
 */
final class LibvirtProvisionBench {
  private LibvirtProvisionBench() {}

  static int run(PrintWriter out, PrintWriter err, Path scenario, List<String> uris) {
    if (!Files.exists(scenario)) {
      err.println("no scenario file " + scenario + " (run from the repository)");
      err.flush();
      return 2;
    }
    ScenarioLoader.Loaded loaded = ScenarioLoader.load(scenario);
    PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
    String exercise = "bench" + Long.toHexString(System.nanoTime() & 0xFFFF);
    RangePlan plan =
        compiler.compile(exercise, 1, 1, AddressPool.DEFAULT.block(63, compiler.blockPrefix()));
    LibvirtSettings settings = LibvirtSettings.detect();
    try (HostPool pool = HostPool.of(uris)) {
      LibvirtRangeProvider libvirt = new LibvirtRangeProvider(pool, settings, Clock.systemUTC());
      RangeProvider.Availability availability = libvirt.probe();
      out.println("provider: " + availability.detail());
      if (!availability.available()) {
        return 1;
      }
      long buildStart = System.nanoTime();
      libvirt.images().build(plan.hosts().stream().map(h -> h.role().id()).distinct().toList());
      out.printf("guest base disks ready in %s%n", seconds(System.nanoTime() - buildStart));
      StopCleanup cleanup =
          new StopCleanup(
              plan.rangeId(),
              () -> new LibvirtRangeProvider(HostPool.of(uris), settings, Clock.systemUTC()),
              err);
      try {
        java.util.concurrent.atomic.AtomicReference<LibvirtRangeProvider.Provisioned> made =
            new java.util.concurrent.atomic.AtomicReference<>();
        cleanup.provisioning(() -> made.set(libvirt.provisionTimed(plan)));
        LibvirtRangeProvider.Provisioned p = made.get();
        out.printf(
            "range %s (%d hosts of %s) on %s, guests %s%n",
            plan.rangeId(), plan.hosts().size(), plan.template(), p.uri(), settings.domainType());
        out.printf("time to all guests created: %s%n", seconds(p.booting().toNanos()));
        out.printf("time to all-ready: %s (target <= 30 s)%n", seconds(p.allReady().toNanos()));
        out.printf("provisioned snapshots taken in %s%n", seconds(p.snapshots().toNanos()));
        RangeProvider.HostRef pc = new RangeProvider.HostRef(plan.rangeId(), "pc");
        libvirt.exec(pc, List.of("sh", "-c", "echo x > /root/bench"), Duration.ofSeconds(10));
        long revertStart = System.nanoTime();
        libvirt.revert(pc, RangeProvider.PROVISIONED);
        out.printf(
            "revert of host 'pc' to its provisioned state, ready again: %s (target <= 5 s)%n",
            seconds(System.nanoTime() - revertStart));
        out.printf(
            "disk used by the team (its qcow2 overlays, incl. provisioned snapshots): %.1f MiB%n",
            libvirt.diskBytes(plan.rangeId()) / 1048576.0);
        for (PlannedHost h : plan.hosts()) {
          RangeProvider.ExecResult mem =
              libvirt.exec(
                  new RangeProvider.HostRef(plan.rangeId(), h.id()),
                  List.of("sh", "-c", "free -m | awk '/^Mem:/ {print $2\" \"$3}'"),
                  Duration.ofSeconds(10));
          String[] f = mem.stdout().trim().split(" ");
          out.printf(
              "  guest %-9s role %-12s memory %s MiB, used %s MiB, QEMU on the host %s%n",
              h.id(),
              h.role().id(),
              f[0],
              f.length > 1 ? f[1] : "?",
              libvirt.hostMemory(new RangeProvider.HostRef(plan.rangeId(), h.id())));
        }
      } finally {
        libvirt.destroy(plan.rangeId());
        cleanup.close();
      }
    }
    out.flush();
    return 0;
  }

  private static String seconds(long nanos) {
    return String.format("%.1f s", nanos / 1e9);
  }
}
