package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeLabels;
import dev.enshu.orchestrator.range.RangeProvider.ProviderResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finds what the provider owns by its labels, and removes a range's part of it: containers first,
 * then networks, then host snapshots. Removing what is already gone is not an error.
 */
final class DockerInventory {
  private final DockerEngine engine;

  DockerInventory(DockerEngine engine) {
    this.engine = engine;
  }

  List<ProviderResource> list() {
    DockerClient client = engine.client();
    List<ProviderResource> out = new ArrayList<>();
    for (Container c : containers(client, null)) {
      String name =
          c.getNames() == null || c.getNames().length == 0
              ? c.getId()
              : c.getNames()[0].replaceFirst("^/", "");
      Map<String, String> labels = new java.util.TreeMap<>(c.getLabels());
      labels.remove(DockerProvisioner.SECRETS_LABEL);
      if (c.getState() != null) {
        labels.put(RangeLabels.STATE, c.getState());
      }
      out.add(
          new ProviderResource(
              "container", c.getId(), name, c.getLabels().get(RangeLabels.RANGE), labels));
    }
    for (Network n : networks(client, null)) {
      out.add(
          new ProviderResource(
              "network",
              n.getId(),
              n.getName(),
              n.getLabels().get(RangeLabels.RANGE),
              n.getLabels()));
    }
    for (Image i : snapshots(client, null)) {
      out.add(
          new ProviderResource(
              "image",
              i.getId(),
              i.getRepoTags() == null ? i.getId() : String.join(",", i.getRepoTags()),
              i.getLabels().get(RangeLabels.RANGE),
              i.getLabels()));
    }
    return out;
  }

  void destroy(String rangeId) {
    DockerClient client = engine.client();
    List<Container> containers = containers(client, rangeId);
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Math.min(8, containers.size())));
    try {
      List<Future<?>> removals = new ArrayList<>();
      for (Container c : containers) {
        removals.add(
            pool.submit(
                () ->
                    ignoreMissing(
                        () ->
                            client
                                .removeContainerCmd(c.getId())
                                .withForce(true)
                                .withRemoveVolumes(true)
                                .exec())));
      }
      for (Future<?> removal : removals) {
        removal.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new ProviderException(
          Status.INTERNAL,
          "removing the containers of range " + rangeId + " failed: " + DockerEngine.rootMessage(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(Status.INTERNAL, "interrupted while removing range " + rangeId);
    } finally {
      pool.shutdownNow();
    }
    for (Network n : networks(client, rangeId)) {
      ignoreMissing(() -> client.removeNetworkCmd(n.getId()).exec());
    }
    for (Image i : snapshots(client, rangeId)) {
      ignoreMissing(() -> client.removeImageCmd(i.getId()).withForce(true).exec());
    }
  }

  private static List<Container> containers(DockerClient client, String rangeId) {
    return client.listContainersCmd().withShowAll(true).withLabelFilter(filter(rangeId)).exec();
  }

  private static List<Network> networks(DockerClient client, String rangeId) {
    List<String> labels =
        filter(rangeId).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    return client.listNetworksCmd().withFilter("label", labels).exec();
  }

  private static List<Image> snapshots(DockerClient client, String rangeId) {
    return client.listImagesCmd().withLabelFilter(filter(rangeId)).exec();
  }

  private static Map<String, String> filter(String rangeId) {
    return rangeId == null
        ? Map.of(RangeLabels.MANAGED, "true")
        : Map.of(RangeLabels.MANAGED, "true", RangeLabels.RANGE, rangeId);
  }

  private static void ignoreMissing(Runnable action) {
    try {
      action.run();
    } catch (NotFoundException e) {
      // already gone: destroy is idempotent
    }
  }
}
