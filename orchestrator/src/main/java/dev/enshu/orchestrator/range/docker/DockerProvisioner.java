package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.HostEnvironment;
import dev.enshu.orchestrator.range.HostGuard;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.PlannedHost.PlannedInterface;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeLabels;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangePlan.PlannedSegment;
import dev.enshu.template.Cidr;
import dev.enshu.template.HostRole;
import dev.enshu.template.Ipv4;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Creates a range on the Docker engine: one internal network per segment (no route out, the first
 * address kept by the engine), one container per host with the plan's addresses, started in
 * dependency order (routers and the SOC first, terminals last), then waits until every host says it
 * is ready. With a parallelism of one it does each host completely before the next, which is the
 * baseline the benchmark compares with.
 */
final class DockerProvisioner {
  /** Label with the image a container was created from, for reverting it. */
  static final String IMAGE_LABEL = "enshu.image";

  /**
   * The host's secrets (base64 of their shell file), kept with the container for a revert to the
   * provisioned state, which starts the role image afresh. Labels are read through the engine's API
   * only, never from inside the container; the inventory leaves this one out.
   */
  static final String SECRETS_LABEL = "enshu.secrets";

  private final DockerEngine engine;
  private final DockerReadiness readiness;
  private final int parallelism;
  private final DockerHardening.Policy policy;

  DockerProvisioner(
      DockerEngine engine,
      DockerReadiness readiness,
      int parallelism,
      DockerHardening.Policy policy) {
    this.engine = engine;
    this.readiness = readiness;
    this.parallelism = parallelism;
    this.policy = policy;
  }

  /** Creates everything and returns container ids by host id; cleans nothing up on failure. */
  Map<String, String> provision(RangePlan plan) {
    DockerClient client = engine.client();
    DockerHardening.Disk disk = policy.disk(engine);
    Map<String, String> networks = new LinkedHashMap<>();
    for (PlannedSegment segment : plan.segments()) {
      networks.put(segment.id(), createNetwork(client, plan, segment));
    }
    // Creating networks makes the engine put its own jumps first in FORWARD again, and gives the
    // new bridges IPv6: the guard goes back in front before any host starts.
    HostGuard.local().ensure();
    List<PlannedHost> ordered =
        plan.allHosts().stream()
            .sorted(Comparator.comparingInt(DockerProvisioner::startOrder))
            .toList();
    Map<String, String> containers = new LinkedHashMap<>();
    if (parallelism <= 1) {
      for (PlannedHost host : ordered) {
        String id = createAndStart(client, plan, host, networks, disk);
        containers.put(host.id(), id);
        readiness.await(plan.rangeId(), host, id);
      }
      return containers;
    }
    for (PlannedHost host : ordered) {
      containers.put(host.id(), createAndStart(client, plan, host, networks, disk));
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<?>> waits = new ArrayList<>();
      for (PlannedHost host : ordered) {
        waits.add(
            pool.submit(() -> readiness.await(plan.rangeId(), host, containers.get(host.id()))));
      }
      for (Future<?> wait : waits) {
        join(wait);
      }
    } finally {
      pool.shutdownNow();
    }
    return containers;
  }

  private static void join(Future<?> wait) {
    try {
      wait.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ProviderException(Status.INTERNAL, e.getCause().toString(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(Status.INTERNAL, "interrupted while waiting for hosts");
    }
  }

  /**
   * Routers first (nothing routes without them), then the collector and name services, terminals
   * last.
   */
  static int startOrder(PlannedHost host) {
    return startOrder(host.role());
  }

  /** The start order of a container by its role label; an unknown role starts with the servers. */
  static int startOrder(String role) {
    return HostRole.byId(role).map(DockerProvisioner::startOrder).orElse(3);
  }

  static int startOrder(HostRole role) {
    return switch (role) {
      case FIREWALL -> 0;
      case SOC -> 1;
      case DNS, DHCP -> 2;
      case WORKSTATION, CHECKER -> 4;
      default -> 3;
    };
  }

  private String createNetwork(DockerClient client, RangePlan plan, PlannedSegment segment) {
    Cidr cidr = Cidr.parse(segment.cidr());
    Map<String, String> labels = new LinkedHashMap<>(RangeLabels.of(plan));
    labels.put(RangeLabels.SEGMENT, segment.id());
    try {
      return client
          .createNetworkCmd()
          .withName(DockerNames.network(plan.rangeId(), segment.id()))
          .withDriver("bridge")
          .withInternal(true)
          .withCheckDuplicate(true)
          .withEnableIpv6(false)
          .withLabels(labels)
          .withOptions(
              Map.of(
                  "com.docker.network.bridge.enable_ip_masquerade",
                  "false",
                  "com.docker.network.bridge.name",
                  DockerNames.bridge(plan.rangeId(), segment.id())))
          .withIpam(
              new Network.Ipam()
                  .withConfig(
                      new Network.Ipam.Config()
                          .withSubnet(segment.cidr())
                          .withGateway(Ipv4.format(cidr.first() + 1))))
          .exec()
          .getId();
    } catch (RuntimeException e) {
      throw new ProviderException(
          Status.INTERNAL,
          "range "
              + plan.rangeId()
              + ": creating network for segment '"
              + segment.id()
              + "' ("
              + segment.cidr()
              + ") failed: "
              + DockerEngine.rootMessage(e),
          e);
    }
  }

  /** Creates, attaches and starts one host's container. */
  String createAndStart(
      DockerClient client,
      RangePlan plan,
      PlannedHost host,
      Map<String, String> networks,
      DockerHardening.Disk disk) {
    String step = "create";
    String id = null;
    try {
      id = create(client, plan, host, networks, DockerImages.imageOfHost(host.role()), disk);
      step = "start";
      client.startContainerCmd(id).exec();
      if (policy.hardened()) {
        step = "routes";
        OutsideNetwork.apply(client, id, host.id(), engine.local());
      }
      return id;
    } catch (RuntimeException e) {
      throw new ProviderException(
          Status.INTERNAL,
          "host '"
              + host.id()
              + "' in range "
              + plan.rangeId()
              + " failed at step "
              + step
              + ": "
              + DockerEngine.rootMessage(e)
              + (id == null ? "" : DockerReadiness.describeState(client, id)),
          e);
    }
  }

  String create(
      DockerClient client,
      RangePlan plan,
      PlannedHost host,
      Map<String, String> networks,
      String image,
      DockerHardening.Disk disk) {
    PlannedInterface first = host.interfaces().get(0);
    Map<String, String> labels = new LinkedHashMap<>(RangeLabels.of(plan, host));
    labels.put(IMAGE_LABEL, DockerImages.imageOfHost(host.role()));
    Map<String, String> secrets = HostEnvironment.secrets(plan, host);
    String secretsFile = HostEnvironment.shellFile(secrets);
    if (!secrets.isEmpty()) {
      labels.put(
          SECRETS_LABEL,
          java.util.Base64.getEncoder()
              .encodeToString(secretsFile.getBytes(StandardCharsets.UTF_8)));
    }
    List<String> env =
        new ArrayList<>(
            HostEnvironment.of(plan, host).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList());
    if (policy.hardened() && !OutsideNetwork.setsOwnRoutes(host.role().id())) {
      env.add(OutsideNetwork.ROUTES_FROM_OUTSIDE + "=1");
    }
    String network = networks.get(first.segment());
    HostConfig config =
        policy.hardened()
            ? DockerHardening.hostConfig(host, network, disk, policy.seccomp())
            : DockerHardening.unhardened(host, network);
    var create =
        client
            .createContainerCmd(image)
            .withName(DockerNames.container(plan.rangeId(), host.id()))
            .withHostName(host.id())
            .withDomainName(plan.domain())
            .withLabels(labels)
            .withEnv(env)
            .withHostConfig(config)
            .withIpv4Address(first.address())
            .withStopTimeout(2);
    CreateContainerResponse created = create.exec();
    if (!secrets.isEmpty()) {
      putSecrets(client, created.getId(), secretsFile);
    }
    for (PlannedInterface nic : host.interfaces().subList(1, host.interfaces().size())) {
      client
          .connectToNetworkCmd()
          .withContainerId(created.getId())
          .withNetworkId(networks.get(nic.segment()))
          .withContainerNetwork(
              new ContainerNetwork()
                  .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(nic.address())))
          .exec();
    }
    return created.getId();
  }

  /**
   * Puts the host's secrets in {@link HostEnvironment#SECRETS_FILE}, readable by root only, before
   * the container first starts: its role script reads them once and removes the file, so they are
   * in no environment and in no file of the running host.
   */
  static void putSecrets(DockerClient client, String container, String secretsFile) {
    byte[] content = secretsFile.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(archive)) {
      TarArchiveEntry entry = new TarArchiveEntry(HostEnvironment.SECRETS_FILE.substring(1));
      entry.setMode(0100600);
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client
        .copyArchiveToContainerCmd(container)
        .withTarInputStream(new ByteArrayInputStream(archive.toByteArray()))
        .withRemotePath("/")
        .exec();
  }

  /** The networks a container is attached to, by network id, with its address on each. */
  static Map<String, String> addresses(InspectContainerResponse container) {
    Map<String, String> out = new LinkedHashMap<>();
    container
        .getNetworkSettings()
        .getNetworks()
        .forEach((name, network) -> out.put(network.getNetworkID(), network.getIpAddress()));
    return out;
  }

  static Duration readyTimeout(String role) {
    return role.equals("domain-controller") ? Duration.ofSeconds(180) : Duration.ofSeconds(90);
  }
}
