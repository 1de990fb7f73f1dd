package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.HostRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The behaviour every {@link RangeProvider} must have, proven on two teams' ranges of {@code
 * cyder-mini}: provisioning, exec, isolation between teams, console, snapshot and revert,
 * reconciliation by labels, idempotent destroy. A provider's test extends this class and says how
 * to make the provider.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class RangeProviderContract {
  protected RangeProvider provider;
  protected RangePlan teamA;
  protected RangePlan teamB;

  /** The provider under test, connected and ready to provision. */
  protected abstract RangeProvider createProvider();

  /** A second instance of the provider, as a restarted orchestrator would make it. */
  protected abstract RangeProvider createAnotherProvider();

  /** The exercise id, unique per run so that leftovers of another run never interfere. */
  protected String exerciseId() {
    return "ct" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
  }

  @BeforeAll
  void provisionTwoTeams() {
    provider = createProvider();
    ScenarioLoader.Loaded loaded =
        ScenarioLoader.load(Path.of("src/test/resources/scenarios/mini-c2.yaml"));
    PlanCompiler compiler = new PlanCompiler(loaded.scenario(), loaded.template());
    String exercise = exerciseId();
    AddressPool pool = new AddressPool(dev.enshu.template.Cidr.parse("10.96.0.0/12"));
    teamA = compiler.compile(exercise, 1, 7, pool.block((int) (System.nanoTime() % 8) * 2, 16));
    teamB = compiler.compile(exercise, 2, 7, pool.block((int) (System.nanoTime() % 8) * 2 + 1, 16));
    provider.provision(teamA);
    provider.provision(teamB);
  }

  /** Releases what the test's providers hold, after the ranges are gone. */
  protected void release() {}

  @AfterAll
  void destroyBoth() {
    try {
      if (provider != null) {
        if (teamA != null) {
          provider.destroy(teamA.rangeId());
        }
        if (teamB != null) {
          provider.destroy(teamB.rangeId());
        }
      }
    } finally {
      release();
    }
  }

  protected ExecResult sh(RangePlan plan, String host, String script) {
    return provider.exec(
        new HostRef(plan.rangeId(), host), List.of("sh", "-c", script), Duration.ofSeconds(20));
  }

  @Test
  @Order(1)
  void everyHostOfBothRangesIsListedWithItsLabels() {
    List<RangeProvider.ProviderResource> resources = provider.list();
    for (RangePlan plan : List.of(teamA, teamB)) {
      assertThat(resources)
          .filteredOn(r -> plan.rangeId().equals(r.rangeId()))
          .filteredOn(r -> r.labels().containsKey(RangeLabels.HOST))
          .extracting(r -> r.labels().get(RangeLabels.HOST))
          .containsExactlyInAnyOrderElementsOf(plan.hosts().stream().map(PlannedHost::id).toList());
    }
  }

  @Test
  @Order(2)
  void execCapturesOutputAndExitCode() {
    ExecResult result = sh(teamA, "pc", "echo out; echo err >&2; hostname; exit 3");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("out\npc\n");
    assertThat(result.stderr()).isEqualTo("err\n");
    assertThat(result.timedOut()).isFalse();
  }

  @Test
  @Order(3)
  void execStopsACommandThatRunsTooLong() {
    ExecResult result =
        provider.exec(
            new HostRef(teamA.rangeId(), "pc"), List.of("sleep", "60"), Duration.ofSeconds(2));
    assertThat(result.timedOut()).isTrue();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.took()).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  @Order(4)
  void hostsOfATeamReachEachOtherThroughTheFirewall() {
    String web = teamA.requireHost("web").address();
    ExecResult result =
        sh(
            teamA,
            "proxy",
            "curl -s -o /dev/null -w '%{http_code}' --max-time 5 http://" + web + "/");
    assertThat(result.stdout()).as(result.stderr()).isEqualTo("200");
  }

  @Test
  @Order(5)
  void teamCannotReachOtherTeamsNetwork() {
    for (PlannedHost target : teamB.hosts()) {
      ExecResult ping = sh(teamA, "pc", "ping -c 1 -W 1 " + target.address());
      assertThat(ping.exitCode())
          .as("team A's pc reaching team B's %s at %s", target.id(), target.address())
          .isNotZero();
    }
    String webB = teamB.requireHost("web").address();
    ExecResult http = sh(teamA, "proxy", "curl -s -o /dev/null --max-time 3 http://" + webB + "/");
    assertThat(http.exitCode()).as("team A's proxy fetching team B's web site").isNotZero();
    // the same request inside team B works: the failure above is isolation, not a broken host
    assertThat(
            sh(teamB, "proxy", "curl -s -o /dev/null --max-time 5 http://" + webB + "/").exitCode())
        .isZero();
  }

  @Test
  @Order(6)
  void everyRouteOfEveryHostLeadsToARouterOfItsOwnRange() {
    java.util.Set<String> routers = new java.util.HashSet<>();
    teamA.hosts().stream()
        .filter(h -> h.role() == HostRole.FIREWALL)
        .forEach(h -> h.interfaces().forEach(i -> routers.add(i.address())));
    for (PlannedHost host : teamA.hosts()) {
      ExecResult routes = sh(teamA, host.id(), "ip -4 route show");
      for (String line : routes.stdout().lines().toList()) {
        if (line.contains(" via ")) {
          assertThat(routers)
              .as("route '%s' of %s goes through a router of the range", line, host.id())
              .contains(line.replaceAll(".* via (\\S+).*", "$1"));
        }
      }
    }
    // the firewall, the range's edge, has nowhere to send an outside address (no packet is sent)
    ExecResult edge = sh(teamA, "fw", "ip route get 192.0.2.10");
    assertThat(edge.exitCode()).as(edge.stdout()).isNotZero();
    assertThat(edge.stderr()).contains("unreachable");
  }

  /**
   * The host machine's addresses on the range's networks (where the provider has any), for the
   * isolation test; a provider whose networks give the host no address returns none.
   */
  protected List<String> hostMachineAddresses(RangePlan plan) {
    return List.of();
  }

  @Test
  @Order(6)
  void rangeHostsCannotReachTheHostMachine() throws Exception {
    try (java.net.ServerSocket listener =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("0.0.0.0"))) {
      int port = listener.getLocalPort();
      // the listener answers on the host itself
      try (java.net.Socket local = new java.net.Socket("127.0.0.1", port)) {
        assertThat(local.isConnected()).isTrue();
      }
      for (String address : hostMachineAddresses(teamA)) {
        for (String host : List.of("pc", "fw", "attacker")) {
          ExecResult probe = sh(teamA, host, "nc -z -w 2 " + address + " " + port);
          assertThat(probe.exitCode())
              .as("%s of team A reaching the host machine at %s:%d", host, address, port)
              .isNotZero();
        }
      }
    }
  }

  @Test
  @Order(7)
  void consoleIsATerminalOnTheHost() {
    ConsoleEndpoint console = provider.console(new HostRef(teamA.rangeId(), "pc"));
    assertThat(console).isInstanceOf(ConsoleEndpoint.Terminal.class);
    assertThat(console.provider()).isEqualTo(provider.id());
    assertThat(console.target()).isNotBlank();
  }

  @Test
  @Order(8)
  void revertPutsAHostBackIntoItsProvisionedStateOrASnapshot() {
    HostRef pc = new HostRef(teamA.rangeId(), "pc");
    assertThat(sh(teamA, "pc", "echo kept > /root/kept.txt").exitCode()).isZero();
    provider.snapshot(pc, "after-kept");
    assertThat(sh(teamA, "pc", "echo later > /root/later.txt").exitCode()).isZero();
    provider.revert(pc, "after-kept");
    assertThat(sh(teamA, "pc", "cat /root/kept.txt; test ! -e /root/later.txt").stdout())
        .isEqualTo("kept\n");
    provider.revert(pc, RangeProvider.PROVISIONED);
    assertThat(sh(teamA, "pc", "test ! -e /root/kept.txt").exitCode()).isZero();
    // the reverted host is back on its network
    assertThat(sh(teamA, "pc", "ip -4 -o addr show").stdout())
        .contains(teamA.requireHost("pc").address() + "/");
    assertThatThrownBy(() -> provider.revert(pc, "no-such-snapshot"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("no snapshot");
  }

  @Test
  @Order(9)
  void aRestartedProviderFindsTheRangesByTheirLabels() {
    RangeProvider restarted = createAnotherProvider();
    assertThat(restarted.list()).filteredOn(r -> teamB.rangeId().equals(r.rangeId())).isNotEmpty();
    assertThat(
            restarted
                .exec(
                    new HostRef(teamB.rangeId(), "pc"), List.of("hostname"), Duration.ofSeconds(10))
                .stdout())
        .isEqualTo("pc\n");
  }

  @Test
  @Order(10)
  void provisioningARangeThatExistsFails() {
    assertThatThrownBy(() -> provider.provision(teamB))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  @Order(11)
  void destroyIsIdempotentAndLeavesNothing() {
    provider.destroy(teamB.rangeId());
    provider.destroy(teamB.rangeId());
    assertThat(provider.list()).filteredOn(r -> teamB.rangeId().equals(r.rangeId())).isEmpty();
    // the other team's range is untouched
    assertThat(sh(teamA, "pc", "true").exitCode()).isZero();
  }

  @Test
  @Order(12)
  void aHostHasItsUsersPasswordButNoEnvironmentOrFileOfItsRootShowsIt() {
    RangePlan.Account tanaka = teamA.accountsOn("pc").get(0);
    // every environment of the host, any secrets file left, and a VM's settings disk
    ExecResult seen =
        sh(
            teamA,
            "pc",
            "for f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < $f; done 2>/dev/null;"
                + " [ -b /dev/vdb ] && tr -d '\\000' < /dev/vdb; true");
    assertThat(seen.stdout()).contains("ENSHU_HOST=pc").doesNotContain(tanaka.password());
    assertThat(sh(teamA, "pc", "ls -A /etc/enshu/").stdout()).doesNotContain("secrets");
    // yet the password arrived: the shadow file holds a hash of it
    ExecResult shadow = sh(teamA, "pc", "passwd -S " + tanaka.name());
    assertThat(shadow.stdout()).as(shadow.stderr()).startsWith(tanaka.name() + " P ");
  }
}
