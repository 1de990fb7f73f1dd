package dev.enshu.orchestrator.range.docker;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ConsoleEndpoint;
import dev.enshu.orchestrator.range.HostGuard;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Docker provider: ranges of containers on internal networks, reached through Docker exec. Each
 * operation is its own class; this one wires them and keeps the SPI's contract (clean-up on failed
 * provisioning, idempotent destroy).
 */
public final class DockerRangeProvider implements RangeProvider {
  private final DockerEngine engine;
  private final DockerImages images;
  private final DockerExec exec;
  private final DockerProvisioner provisioner;
  private final DockerReset reset;
  private final DockerInventory inventory;
  private final DockerObservation observation;
  private final DockerRestart restart;
  private final DockerReturns returns;

  private final Clock clock;
  private final int parallelism;
  private final DockerHardening.Policy policy;

  private DockerRangeProvider(
      DockerEngine engine, Clock clock, int parallelism, DockerHardening.Policy policy) {
    this.engine = engine;
    this.clock = clock;
    this.parallelism = parallelism;
    this.policy = policy;
    this.images = new DockerImages(engine);
    this.exec = new DockerExec(engine);
    DockerReadiness readiness = new DockerReadiness(engine, exec, clock);
    this.provisioner = new DockerProvisioner(engine, readiness, parallelism, policy);
    this.reset = new DockerReset(engine, readiness, policy.hardened());
    this.inventory = new DockerInventory(engine);
    this.observation = new DockerObservation(engine);
    this.restart = new DockerRestart(engine, readiness, policy.hardened());
    this.returns = new DockerReturns(engine);
  }

  /**
   * A provider that starts a range's hosts together and waits for up to {@code parallelism} at a
   * time.
   */
  public DockerRangeProvider(DockerEngine engine, Clock clock, int parallelism) {
    this(engine, clock, parallelism, DockerHardening.Policy.STANDARD);
  }

  public DockerRangeProvider(DockerEngine engine, Clock clock) {
    this(engine, clock, 8);
  }

  /**
   * This provider, but running ranges on a storage driver that cannot limit a host's disk (every
   * host can then fill the engine's disk).
   */
  public DockerRangeProvider allowingUnboundedDisk() {
    return new DockerRangeProvider(
        engine,
        clock,
        parallelism,
        new DockerHardening.Policy(policy.hardened(), policy.seccomp(), true));
  }

  /**
   * This provider, but without the engine's seccomp filter on range hosts: the boundary must hold
   * on engines that have none, and this is how tests show it does.
   */
  public DockerRangeProvider withoutEngineSeccomp() {
    return new DockerRangeProvider(
        engine,
        clock,
        parallelism,
        new DockerHardening.Policy(policy.hardened(), false, policy.allowUnboundedDisk()));
  }

  /** This provider with hosts configured as before hardening, for the benchmark's comparison. */
  public DockerRangeProvider unhardenedForBenchmark() {
    return new DockerRangeProvider(
        engine, clock, parallelism, new DockerHardening.Policy(false, true, true));
  }

  @Override
  public String id() {
    return "docker";
  }

  @Override
  public Availability probe() {
    Availability engineState = engine.availability();
    if (!engineState.available()) {
      return engineState;
    }
    List<String> missing = images.missing();
    if (!missing.isEmpty()) {
      return Availability.no(
          engineState.detail()
              + ", but images are missing or out of date: "
              + missing
              + "; build them with ./enshu images");
    }
    return engineState;
  }

  @Override
  public RangeHandle provision(RangePlan plan) {
    long start = System.nanoTime();
    List<String> missing = images.missing();
    if (!missing.isEmpty()) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "cannot provision range "
              + plan.rangeId()
              + ": images missing or out of date "
              + missing
              + "; build them with ./enshu images");
    }
    boolean exists = inventory.list().stream().anyMatch(r -> plan.rangeId().equals(r.rangeId()));
    if (exists) {
      throw new ProviderException(
          Status.CONFLICT, "range " + plan.rangeId() + " already exists; destroy it first");
    }
    HostGuard.local().ensure();
    try {
      Map<String, String> containers = provisioner.provision(plan);
      return new RangeHandle(
          plan.rangeId(),
          id(),
          Map.copyOf(containers),
          Duration.ofNanos(System.nanoTime() - start));
    } catch (RuntimeException e) {
      try {
        inventory.destroy(plan.rangeId());
      } catch (RuntimeException cleanup) {
        // the engine went away: the server removes what is left once it answers again
        ProviderException unfinished =
            new ProviderException(
                Status.UNAVAILABLE,
                e.getMessage()
                    + "; what was created could not be removed yet ("
                    + DockerEngine.rootMessage(cleanup)
                    + "): it is removed when the engine answers again",
                e);
        unfinished.addSuppressed(cleanup);
        throw unfinished;
      }
      throw e;
    }
  }

  @Override
  public ExecResult exec(HostRef host, List<String> command, Duration timeout) {
    return exec.run(DockerNames.container(host.rangeId(), host.hostId()), command, timeout);
  }

  /** Through the engine's top API: the engine runs {@code ps}, outside the container. */
  @Override
  public List<ProcessInfo> processes(HostRef host) {
    return observation.processes(DockerNames.container(host.rangeId(), host.hostId()));
  }

  /** Through the engine's archive API: the engine copies the file out of the container. */
  @Override
  public Optional<byte[]> readFile(HostRef host, String path, int maxBytes) {
    return observation.readFile(
        DockerNames.container(host.rangeId(), host.hostId()), path, maxBytes);
  }

  /** Through the engine's archive API, as {@link #readFile}. */
  @Override
  public Optional<List<String>> listFiles(HostRef host, String directory, int maxEntries) {
    return observation.listFiles(
        DockerNames.container(host.rangeId(), host.hostId()), directory, maxEntries);
  }

  /** A terminal running bash in the host's container through Docker exec with a TTY. */
  @Override
  public ConsoleEndpoint console(HostRef host) {
    String container = DockerNames.container(host.rangeId(), host.hostId());
    return new ConsoleEndpoint.Terminal(
        id(), container, new DockerTerminal(engine, container, "/bin/bash"));
  }

  @Override
  public void snapshot(HostRef host, String name) {
    reset.snapshot(host, name);
  }

  @Override
  public void revert(HostRef host, String name) {
    reset.revert(host, name);
  }

  @Override
  public void destroy(String rangeId) {
    inventory.destroy(rangeId);
  }

  @Override
  public List<ProviderResource> list() {
    return inventory.list();
  }

  /** Counted from the engine's event stream, which ends when the engine stops. */
  @Override
  public long engineReturns() {
    return returns.count();
  }

  @Override
  public List<String> restartStopped(String rangeId) {
    return restart.restartStopped(rangeId);
  }

  /** The host bridge of a range's segment (see {@link dev.enshu.orchestrator.range.HostGuard}). */
  public static String bridge(String rangeId, String segmentId) {
    return DockerNames.bridge(rangeId, segmentId);
  }

  /** The image builder of this provider's engine. */
  public DockerImages images() {
    return images;
  }
}
