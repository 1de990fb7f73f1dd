package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.template.HostRole;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * What a provider with real hosts must do beyond {@link RangeProviderContract}: commands really run
 * (output, exit code, time limit), hosts of a team reach each other only through their firewall, no
 * host reaches another team, the host machine or the outside, a revert really puts files back, and
 * no secret is left where the host's root can read it.
 */
public abstract class EngineRangeProviderContract extends RangeProviderContract {
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
      try (java.net.Socket local =
          new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
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
  }

  @Test
  @Order(9)
  void aRestartedProviderRunsCommandsOnTheHostsItFound() {
    RangeProvider restarted = createAnotherProvider();
    assertThat(
            restarted
                .exec(
                    new HostRef(teamB.rangeId(), "pc"), List.of("hostname"), Duration.ofSeconds(10))
                .stdout())
        .isEqualTo("pc\n");
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
