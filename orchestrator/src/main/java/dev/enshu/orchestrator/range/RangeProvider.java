package dev.enshu.orchestrator.range;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Makes range plans real on one kind of infrastructure (containers, virtual machines) and reaches
 * their hosts only through its own control channel, never by routing into range addresses.
 *
 * <p>Every resource a provider creates carries the exercise, team, range and host ids, so that a
 * restarted orchestrator can find it with {@link #list()} and adopt or remove it. Implementations
 * are thread-safe: ranges of different teams are provisioned, used and destroyed concurrently.
 * Failures are {@link ProviderException}s naming the range, host and step.
 */
public interface RangeProvider {

  /** A short id, such as {@code docker}. */
  String id();

  /** Whether the provider can work here now, and if not, why. Never throws; does not block long. */
  Availability probe();

  /**
   * Creates the range of {@code plan} and blocks until every host is ready (its role's service
   * answers inside the range). On failure nothing of the range is left behind and the exception
   * names the host, the step, and what the host said. Provisioning a range that exists fails.
   */
  RangeHandle provision(RangePlan plan);

  /**
   * Runs {@code command} on a host and waits for it, at most {@code timeout}; the result of a
   * command that did not finish in time says so. Blocks; safe to call concurrently.
   */
  ExecResult exec(HostRef host, List<String> command, Duration timeout);

  /**
   * The host's processes as the engine sees them from outside the host: no program inside the host
   * is run or asked, so nothing the host's root changes in it (its {@code ps}, its {@code PATH})
   * alters the answer, and nothing of the caller's appears on the host's command lines. Blocks
   * briefly; safe to call concurrently. Fails with a {@link ProviderException} when the host is not
   * running, or when this provider has no view of a host's processes from outside (then a check
   * must run inside the host instead, where its root can fake it).
   */
  List<ProcessInfo> processes(HostRef host);

  /**
   * The first {@code maxBytes} bytes of a regular file of the host, read by the engine from outside
   * the host (symbolic links are followed within the host's file system), or empty when there is no
   * such file. Like {@link #processes}, it asks no program the host's root controls, unless the
   * provider's Javadoc says otherwise. Blocks briefly; safe to call concurrently.
   */
  Optional<byte[]> readFile(HostRef host, String path, int maxBytes);

  /**
   * The regular files below a directory of the host, as paths relative to it, read by the engine
   * from outside the host as {@link #readFile} is; empty when there is no such directory. Fails
   * with a {@link ProviderException} rather than give part of a tree of more than {@code
   * maxEntries} entries, or when this provider cannot list a host's files from outside.
   */
  Optional<List<String>> listFiles(HostRef host, String directory, int maxEntries);

  /**
   * How a console reaches the host: for most hosts a {@link ConsoleEndpoint.Terminal} whose
   * transport the provider implements. May name the console without checking that the host exists
   * (opening it then fails). Blocks briefly; safe to call concurrently.
   */
  ConsoleEndpoint console(HostRef host);

  /**
   * The host's graphical display beside its console (a VM has a serial console and a VNC display),
   * or empty when this provider's hosts have none. Fails with a {@link ProviderException} when the
   * host should have one and does not. Blocks briefly; safe to call concurrently.
   */
  default Optional<ConsoleEndpoint.Vnc> display(HostRef host) {
    return Optional.empty();
  }

  /** Keeps the host's current state under {@code name}, replacing an older one of that name. */
  void snapshot(HostRef host, String name);

  /**
   * Puts the host back into the state kept under {@code name}, or into its provisioned state for
   * {@link #PROVISIONED}, and blocks until it is ready again.
   */
  void revert(HostRef host, String name);

  /** Removes everything of the range. Idempotent: destroying a missing range does nothing. */
  void destroy(String rangeId);

  /** Every resource this provider owns, found by its labels. */
  List<ProviderResource> list();

  /**
   * How many times this provider has seen its engine go away and answer again since it was created
   * (a daemon restarted, its connection lost and reopened): when the count changes, the ranges it
   * holds are checked with {@link #restartStopped}. Never blocks long; 0 for a provider without an
   * engine of its own.
   */
  default long engineReturns() {
    return 0;
  }

  /**
   * Starts again the hosts of a range that stopped with their engine (an engine restarted without
   * keeping its workloads alive stops them all), in the order provisioning starts them, each given
   * what provisioning gave it from outside and awaited until ready; returns the ids of the hosts
   * started. Hosts still running are left as they are; their processes and files are kept.
   */
  default List<String> restartStopped(String rangeId) {
    return List.of();
  }

  /** The state every host has right after provisioning; needs no snapshot. */
  String PROVISIONED = "provisioned";

  /** Whether a provider can work, with the reason when it cannot. */
  record Availability(boolean available, String detail) {
    public static Availability yes(String detail) {
      return new Availability(true, detail);
    }

    public static Availability no(String reason) {
      return new Availability(false, reason);
    }
  }

  /** A host of a range. */
  record HostRef(String rangeId, String hostId) {
    @Override
    public String toString() {
      return "host '" + hostId + "' of range " + rangeId;
    }
  }

  /** A provisioned range: its hosts' native ids and how long it took. */
  record RangeHandle(
      String rangeId, String provider, java.util.Map<String, String> hosts, Duration took) {}

  /** The outcome of a command. {@code exitCode} is -1 when it timed out. */
  record ExecResult(int exitCode, String stdout, String stderr, boolean timedOut, Duration took) {
    public boolean succeeded() {
      return !timedOut && exitCode == 0;
    }
  }

  /**
   * A process of a host as the engine sees it. {@code user} is the numeric user id as the engine
   * reports it; {@code name} is the kernel's short name of the process (at most 15 characters: the
   * executable's or script's file name, unless the process renamed itself); {@code commandLine} is
   * its arguments joined by spaces.
   */
  record ProcessInfo(long pid, String user, String name, String commandLine) {}

  /**
   * A resource the provider owns. {@code kind} is {@code container}, {@code network}, {@code
   * image}, {@code domain}, {@code volume}...
   */
  record ProviderResource(
      String kind, String id, String name, String rangeId, java.util.Map<String, String> labels) {}
}
