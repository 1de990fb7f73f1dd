package dev.enshu.orchestrator.range.libvirt;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ConsoleEndpoint;
import dev.enshu.orchestrator.range.HostGuard;
import dev.enshu.orchestrator.range.MachineCommand;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.libvirt.LibvirtException;

/**
 * The libvirt provider: each host a VM on one hypervisor host of the pool, reached through the
 * guest agent. Each operation is its own class; this one wires them and keeps the SPI's contract.
 */
public final class LibvirtRangeProvider implements RangeProvider {
  private final HostPool pool;
  private final LibvirtSettings settings;
  private final GuestImages images;
  private final LibvirtInventory inventory;
  private final LibvirtProvisioner provisioner;
  private final LibvirtTeardown teardown;
  private final LibvirtSnapshots snapshots;

  public LibvirtRangeProvider(HostPool pool, LibvirtSettings settings, Clock clock) {
    this.pool = pool;
    this.settings = settings;
    this.images = new GuestImages(settings);
    this.inventory = new LibvirtInventory(pool);
    LibvirtReadiness readiness = new LibvirtReadiness(clock);
    this.teardown = new LibvirtTeardown(pool, inventory, settings);
    this.provisioner = new LibvirtProvisioner(pool, images, settings, readiness, teardown);
    this.snapshots = new LibvirtSnapshots(inventory, readiness);
  }

  @Override
  public String id() {
    return "libvirt";
  }

  public GuestImages images() {
    return images;
  }

  public HostPool pool() {
    return pool;
  }

  /**
   * Counted as the hosts' connections are opened again after being lost; asking probes each host,
   * which opens a lost connection again. The guests run on through a libvirtd restart, so nothing
   * is restarted.
   */
  @Override
  public long engineReturns() {
    long reopened = 0;
    for (LibvirtConnection host : pool.hosts()) {
      host.probe();
      reopened += host.reopened();
    }
    return reopened;
  }

  @Override
  public Availability probe() {
    List<String> up = new ArrayList<>();
    List<String> down = new ArrayList<>();
    for (LibvirtConnection host : pool.hosts()) {
      Availability a = host.probe();
      (a.available() ? up : down).add(a.detail());
    }
    if (!settings.kernel().toFile().canRead()) {
      return Availability.no(
          "no guest kernel at "
              + settings.kernel()
              + " (install linux-image-cloud-amd64 with scripts/setup-libvirt.sh)");
    }
    String detail =
        String.join("; ", up)
            + (down.isEmpty() ? "" : "; down: " + String.join("; ", down))
            + "; guests: "
            + settings.domainType()
            + ", kernel "
            + settings.kernelVersion();
    return up.isEmpty()
        ? Availability.no("no libvirt host answers: " + String.join("; ", down))
        : Availability.yes(detail);
  }

  @Override
  public RangeHandle provision(RangePlan plan) {
    return provisionTimed(plan).handle();
  }

  /** A provisioned range and its timings (for the benchmark). */
  public record Provisioned(
      RangeHandle handle, String uri, Duration booting, Duration allReady, Duration snapshots) {}

  public Provisioned provisionTimed(RangePlan plan) {
    boolean exists = inventory.list().stream().anyMatch(r -> plan.rangeId().equals(r.rangeId()));
    if (exists) {
      throw new ProviderException(
          Status.CONFLICT, "range " + plan.rangeId() + " already exists on the libvirt hosts");
    }
    // guards this machine's range bridges; a remote hypervisor host is set up by its own server
    HostGuard.local().ensure();
    LibvirtProvisioner.Outcome o = provisioner.provision(plan);
    Duration total = Duration.ofNanos(o.readyNanos() + o.snapshotNanos());
    return new Provisioned(
        new RangeHandle(plan.rangeId(), id(), o.domains(), total),
        o.uri(),
        Duration.ofNanos(o.bootNanos()),
        Duration.ofNanos(o.readyNanos()),
        Duration.ofNanos(o.snapshotNanos()));
  }

  @Override
  public ExecResult exec(HostRef host, List<String> command, Duration timeout) {
    LibvirtInventory.Guest guest = inventory.guest(host);
    try {
      return GuestAgent.exec(guest.domain(), command, timeout);
    } catch (LibvirtException e) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "exec of "
              + command
              + " on "
              + host
              + " through the guest agent failed: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Not available: libvirt has no view of a guest's processes without an agent in the guest, and
   * the QEMU guest agent has no process list. A check of a VM's processes runs inside the guest.
   */
  @Override
  public List<ProcessInfo> processes(HostRef host) {
    throw new ProviderException(
        Status.BAD_REQUEST,
        "the libvirt provider cannot list the processes of "
            + host
            + " from outside the guest (libvirt has no introspection of a guest, and the guest"
            + " agent has no process list): write this check with run, which runs inside the"
            + " guest");
  }

  /**
   * Through the QEMU guest agent's file commands. Unlike the Docker provider's, this view is not
   * out of the guest's reach: the agent runs in the guest and its root can replace it. The path and
   * what is looked for in the content still never appear on a command line in the guest.
   */
  @Override
  public Optional<byte[]> readFile(HostRef host, String path, int maxBytes) {
    LibvirtInventory.Guest guest = inventory.guest(host);
    try {
      return GuestAgent.readFile(guest.domain(), path, maxBytes);
    } catch (LibvirtException e) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "reading " + path + " of " + host + " through the guest agent failed: " + e.getMessage(),
          e);
    }
  }

  /** Not available: the guest agent has no directory listing. Such a check runs inside. */
  @Override
  public Optional<List<String>> listFiles(HostRef host, String directory, int maxEntries) {
    throw new ProviderException(
        Status.BAD_REQUEST,
        "the libvirt provider cannot list the files of "
            + host
            + " from outside the guest (the guest agent has no directory listing): write this"
            + " check with run, which runs inside the guest");
  }

  /** The serial console (a login shell on ttyS0), streamed by libvirt's console API. */
  @Override
  public ConsoleEndpoint console(HostRef host) {
    LibvirtInventory.Guest guest = inventory.guest(host);
    return new ConsoleEndpoint.Terminal(
        id(), guest.name(), new SerialTerminal(guest.host(), guest.name(), "serial0"));
  }

  /**
   * The guest's VNC display, bound to loopback on its hypervisor host, for the VNC relay. Fails
   * with NOT_FOUND when the guest has no display open.
   */
  @Override
  public Optional<ConsoleEndpoint.Vnc> display(HostRef host) {
    LibvirtInventory.Guest guest = inventory.guest(host);
    try {
      String port =
          Xml.attributes(guest.domain().getXMLDesc(0), "graphics", "port").stream()
              .findFirst()
              .orElseThrow(
                  () -> new ProviderException(Status.NOT_FOUND, host + " has no VNC display"));
      return Optional.of(
          new ConsoleEndpoint.Vnc(id(), guest.name(), "127.0.0.1", port(host, port)));
    } catch (LibvirtException e) {
      throw new ProviderException(
          Status.UNAVAILABLE, "VNC display of " + host + ": " + e.getMessage(), e);
    }
  }

  /** The display's port as the running domain has it; libvirt says -1 until one is given. */
  private static int port(HostRef host, String port) {
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number < 1 || number > 65_535) {
      throw new ProviderException(
          Status.NOT_FOUND, host + " has no VNC display open (its port is '" + port + "')");
    }
    return number;
  }

  @Override
  public void snapshot(HostRef host, String name) {
    snapshots.snapshot(host, name);
  }

  @Override
  public void revert(HostRef host, String name) {
    snapshots.revert(host, name);
  }

  @Override
  public void destroy(String rangeId) {
    teardown.destroy(rangeId);
  }

  @Override
  public List<ProviderResource> list() {
    return inventory.list();
  }

  /** The host bridge of a range's segment (see {@link dev.enshu.orchestrator.range.HostGuard}). */
  public static String bridge(String rangeId, String segmentId) {
    return LibvirtNames.bridge(rangeId, segmentId);
  }

  /** Bytes the range's overlays take on disk (allocated blocks; the bases are shared). */
  public long diskBytes(String rangeId) {
    String du =
        MachineCommand.run(
            List.of("du", "-s", "-B1", settings.range(rangeId).toString()),
            "measure the disks of range " + rangeId,
            30);
    return Long.parseLong(du.trim().split("\\s+")[0]);
  }

  /**
   * Resident memory of the guest's QEMU process on this machine ("?" for a guest on another
   * hypervisor host): what a guest really costs, beyond its configured RAM.
   */
  public String hostMemory(HostRef host) {
    String name = inventory.guest(host).name();
    try {
      String pid =
          java.nio.file.Files.readString(java.nio.file.Path.of("/run/libvirt/qemu", name + ".pid"))
              .trim();
      return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", pid, "status"))
          .stream()
          .filter(l -> l.startsWith("VmRSS:"))
          .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 + " MiB")
          .findFirst()
          .orElse("?");
    } catch (java.io.IOException | RuntimeException e) {
      return "?";
    }
  }

  @Override
  public String toString() {
    return "libvirt on "
        + pool.hosts().stream().map(LibvirtConnection::uri).collect(Collectors.joining(", "));
  }
}
