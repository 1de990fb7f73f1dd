package dev.enshu.orchestrator.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.enshu.orchestrator.range.RangeLabels;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import dev.enshu.template.Cidr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;

/**
 * Containers, networks and volumes of one exercise's ranges on a Docker engine, found by label and
 * by name, and their host firewall rules. Volumes carry no labels of their own: the census
 * remembers every volume the ranges' containers mounted and counts those still there.
 */
final class DockerCensus implements RangeCensus {
  private final DockerEngine engine;
  private final String exercise;
  private final Cidr block;
  private final Set<String> bridges = new ConcurrentSkipListSet<>();
  private final Set<String> volumes = new ConcurrentSkipListSet<>();

  DockerCensus(DockerEngine engine, RangePlan plan) {
    this.engine = engine;
    this.exercise = plan.exerciseId();
    this.block = Cidr.parse(plan.addressBlock());
    plan.segments().forEach(s -> bridges.add(DockerRangeProvider.bridge(plan.rangeId(), s.id())));
  }

  @Override
  public void provisioned(String rangeId) {
    DockerClient client = engine.client();
    for (Network n : networks(client)) {
      String bridge = n.getOptions() == null ? null : n.getOptions().get(BRIDGE_OPTION);
      if (bridge != null) {
        bridges.add(bridge);
      }
    }
    for (Container c : containers(client)) {
      InspectContainerResponse inspected = client.inspectContainerCmd(c.getId()).exec();
      if (inspected.getMounts() != null) {
        inspected.getMounts().stream()
            .filter(m -> m.getName() != null && !m.getName().isBlank())
            .forEach(m -> volumes.add(m.getName()));
      }
    }
  }

  private static final String BRIDGE_OPTION = "com.docker.network.bridge.name";

  @Override
  public Map<String, Long> count() {
    DockerClient client = engine.client();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("containers", (long) containers(client).size());
    counts.put("networks", (long) networks(client).size());
    long volumesLeft =
        client.listVolumesCmd().exec().getVolumes().stream()
            .filter(
                v ->
                    volumes.contains(v.getName())
                        || v.getName().contains(exercise)
                        || (v.getLabels() != null
                            && exercise.equals(v.getLabels().get(RangeLabels.EXERCISE))))
            .count();
    counts.put("volumes", volumesLeft);
    FirewallLines.Count rules = FirewallLines.count(bridges, block);
    counts.put("iptables rules of the range", rules.ofRanges());
    counts.put("iptables rules of ENSHU chains", rules.ofProductChains());
    return counts;
  }

  /** By label or by name: a container that lost its labels still has the range's name. */
  private List<Container> containers(DockerClient client) {
    return distinct(
        client
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(RangeLabels.EXERCISE, exercise))
            .exec(),
        client.listContainersCmd().withShowAll(true).withNameFilter(List.of(prefix())).exec(),
        Container::getId);
  }

  private List<Network> networks(DockerClient client) {
    return distinct(
        client
            .listNetworksCmd()
            .withFilter("label", List.of(RangeLabels.EXERCISE + "=" + exercise))
            .exec(),
        client.listNetworksCmd().withNameFilter(prefix()).exec(),
        Network::getId);
  }

  /** What either list holds, each engine object once. */
  private static <T> List<T> distinct(
      List<T> byLabel, List<T> byName, java.util.function.Function<T, String> id) {
    Set<String> ids = new TreeSet<>();
    return Stream.concat(byLabel.stream(), byName.stream())
        .filter(o -> ids.add(id.apply(o)))
        .toList();
  }

  private String prefix() {
    return "enshu-" + exercise + "-";
  }
}
