package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.enshu.orchestrator.range.RangeLabels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Starts again the containers of a range that stopped with the engine, in provisioning's order
 * (routers first), each given its routes from outside again (a new start gives the container a new
 * network namespace) and awaited until its role's service answers, as at provisioning. The
 * container's file system is kept, and its secrets are not put back: accounts keep the passwords
 * the team gave them.
 */
final class DockerRestart {
  private final DockerEngine engine;
  private final DockerReadiness readiness;
  private final boolean routesFromOutside;

  DockerRestart(DockerEngine engine, DockerReadiness readiness, boolean routesFromOutside) {
    this.engine = engine;
    this.readiness = readiness;
    this.routesFromOutside = routesFromOutside;
  }

  List<String> restartStopped(String rangeId) {
    DockerClient client = engine.client();
    List<Container> stopped =
        client
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(RangeLabels.MANAGED, "true", RangeLabels.RANGE, rangeId))
            .withStatusFilter(List.of("exited", "created"))
            .exec()
            .stream()
            .filter(c -> c.getLabels().containsKey(RangeLabels.HOST))
            .sorted(Comparator.comparingInt(c -> DockerProvisioner.startOrder(role(c))))
            .toList();
    List<String> started = new ArrayList<>();
    for (Container container : stopped) {
      String host = container.getLabels().get(RangeLabels.HOST);
      client.startContainerCmd(container.getId()).exec();
      if (routesFromOutside) {
        OutsideNetwork.apply(client, container.getId(), host, engine.local());
      }
      started.add(host);
    }
    for (Container container : stopped) {
      readiness.await(
          rangeId, container.getLabels().get(RangeLabels.HOST), role(container), container.getId());
    }
    return started;
  }

  private static String role(Container container) {
    return container.getLabels().getOrDefault(RangeLabels.ROLE, "host");
  }
}
