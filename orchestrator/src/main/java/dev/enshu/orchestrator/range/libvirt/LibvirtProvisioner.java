package dev.enshu.orchestrator.range.libvirt;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.HostEnvironment;
import dev.enshu.orchestrator.range.MachineCommand;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.template.HostRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Makes a range real on the host the pool chose: its isolated networks, an overlay and a settings
 * disk per host, the guests; waits until all are ready and keeps each guest's provisioned state as
 * the internal snapshot {@link RangeProvider#PROVISIONED}.
 */
final class LibvirtProvisioner {
  private static final int SETTINGS_DISK_BYTES = 1024 * 1024;

  private final HostPool pool;
  private final GuestImages images;
  private final LibvirtSettings settings;
  private final LibvirtReadiness readiness;
  private final LibvirtTeardown teardown;

  LibvirtProvisioner(
      HostPool pool,
      GuestImages images,
      LibvirtSettings settings,
      LibvirtReadiness readiness,
      LibvirtTeardown teardown) {
    this.pool = pool;
    this.images = images;
    this.settings = settings;
    this.readiness = readiness;
    this.teardown = teardown;
  }

  /** Timings of one provisioning, for the benchmark. */
  record Outcome(
      String uri,
      Map<String, String> domains,
      long bootNanos,
      long readyNanos,
      long snapshotNanos) {}

  Outcome provision(RangePlan plan) {
    if (!plan.checkers().isEmpty()) {
      throw new ProviderException(
          Status.BAD_REQUEST,
          "scenario '"
              + plan.scenario()
              + "' has probe checks, which need a hidden checker host in segment '"
              + plan.checkers().get(0).interfaces().get(0).segment()
              + "'; the libvirt provider does not make checker hosts yet: run it on Docker, or"
              + " check with observe");
    }
    Map<String, Path> bases = new LinkedHashMap<>();
    plan.hosts().forEach(h -> bases.put(h.role().id(), images.base(h.role().id())));
    long demand = plan.hosts().stream().mapToLong(h -> memoryOf(h) + HostPool.OVERHEAD_MIB).sum();
    HostPool.Placement placement =
        pool.place(plan.rangeId(), new HostPool.Demand(demand, plan.hosts().size()));
    LibvirtConnection host = placement.host();
    long start = System.nanoTime();
    try {
      Connect c = host.connect();
      Path dir = settings.range(plan.rangeId());
      Files.createDirectories(dir);
      for (RangePlan.PlannedSegment segment : plan.segments()) {
        step(
            plan,
            "network " + segment.id(),
            () -> c.networkCreateXML(GuestDefinition.network(plan, segment)));
      }
      Map<String, Domain> guests = new LinkedHashMap<>();
      Map<String, String> names = new LinkedHashMap<>();
      for (PlannedHost h : plan.hosts()) {
        Path overlay = dir.resolve(h.id() + ".qcow2");
        MachineCommand.run(
            List.of(
                "qemu-img",
                "create",
                "-q",
                "-f",
                "qcow2",
                "-F",
                "qcow2",
                "-b",
                bases.get(h.role().id()).toString(),
                overlay.toString()),
            "create the overlay of host '" + h.id() + "' of range " + plan.rangeId(),
            30);
        Path settingsDisk = dir.resolve(h.id() + ".settings.raw");
        writeSettings(plan, h, settingsDisk);
        String xml = GuestDefinition.domain(plan, h, settings, overlay, settingsDisk, memoryOf(h));
        Domain d = step(plan, "guest " + h.id(), () -> c.domainCreateXML(xml, 0));
        guests.put(h.id(), d);
        names.put(h.id(), LibvirtNames.domain(plan.rangeId(), h.id()));
      }
      long booted = System.nanoTime();
      Map<String, String> secrets = new LinkedHashMap<>();
      for (PlannedHost h : plan.hosts()) {
        Map<String, String> own = HostEnvironment.secrets(plan, h);
        if (!own.isEmpty()) {
          secrets.put(h.id(), HostEnvironment.shellFile(own));
        }
      }
      readiness.await(plan.rangeId(), guests, secrets, settings.readyTimeout());
      long ready = System.nanoTime();
      for (Map.Entry<String, Domain> g : guests.entrySet()) {
        step(
            plan,
            "snapshot of " + g.getKey(),
            () ->
                g.getValue()
                    .snapshotCreateXML(GuestDefinition.snapshot(RangeProvider.PROVISIONED)));
      }
      return new Outcome(
          host.uri(), names, booted - start, ready - start, System.nanoTime() - ready);
    } catch (IOException | RuntimeException e) {
      try {
        teardown.destroy(plan.rangeId());
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      if (e instanceof ProviderException p) {
        throw p;
      }
      throw new ProviderException(
          Status.INTERNAL,
          "provisioning range "
              + plan.rangeId()
              + " on "
              + host.uri()
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  /** Guest memory: the plan's figure (sized for containers) within the configured cap. */
  int memoryOf(PlannedHost host) {
    int wanted = host.memoryMb() <= 0 ? settings.maxGuestMemoryMb() : host.memoryMb();
    int floor = host.role() == HostRole.DOMAIN_CONTROLLER ? 384 : 192;
    return Math.max(floor, Math.min(wanted, settings.maxGuestMemoryMb()));
  }

  /**
   * The guest's settings as a shell file on a raw disk padded with NUL bytes: the host's ENSHU_*
   * environment, plus its interfaces by MAC and whether it routes (read by enshu-vm-init).
   */
  private static void writeSettings(RangePlan plan, PlannedHost host, Path disk)
      throws IOException {
    Map<String, String> env = new LinkedHashMap<>(HostEnvironment.of(plan, host));
    // passwords are not settings: the readiness wait hands them over through the guest agent,
    // and the guest's init waits for them before it starts the host's services
    if (!HostEnvironment.secrets(plan, host).isEmpty()) {
      env.put("ENSHU_VM_SECRETS", "1");
    }
    env.put(
        "ENSHU_VM_IFACES",
        host.interfaces().stream()
            .map(
                i ->
                    i.mac()
                        + " "
                        + (i.dhcp() ? "dhcp" : i.address() + "/" + prefix(plan, i.segment())))
            .collect(Collectors.joining(";")));
    env.put("ENSHU_VM_FORWARD", host.role() == HostRole.FIREWALL ? "1" : "0");
    StringBuilder text = new StringBuilder("# enshu guest settings for " + host.id() + "\n");
    env.forEach(
        (k, v) -> text.append(k).append("='").append(v.replace("'", "'\\''")).append("'\n"));
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > SETTINGS_DISK_BYTES) {
      throw new ProviderException(
          Status.BAD_REQUEST,
          "settings of host '"
              + host.id()
              + "' are "
              + bytes.length
              + " bytes, more than "
              + SETTINGS_DISK_BYTES);
    }
    byte[] padded = new byte[SETTINGS_DISK_BYTES];
    System.arraycopy(bytes, 0, padded, 0, bytes.length);
    Files.write(disk, padded);
  }

  private static int prefix(RangePlan plan, String segment) {
    String cidr = plan.segment(segment).orElseThrow().cidr();
    return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
  }

  interface Step<T> {
    T run() throws LibvirtException;
  }

  private static <T> T step(RangePlan plan, String what, Step<T> step) {
    try {
      return step.run();
    } catch (LibvirtException e) {
      throw new ProviderException(
          Status.INTERNAL,
          "range " + plan.rangeId() + ": creating the " + what + " failed: " + e.getMessage(),
          e);
    }
  }
}
