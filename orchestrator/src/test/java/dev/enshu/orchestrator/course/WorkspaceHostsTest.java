package dev.enshu.orchestrator.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.exercise.Topology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The team's page shows the simulated internet as one host without a console: not which of its
 * hosts attacks, nor their names and addresses.
 */
class WorkspaceHostsTest {
  @Test
  void hostsOnlyOnTheInternetBecomeOneInternetWithoutAConsole() {
    Topology topology =
        new Topology(
            List.of(
                new Topology.Segment("internet", "10.64.0.0/24", "internet", "Internet"),
                new Topology.Segment("lan", "10.64.10.0/24", "business-servers", "LAN")),
            List.of(
                host("c2", List.of("internet"), false),
                host("attacker", List.of("internet"), false),
                host("fw", List.of("internet", "lan"), true),
                host("pc", List.of("lan"), false)));
    assertThat(Workspace.teamsHosts(topology))
        .extracting(Topology.Host::id, Topology.Host::role, Topology.Host::console)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("fw", "fw", "terminal"),
            org.assertj.core.groups.Tuple.tuple("pc", "pc", "terminal"),
            org.assertj.core.groups.Tuple.tuple("internet", "internet", "none"));
    assertThat(Workspace.teamsHosts(topology))
        .filteredOn(h -> h.id().equals("internet"))
        .singleElement()
        .satisfies(h -> assertThat(h.addresses()).isEmpty());
  }

  private static Topology.Host host(String id, List<String> segments, boolean router) {
    return new Topology.Host(id, id, id, segments, Map.of(), "running", "terminal", router);
  }
}
