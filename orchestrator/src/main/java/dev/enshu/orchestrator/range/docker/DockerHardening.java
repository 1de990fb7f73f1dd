package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.template.HostRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a range container is given, and nothing more: a trainee is root in it, so everything here is
 * theirs. Every capability is dropped and only the role's own are added back (no SYS_ADMIN
 * anywhere, NET_ADMIN only on routers: other hosts get their routes from outside, see {@link
 * OutsideNetwork}); privileges cannot be regained through set-uid programs; processes, memory,
 * swap, CPU, log size and, where the storage driver can hold it, the writable disk are bounded;
 * IPv6 is off inside the host.
 */
final class DockerHardening {
  /** Processes (threads included) one host may run. */
  static final long PIDS_PER_HOST = 512;

  /** Writable disk of a host, in MiB, beyond its image. */
  static final long WRITABLE_MB = 256;

  /** Writable disk of hosts that keep data (shares, directories, databases, collected logs). */
  static final long WRITABLE_MB_DATA = 1024;

  /** What every role needs to start its services as root and hand them to their own users. */
  private static final List<Capability> BASE =
      List.of(
          Capability.CHOWN,
          Capability.DAC_OVERRIDE,
          Capability.FOWNER,
          Capability.FSETID,
          Capability.KILL,
          Capability.SETGID,
          Capability.SETUID,
          Capability.NET_BIND_SERVICE);

  /** How the engine bounds a host's writable disk, when it can. */
  enum Disk {
    /** The storage driver holds a size per container (btrfs with quotas, zfs). */
    LIMITED,
    /** The storage driver cannot; the disk is shared by every container of the engine. */
    UNBOUNDED
  }

  /**
   * How a provider hardens its hosts. {@code hardened} false gives the configuration ranges had
   * before (every host with NET_ADMIN, no limits but memory and CPU), only for the benchmark's
   * comparison; {@code seccomp} false runs hosts without the engine's seccomp filter, to show the
   * boundary holds on an engine that has none; {@code allowUnboundedDisk} lets ranges run on a
   * storage driver that cannot limit a host's disk.
   */
  record Policy(boolean hardened, boolean seccomp, boolean allowUnboundedDisk) {
    static final Policy STANDARD = new Policy(true, true, false);

    /** The disk limit the engine can hold, or why a range cannot be made on it. */
    Disk disk(DockerEngine engine) {
      if (!hardened) {
        return Disk.UNBOUNDED;
      }
      DockerEngine.Storage storage = engine.storage();
      if (storage.limitsDisk()) {
        return Disk.LIMITED;
      }
      if (allowUnboundedDisk) {
        return Disk.UNBOUNDED;
      }
      throw new ProviderException(
          Status.UNAVAILABLE,
          "the Docker engine stores containers with the '"
              + storage.driver()
              + "' storage driver, which cannot limit a host's disk: one host could fill the disk of"
              + " every team; run scripts/setup.sh (it starts the engine on a btrfs store with"
              + " quotas) or set enshu.docker.allow-unbounded-disk=true to accept the risk");
    }
  }

  private DockerHardening() {}

  /** The configuration of hosts before hardening, for the benchmark's comparison only. */
  static HostConfig unhardened(PlannedHost host, String network) {
    HostConfig config =
        HostConfig.newHostConfig()
            .withNetworkMode(network)
            .withCapAdd(
                host.role() == HostRole.DOMAIN_CONTROLLER
                    ? new Capability[] {Capability.NET_ADMIN, Capability.SYS_ADMIN}
                    : new Capability[] {Capability.NET_ADMIN})
            .withMemory(host.memoryMb() * 1024L * 1024L)
            .withNanoCPUs((long) (host.cpus() * 1_000_000_000L))
            .withRestartPolicy(com.github.dockerjava.api.model.RestartPolicy.noRestart());
    if (host.role() == HostRole.FIREWALL) {
      config.withSysctls(Map.of("net.ipv4.ip_forward", "1"));
    }
    return config;
  }

  /** The capabilities of a role, added to none. */
  static List<Capability> capabilities(HostRole role) {
    List<Capability> caps = new ArrayList<>(BASE);
    switch (role) {
      // Routers filter, log and relay DHCP: they administer their own network namespace.
      case FIREWALL -> caps.addAll(List.of(Capability.NET_ADMIN, Capability.NET_RAW));
      // The DHCP server and client speak on raw sockets.
      case DHCP, WORKSTATION -> caps.add(Capability.NET_RAW);
      // Postfix runs its daemons in a chroot.
      case MAIL, SANITISER -> caps.add(Capability.SYS_CHROOT);
      default -> {}
    }
    return List.copyOf(caps);
  }

  /** MiB of writable disk a host of this role gets. */
  static long writableMb(HostRole role) {
    return switch (role) {
      case FILE_SERVER, DOMAIN_CONTROLLER, APP_SERVER, SOC -> WRITABLE_MB_DATA;
      default -> WRITABLE_MB;
    };
  }

  /**
   * The host configuration of a range container, on a network; {@code seccomp} false runs it
   * without the engine's seccomp filter, which the boundary must not depend on.
   */
  static HostConfig hostConfig(PlannedHost host, String network, Disk disk, boolean seccomp) {
    long memory = host.memoryMb() * 1024L * 1024L;
    Map<String, String> sysctls = new LinkedHashMap<>();
    sysctls.put("net.ipv6.conf.all.disable_ipv6", "1");
    sysctls.put("net.ipv6.conf.default.disable_ipv6", "1");
    if (host.role() == HostRole.FIREWALL) {
      sysctls.put("net.ipv4.ip_forward", "1");
    }
    if (host.role() == HostRole.CHECKER) {
      // the hidden checker answers nothing, not even a ping sweep of its segment
      sysctls.put("net.ipv4.icmp_echo_ignore_all", "1");
    }
    List<String> security = new ArrayList<>(List.of("no-new-privileges:true"));
    if (!seccomp) {
      security.add("seccomp=unconfined");
    }
    HostConfig config =
        HostConfig.newHostConfig()
            .withNetworkMode(network)
            .withCapDrop(Capability.ALL)
            .withCapAdd(capabilities(host.role()).toArray(Capability[]::new))
            .withSecurityOpts(security)
            .withPidsLimit(PIDS_PER_HOST)
            .withMemory(memory)
            .withMemorySwap(memory)
            .withNanoCPUs((long) (host.cpus() * 1_000_000_000L))
            .withSysctls(sysctls)
            .withLogConfig(
                new LogConfig(
                    LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "10m", "max-file", "2")))
            .withDns(resolvers(host))
            .withRestartPolicy(com.github.dockerjava.api.model.RestartPolicy.noRestart());
    if (disk == Disk.LIMITED) {
      config.withStorageOpt(Map.of("size", writableMb(host.role()) + "M"));
    }
    return config;
  }

  /**
   * The upstreams of the engine's embedded resolver inside the container: the range's own
   * resolvers, so that a query sent to it directly is answered inside the range and never forwarded
   * to the host machine's resolvers.
   */
  static List<String> resolvers(PlannedHost host) {
    List<String> own = new ArrayList<>(host.resolvers());
    if (own.isEmpty()) {
      own.add(host.address() == null ? "127.0.0.1" : host.address());
    }
    return own;
  }
}
