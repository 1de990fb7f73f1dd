package dev.enshu.orchestrator.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangeLabels;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider.ProviderResource;
import dev.enshu.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A team's topology from its plan and what the provider lists. */
class TopologyTest {
  private RangePlan plan;

  @BeforeEach
  void setUp() {
    ScenarioLoader.Loaded loaded =
        ScenarioLoader.load(Path.of("src/test/resources/scenarios/e2e-mini.yaml"));
    plan =
        new PlanCompiler(loaded.scenario(), loaded.template())
            .compile("ex1", 2, 3, AddressPool.DEFAULT.block(1, 16));
  }

  private ProviderResource container(String host, String state) {
    Map<String, String> labels = new TreeMap<>(RangeLabels.of(plan, plan.requireHost(host)));
    if (state != null) {
      labels.put(RangeLabels.STATE, state);
    }
    return new ProviderResource("container", host, host, plan.rangeId(), labels);
  }

  private List<ProviderResource> everyHost(String state) {
    List<ProviderResource> all = new ArrayList<>();
    plan.hosts().forEach(h -> all.add(container(h.id(), state)));
    return all;
  }

  private static Topology.Host host(Topology topology, String id) {
    return topology.hosts().stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void segmentsAndHostsComeFromTheTeamsPlanWithTheTeamsAddresses() {
    Topology topology = Topology.of(plan, "docker", everyHost("running"));
    assertThat(topology.segments())
        .extracting(Topology.Segment::id)
        .containsExactly("internet", "dmz", "lan", "soc-net");
    assertThat(topology.segments())
        .allSatisfy(s -> assertThat(s.cidr()).startsWith("10.65."))
        .anySatisfy(s -> assertThat(s.purpose()).isEqualTo("dmz"));
    Topology.Host fw = host(topology, "fw");
    assertThat(fw.router()).isTrue();
    assertThat(fw.segments()).containsExactly("internet", "dmz", "lan", "soc-net");
    assertThat(fw.addresses()).containsEntry("lan", plan.requireHost("fw").addressOn("lan").get());
    Topology.Host pc = host(topology, "pc");
    assertThat(pc.router()).isFalse();
    assertThat(pc.segments()).containsExactly("lan");
    assertThat(pc.state()).isEqualTo("running");
    assertThat(pc.console()).isEqualTo("terminal");
  }

  @Test
  void hostStateIsWhatTheProviderListsForThisRange() {
    List<ProviderResource> listed = new ArrayList<>(everyHost("running"));
    listed.removeIf(r -> r.id().equals("web"));
    listed.removeIf(r -> r.id().equals("pc"));
    listed.add(container("pc", "exited"));
    // another team's web server does not count for this one
    listed.add(
        new ProviderResource(
            "container",
            "other",
            "other",
            "ex1-t9",
            Map.of(RangeLabels.RANGE, "ex1-t9", RangeLabels.HOST, "web")));
    Topology topology = Topology.of(plan, "docker", listed);
    assertThat(host(topology, "pc").state()).isEqualTo("stopped");
    assertThat(host(topology, "web").state()).isEqualTo("missing");
    assertThat(host(topology, "web").console()).isEqualTo("none");
    assertThat(host(topology, "proxy").state()).isEqualTo("running");
  }

  @Test
  void everyHostIsUnknownWhenTheProviderCouldNotBeAsked() {
    assertThat(Topology.of(plan, "docker", null).hosts())
        .extracting(Topology.Host::state)
        .containsOnly("unknown");
  }

  @Test
  void aProviderThatListsOnlyLiveHostsWithoutStateShowsThemRunning() {
    assertThat(Topology.of(plan, "libvirt", everyHost(null)).hosts())
        .allSatisfy(
            h -> {
              assertThat(h.state()).isEqualTo("running");
              assertThat(h.console()).isEqualTo("vnc");
            });
  }

  @Test
  void aHostWithAConsoleProtocolOpensThroughGuacamole() {
    PlannedHost pc = plan.requireHost("pc");
    PlannedHost windows =
        new PlannedHost(
            pc.id(),
            pc.group(),
            pc.role(),
            pc.title(),
            pc.fqdn(),
            pc.interfaces(),
            pc.routes(),
            pc.resolvers(),
            Map.of("console-protocol", "rdp"),
            pc.memoryMb(),
            pc.cpus(),
            pc.watched());
    assertThat(Topology.console(windows, "docker")).isEqualTo("guacamole");
    assertThat(Topology.console(pc, "docker")).isEqualTo("terminal");
  }
}
