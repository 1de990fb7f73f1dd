package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeProvider.Availability;
import java.io.IOException;
import java.time.Duration;

/**
 * Owns the connection to the Docker engine: opens it, checks its health, and closes it. The one
 * place a Docker client is made. Thread-safe.
 */
public final class DockerEngine implements AutoCloseable {
  /** Where the engine listens unless configured otherwise. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private static final String HOW_TO_START =
      "start it with scripts/setup.sh (as root: installs docker.io and starts containerd and dockerd)";

  private final String host;
  private final DockerClient client;

  private DockerEngine(String host, DockerClient client) {
    this.host = host;
    this.client = client;
  }

  /** A connection to the engine at {@code host}; nothing is sent until it is used. */
  public static DockerEngine connect(String host) {
    DockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
    DockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .maxConnections(200)
            .connectionTimeout(Duration.ofSeconds(10))
            .responseTimeout(Duration.ofMinutes(15))
            .build();
    return new DockerEngine(host, DockerClientImpl.getInstance(config, http));
  }

  public static DockerEngine connectDefault() {
    String configured = System.getenv("DOCKER_HOST");
    return connect(configured == null || configured.isBlank() ? DEFAULT_HOST : configured);
  }

  /** The client, after checking that the engine answers. */
  public DockerClient client() {
    Availability availability = availability();
    if (!availability.available()) {
      throw new ProviderException(Status.UNAVAILABLE, availability.detail());
    }
    return client;
  }

  /** The client without a health check, for calls right after another. */
  DockerClient unchecked() {
    return client;
  }

  /** Whether the engine answers, with its version, or why not and how to start it. */
  public Availability availability() {
    try {
      client.pingCmd().exec();
      Version version = client.versionCmd().exec();
      return Availability.yes(
          "Docker engine "
              + version.getVersion()
              + " (API "
              + version.getApiVersion()
              + ") at "
              + host);
    } catch (RuntimeException e) {
      return Availability.no(
          "no Docker engine answers at " + host + " (" + rootMessage(e) + "); " + HOW_TO_START);
    }
  }

  /** Whether the engine runs on this machine (its socket is a local file). */
  public boolean local() {
    return host.startsWith("unix://");
  }

  /**
   * The engine's storage driver, and whether it holds a size limit per container: btrfs (with
   * quotas, which scripts/setup-docker.sh turns on in their simple form) and zfs do; overlay2 needs
   * xfs project quotas, which this kernel lacks.
   */
  public record Storage(String driver, boolean limitsDisk) {}

  /** What the engine stores containers on; asked once per call. */
  public Storage storage() {
    String driver = client().infoCmd().exec().getDriver();
    String name = driver == null ? "unknown" : driver;
    return new Storage(name, name.equals("btrfs") || name.equals("zfs"));
  }

  /**
   * The IPv4 subnets of every network on the engine, Enshu's or not: an address block that overlaps
   * one cannot be given to a range ("Pool overlaps with other one on this address space").
   */
  public java.util.List<dev.enshu.template.Cidr> subnetsInUse() {
    java.util.List<dev.enshu.template.Cidr> subnets = new java.util.ArrayList<>();
    for (com.github.dockerjava.api.model.Network network : client().listNetworksCmd().exec()) {
      if (network.getIpam() == null || network.getIpam().getConfig() == null) {
        continue;
      }
      for (var config : network.getIpam().getConfig()) {
        String subnet = config.getSubnet();
        if (subnet != null && !subnet.contains(":")) {
          subnets.add(dev.enshu.template.Cidr.parse(subnet));
        }
      }
    }
    return subnets;
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      // closing a connection pool that is going away; nothing is lost
    }
  }
}
