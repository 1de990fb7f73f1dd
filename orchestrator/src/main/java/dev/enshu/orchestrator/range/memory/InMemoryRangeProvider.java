package dev.enshu.orchestrator.range.memory;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ConsoleEndpoint;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeLabels;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider that keeps ranges in memory and answers every command with success at once. Its hosts
 * have the processes and files a test gives them ({@link #setProcesses}, {@link #putFile}) and no
 * others. For tests and the benchmarks only; it is never the product's default. Thread-safe.
 */
public final class InMemoryRangeProvider implements RangeProvider {
  private final Map<String, RangePlan> ranges = new ConcurrentHashMap<>();
  private final AtomicLong commands = new AtomicLong();
  private final AtomicLong returns = new AtomicLong();
  private final Set<String> stopped = ConcurrentHashMap.newKeySet();
  private final Map<HostRef, List<ProcessInfo>> processes = new ConcurrentHashMap<>();
  private final Map<HostRef, Map<String, byte[]>> files = new ConcurrentHashMap<>();
  private final Map<HostRef, Set<String>> snapshots = new ConcurrentHashMap<>();
  private volatile boolean away;

  @Override
  public String id() {
    return "memory";
  }

  @Override
  public Availability probe() {
    return away
        ? Availability.no("the in-memory engine is away")
        : Availability.yes("in-memory ranges (tests and benchmarks only)");
  }

  @Override
  public RangeHandle provision(RangePlan plan) {
    if (ranges.putIfAbsent(plan.rangeId(), plan) != null) {
      throw new ProviderException(
          Status.CONFLICT, "range " + plan.rangeId() + " already exists; destroy it first");
    }
    Map<String, String> hosts = new java.util.LinkedHashMap<>();
    plan.allHosts().forEach(h -> hosts.put(h.id(), plan.rangeId() + "/" + h.id()));
    return new RangeHandle(plan.rangeId(), id(), hosts, Duration.ZERO);
  }

  @Override
  public ExecResult exec(HostRef host, List<String> command, Duration timeout) {
    require(host);
    if (away) {
      throw new ProviderException(Status.UNAVAILABLE, "the in-memory engine is away");
    }
    commands.incrementAndGet();
    return new ExecResult(0, "", "", false, Duration.ZERO);
  }

  @Override
  public List<ProcessInfo> processes(HostRef host) {
    require(host);
    return processes.getOrDefault(host, List.of());
  }

  @Override
  public Optional<byte[]> readFile(HostRef host, String path, int maxBytes) {
    require(host);
    byte[] content = files.getOrDefault(host, Map.of()).get(path);
    return content == null
        ? Optional.empty()
        : Optional.of(Arrays.copyOf(content, Math.min(maxBytes, content.length)));
  }

  /** The files {@link #putFile} wrote below the directory; a directory exists once it has one. */
  @Override
  public Optional<List<String>> listFiles(HostRef host, String directory, int maxEntries) {
    require(host);
    String prefix = directory.endsWith("/") ? directory : directory + "/";
    List<String> below =
        files.getOrDefault(host, Map.of()).keySet().stream()
            .filter(path -> path.startsWith(prefix))
            .map(path -> path.substring(prefix.length()))
            .sorted()
            .toList();
    return below.isEmpty() ? Optional.empty() : Optional.of(below);
  }

  /** Gives a host these processes, in place of those it had. */
  public void setProcesses(HostRef host, List<ProcessInfo> list) {
    require(host);
    processes.put(host, List.copyOf(list));
  }

  /** Writes a file of a host. */
  public void putFile(HostRef host, String path, byte[] content) {
    require(host);
    files.computeIfAbsent(host, h -> new ConcurrentHashMap<>()).put(path, content.clone());
  }

  @Override
  public ConsoleEndpoint console(HostRef host) {
    require(host);
    String target = host.rangeId() + "/" + host.hostId();
    return new ConsoleEndpoint.Terminal(id(), target, new EchoTerminal(target));
  }

  @Override
  public void snapshot(HostRef host, String name) {
    require(host);
    snapshots.computeIfAbsent(host, h -> ConcurrentHashMap.newKeySet()).add(name);
  }

  /** Keeps the host's processes and files: only the snapshot's name is checked. */
  @Override
  public void revert(HostRef host, String name) {
    require(host);
    if (!PROVISIONED.equals(name) && !snapshots.getOrDefault(host, Set.of()).contains(name)) {
      throw new ProviderException(Status.NOT_FOUND, host + " has no snapshot '" + name + "'");
    }
  }

  @Override
  public void destroy(String rangeId) {
    ranges.remove(rangeId);
    stopped.remove(rangeId);
    processes.keySet().removeIf(h -> h.rangeId().equals(rangeId));
    files.keySet().removeIf(h -> h.rangeId().equals(rangeId));
    snapshots.keySet().removeIf(h -> h.rangeId().equals(rangeId));
  }

  @Override
  public List<ProviderResource> list() {
    List<ProviderResource> out = new ArrayList<>();
    ranges.forEach(
        (rangeId, plan) -> {
          for (PlannedHost host : plan.hosts()) {
            out.add(
                new ProviderResource(
                    "host",
                    rangeId + "/" + host.id(),
                    host.id(),
                    rangeId,
                    RangeLabels.of(plan, host)));
          }
        });
    return out;
  }

  /**
   * As an engine that stops answering ({@code true}) and answers again ({@code false}): while away,
   * the probe says so and commands fail as unavailable; the ranges stay.
   */
  public void setEngineAway(boolean away) {
    this.away = away;
  }

  /**
   * As an engine restarted without live restore: every range's hosts stop, and the engine counts as
   * returned.
   */
  public void restartEngine() {
    stopped.addAll(ranges.keySet());
    returns.incrementAndGet();
  }

  @Override
  public long engineReturns() {
    return returns.get();
  }

  @Override
  public List<String> restartStopped(String rangeId) {
    RangePlan plan = ranges.get(rangeId);
    if (plan == null || !stopped.remove(rangeId)) {
      return List.of();
    }
    return plan.allHosts().stream().map(PlannedHost::id).toList();
  }

  /** How many commands were run, for benchmarks. */
  public long commandsRun() {
    return commands.get();
  }

  private void require(HostRef host) {
    RangePlan plan = ranges.get(host.rangeId());
    if (plan == null || plan.host(host.hostId()).isEmpty()) {
      throw new ProviderException(Status.NOT_FOUND, "no " + host);
    }
  }
}
