package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeLabels;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshot and revert of a host. A snapshot is the container's file system committed as an image
 * (labelled with the range, so destroy removes it). Revert replaces the container by a new one with
 * the same name, settings, networks and addresses, from the snapshot or, for the provisioned state,
 * from the role's image; it is rebuilt from the running container itself, so it also works for
 * ranges adopted after a restart.
 */
final class DockerReset {
  private final DockerEngine engine;
  private final DockerReadiness readiness;

  private final boolean routesFromOutside;

  DockerReset(DockerEngine engine, DockerReadiness readiness, boolean routesFromOutside) {
    this.engine = engine;
    this.readiness = readiness;
    this.routesFromOutside = routesFromOutside;
  }

  void snapshot(HostRef host, String name) {
    DockerClient client = engine.client();
    InspectContainerResponse container = inspect(client, host);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(RangeLabels.MANAGED, "true");
    labels.put(RangeLabels.RANGE, host.rangeId());
    labels.put(RangeLabels.HOST, host.hostId());
    client
        .commitCmd(container.getId())
        .withRepository(DockerNames.snapshotRepository(host.rangeId(), host.hostId()))
        .withTag(tag(name))
        .withLabels(labels)
        .withPause(true)
        .exec();
  }

  void revert(HostRef host, String name) {
    DockerClient client = engine.client();
    InspectContainerResponse old = inspect(client, host);
    Map<String, String> labels = old.getConfig().getLabels();
    String image =
        RangeProvider.PROVISIONED.equals(name)
            ? labels.get(DockerProvisioner.IMAGE_LABEL)
            : DockerNames.snapshotRepository(host.rangeId(), host.hostId()) + ":" + tag(name);
    if (!RangeProvider.PROVISIONED.equals(name)) {
      try {
        client.inspectImageCmd(image).exec();
      } catch (NotFoundException e) {
        throw new ProviderException(Status.NOT_FOUND, host + " has no snapshot '" + name + "'");
      }
    }
    Map<String, ContainerNetwork> networks =
        new LinkedHashMap<>(old.getNetworkSettings().getNetworks());
    String primary = old.getHostConfig().getNetworkMode();
    client.removeContainerCmd(old.getId()).withForce(true).exec();
    CreateContainerCmd create =
        client
            .createContainerCmd(image)
            .withName(DockerNames.container(host.rangeId(), host.hostId()))
            .withHostName(old.getConfig().getHostName())
            .withDomainName(old.getConfig().getDomainName())
            .withLabels(labels)
            .withEnv(old.getConfig().getEnv())
            .withHostConfig(old.getHostConfig())
            .withStopTimeout(2);
    List<Map.Entry<String, ContainerNetwork>> others = new ArrayList<>();
    for (Map.Entry<String, ContainerNetwork> entry : networks.entrySet()) {
      ContainerNetwork network = entry.getValue();
      if (entry.getKey().equals(primary) || network.getNetworkID().equals(primary)) {
        create.withIpv4Address(network.getIpAddress());
      } else {
        others.add(entry);
      }
    }
    String id = create.exec().getId();
    String secrets = labels.get(DockerProvisioner.SECRETS_LABEL);
    if (secrets != null && RangeProvider.PROVISIONED.equals(name)) {
      // the role image starts afresh: its accounts need their passwords again
      DockerProvisioner.putSecrets(
          client,
          id,
          new String(
              java.util.Base64.getDecoder().decode(secrets),
              java.nio.charset.StandardCharsets.UTF_8));
    }
    for (Map.Entry<String, ContainerNetwork> entry : others) {
      client
          .connectToNetworkCmd()
          .withContainerId(id)
          .withNetworkId(entry.getValue().getNetworkID())
          .withContainerNetwork(
              new ContainerNetwork()
                  .withIpamConfig(
                      new ContainerNetwork.Ipam().withIpv4Address(entry.getValue().getIpAddress())))
          .exec();
    }
    client.startContainerCmd(id).exec();
    if (routesFromOutside) {
      OutsideNetwork.apply(client, id, host.hostId(), engine.local());
    }
    readiness.await(
        host.rangeId(), host.hostId(), labels.getOrDefault(RangeLabels.ROLE, "host"), id);
  }

  private static InspectContainerResponse inspect(DockerClient client, HostRef host) {
    try {
      return client
          .inspectContainerCmd(DockerNames.container(host.rangeId(), host.hostId()))
          .exec();
    } catch (NotFoundException e) {
      throw new ProviderException(Status.NOT_FOUND, "no " + host);
    }
  }

  /** Docker tags allow letters, digits, '_', '.', '-'. */
  private static String tag(String name) {
    String tag = name.replaceAll("[^A-Za-z0-9_.-]", "_");
    return tag.isEmpty() ? "snapshot" : tag;
  }
}
