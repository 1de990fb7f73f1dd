package dev.enshu.orchestrator.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host guard on this machine's real firewall: a range bridge of its own ({@code enshd} + 10 hex
 * digits) with a veth pair into a network namespace that plays a range host with root, and a
 * listener on the host bound to every address. Needs root, iproute2, iptables and python3.
 */
class HostGuardIT {
  private static final List<String> FAMILIES = List.of("iptables", "ip6tables");

  /**
   * The machine's guard, except that it does not see the DOCKER-USER rule earlier setups added for
   * every bridge: other checkouts may run Docker ranges on this engine with older bridge names that
   * still need it. Removing it is covered by HostGuardTest.
   */
  private final HostGuard guard =
      new HostGuard(
          command -> {
            HostGuard.Result result = HostGuard.exec(command);
            if (!command.get(0).endsWith("-save")) {
              return result;
            }
            String kept =
                result
                    .output()
                    .lines()
                    .filter(l -> !l.equals("-A DOCKER-USER " + HostGuard.EVERY_BRIDGE_ACCEPT))
                    .reduce("", (a, l) -> a + l + "\n");
            return new HostGuard.Result(result.exitCode(), kept);
          },
          Path.of("/sys/class/net"),
          Path.of("/proc/sys/net/ipv6/conf"));

  private String bridge;
  private String namespace;
  private String vethHost;
  private String vethRange;
  private int subnet;
  private ServerSocket listener;
  private Thread acceptor;
  private final List<List<String>> undo = new ArrayList<>();

  @BeforeEach
  void rangeBridgeWithAHostInANamespace() throws IOException {
    // servers started by other tests of this process guard the machine every few seconds: none
    // may repair what this test breaks on purpose until it is done
    HostGuard.MACHINE.lock();
    String hex = HexFormat.of().formatHex(randomBytes()).substring(0, 10);
    bridge = "enshd" + hex;
    namespace = "enshu-guard-it-" + hex;
    vethHost = "egh" + hex;
    vethRange = "egr" + hex;
    subnet = ThreadLocalRandom.current().nextInt(1, 250);
    assertThat(HostGuard.RANGE_BRIDGE.matcher(bridge).matches()).isTrue();

    sh("ip", "link", "add", bridge, "type", "bridge");
    sysctl(null, "net/ipv6/conf/" + bridge + "/accept_dad", "0");
    sh("ip", "addr", "add", "10.250." + subnet + ".1/24", "dev", bridge);
    sh("ip", "-6", "addr", "add", globalHost(), "dev", bridge, "nodad");
    sh("ip", "link", "set", bridge, "up");
    sh("ip", "netns", "add", namespace);
    sh("ip", "link", "add", vethHost, "type", "veth", "peer", "name", vethRange);
    sh("ip", "link", "set", vethRange, "netns", namespace);
    sh("ip", "link", "set", vethHost, "master", bridge, "up");
    inRange("ip", "link", "set", "lo", "up");
    sysctl(namespace, "net/ipv6/conf/" + vethRange + "/accept_dad", "0");
    inRange("ip", "addr", "add", "10.250." + subnet + ".2/24", "dev", vethRange);
    inRange("ip", "-6", "addr", "add", "fd00:250:" + subnet + "::2/64", "dev", vethRange, "nodad");
    inRange("ip", "link", "set", vethRange, "up");
    waitFor("a link-local address on " + bridge, () -> hostLinkLocal() != null);

    listener = new ServerSocket(0, 50, InetAddress.getByName("::"));
    acceptor =
        new Thread(
            () -> {
              while (!listener.isClosed()) {
                try {
                  // connecting is all the test asks of it
                  listener.accept().close();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "host-guard-it-listener");
    acceptor.start();
  }

  @AfterEach
  void removeWhatTheTestMade() throws Exception {
    try {
      if (listener != null) {
        listener.close();
        acceptor.join();
      }
      for (int i = undo.size() - 1; i >= 0; i--) {
        run(undo.get(i));
      }
      run(List.of("ip", "netns", "del", namespace));
      run(List.of("ip", "link", "del", vethHost));
      run(List.of("ip", "link", "del", bridge));
    } finally {
      HostGuard.MACHINE.unlock();
    }
    assertThat(Path.of("/sys/class/net", bridge)).doesNotExist();
  }

  @Test
  void rangeHostReachesTheHostUnguardedButNotOverIpv4Ipv6OrLinkLocalOnceGuarded()
      throws IOException {
    unguardInput();
    String linkLocal = hostLinkLocal();
    assertThat(connects("10.250." + subnet + ".1")).as("IPv4, unguarded").isTrue();
    assertThat(connects("fd00:250:" + subnet + "::1")).as("IPv6, unguarded").isTrue();
    assertThat(connects(linkLocal + "%" + vethRange)).as("link-local, unguarded").isTrue();

    List<String> repaired = guard.ensure();

    assertThat(repaired)
        .contains(
            "iptables: INPUT does not jump to ENSHU-INPUT",
            "ip6tables: INPUT does not jump to ENSHU-INPUT",
            bridge + ": IPv6 is on, so the host has a link-local address on this range bridge");
    assertThat(Files.readString(Path.of("/proc/sys/net/ipv6/conf", bridge, "disable_ipv6")))
        .isEqualToIgnoringWhitespace("1");
    assertThat(sh("ip", "-6", "addr", "show", "dev", bridge)).isBlank();
    assertThat(connects("10.250." + subnet + ".1")).as("IPv4, guarded").isFalse();
    assertThat(connects("fd00:250:" + subnet + "::1")).as("IPv6, guarded").isFalse();
    assertThat(connects(linkLocal + "%" + vethRange)).as("link-local, guarded").isFalse();
    assertThat(guard.check()).isEmpty();
  }

  @Test
  void ip6tablesDropsRangeTrafficWhileIpv6IsStillOnTheBridge() throws IOException {
    guard.ensure();
    // a new range bridge before the next check: IPv6 on, the host has its addresses there
    sysctl(null, "net/ipv6/conf/" + bridge + "/disable_ipv6", "0");
    sh("ip", "-6", "addr", "add", globalHost(), "dev", bridge, "nodad");
    waitFor("a link-local address on " + bridge, () -> hostLinkLocal() != null);

    assertThat(connects("fd00:250:" + subnet + "::1")).as("IPv6").isFalse();
    assertThat(connects(hostLinkLocal() + "%" + vethRange)).as("link-local").isFalse();
    assertThat(connects("10.250." + subnet + ".1")).as("IPv4").isFalse();
    assertThat(guard.check())
        .containsExactly(
            bridge + ": IPv6 is on, so the host has a link-local address on this range bridge");
  }

  @Test
  void firewallReloadAndTheEnginesReinsertedJumpsAreReportedAndRepaired() {
    guard.ensure();
    assertThat(guard.check()).isEmpty();
    sh("iptables", "-w", "-D", "INPUT", "-j", "ENSHU-INPUT");
    sh("ip6tables", "-w", "-F", "ENSHU-FORWARD");
    for (String family : FAMILIES) {
      // what the engine does when it makes a network: its own rule first in FORWARD
      List<String> first =
          List.of("-i", bridge, "-m", "comment", "--comment", "enshu-guard-it-first");
      sh(concat(List.of(family, "-w", "-I", "FORWARD", "1"), first));
      undo.add(concat(List.of(family, "-w", "-D", "FORWARD"), first));
    }

    List<String> found = guard.check();

    assertThat(found)
        .contains(
            "iptables: INPUT does not jump to ENSHU-INPUT",
            "ip6tables: chain ENSHU-FORWARD holds [] instead of " + HostGuard.FORWARD_RULES);
    assertThat(found)
        .filteredOn(p -> p.contains("FORWARD does not jump to ENSHU-FORWARD first"))
        .hasSize(2);
    assertThat(guard.ensure()).isEqualTo(found);
    assertThat(guard.check()).isEmpty();
    for (String family : FAMILIES) {
      List<String> forward = sh(family, "-w", "-S", "FORWARD").lines().toList();
      assertThat(forward.get(1)).isEqualTo("-A FORWARD -j ENSHU-FORWARD");
      assertThat(sh(family, "-w", "-S", "INPUT").lines().toList().get(1))
          .isEqualTo("-A INPUT -j ENSHU-INPUT");
    }

    List<String> missing = new ArrayList<>(List.of("iptables: chain ENSHU-FORWARD is missing"));
    if (run(List.of("iptables", "-w", "-D", "DOCKER-USER", "-j", "ENSHU-FORWARD")).exitCode()
        == 0) {
      missing.add("iptables: DOCKER-USER does not jump to ENSHU-FORWARD");
    }
    missing.add("iptables: FORWARD does not jump to ENSHU-FORWARD");
    sh("iptables", "-w", "-D", "FORWARD", "-j", "ENSHU-FORWARD");
    sh("iptables", "-w", "-F", "ENSHU-FORWARD");
    sh("iptables", "-w", "-X", "ENSHU-FORWARD");
    assertThat(guard.ensure()).containsExactlyElementsOf(missing);
    assertThat(guard.check()).isEmpty();
  }

  /**
   * What the Docker engine does each time anyone makes a network on the machine: its jump to
   * DOCKER-USER goes back to the top of FORWARD, its isolation rules right after it. The guard is
   * still the first thing a forwarded packet meets, through DOCKER-USER, with no repair.
   */
  @Test
  void engineMovingItsUserChainToTheTopLeavesTheGuardFirst() {
    guard.ensure();
    for (String family : FAMILIES) {
      if (run(List.of(family, "-w", "-S", "DOCKER-USER")).exitCode() != 0) {
        // a machine without the engine's chain for this family: the engine's own setup makes it
        sh(family, "-w", "-N", "DOCKER-USER");
        sh(family, "-w", "-A", "DOCKER-USER", "-j", "RETURN");
        undo.add(List.of(family, "-w", "-X", "DOCKER-USER"));
        undo.add(List.of(family, "-w", "-F", "DOCKER-USER"));
        undo.add(List.of(family, "-w", "-D", "FORWARD", "-j", "DOCKER-USER"));
      }
    }
    assertThat(guard.ensure()).allMatch(p -> p.contains("DOCKER-USER does not jump"));
    for (String family : FAMILIES) {
      while (run(List.of(family, "-w", "-D", "FORWARD", "-j", "DOCKER-USER")).exitCode() == 0) {
        // every copy, as the engine removes it before inserting it again
      }
      sh(family, "-w", "-I", "FORWARD", "1", "-j", "DOCKER-USER");
      List<String> isolation = List.of("-i", bridge, "!", "-o", bridge, "-j", "DROP");
      sh(concat(List.of(family, "-w", "-I", "FORWARD", "2"), isolation));
      undo.add(concat(List.of(family, "-w", "-D", "FORWARD"), isolation));
    }

    assertThat(guard.check()).isEmpty();
    for (String family : FAMILIES) {
      assertThat(sh(family, "-w", "-S", "DOCKER-USER").lines().toList().get(1))
          .isEqualTo("-A DOCKER-USER -j ENSHU-FORWARD");
    }
  }

  /** The host without its INPUT jumps, as after a firewall reload. */
  private void unguardInput() {
    for (String family : FAMILIES) {
      while (run(List.of(family, "-w", "-D", "INPUT", "-j", "ENSHU-INPUT")).exitCode() == 0) {
        // every copy
      }
    }
  }

  /** Whether the range host completes a TCP connection to the listener (2 s at most). */
  private boolean connects(String address) {
    HostGuard.Result result =
        run(
            List.of(
                "ip",
                "netns",
                "exec",
                namespace,
                "python3",
                "-c",
                "import socket, sys\n"
                    + "socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2).close()",
                address,
                Integer.toString(listener.getLocalPort())));
    return result.exitCode() == 0;
  }

  private String globalHost() {
    return "fd00:250:" + subnet + "::1/64";
  }

  private String hostLinkLocal() {
    Matcher m =
        Pattern.compile("inet6 (fe80::[0-9a-f:]+)/64 scope link(?! tentative)")
            .matcher(run(List.of("ip", "-6", "-o", "addr", "show", "dev", bridge)).output());
    return m.find() ? m.group(1) : null;
  }

  private void sysctl(String inNamespace, String key, String value) {
    String write = "echo " + value + " > /proc/sys/" + key;
    sh(
        inNamespace == null
            ? List.of("sh", "-c", write)
            : List.of("ip", "netns", "exec", inNamespace, "sh", "-c", write));
  }

  private void inRange(String... command) {
    sh(concat(List.of("ip", "netns", "exec", namespace), List.of(command)));
  }

  private static String sh(String... command) {
    return sh(List.of(command));
  }

  private static String sh(List<String> command) {
    HostGuard.Result result = run(command);
    if (result.exitCode() != 0) {
      fail(
          "`%s` failed with exit code %d: %s (this test needs root, iproute2 and iptables)",
          String.join(" ", command), result.exitCode(), result.output());
    }
    return result.output();
  }

  private static HostGuard.Result run(List<String> command) {
    try {
      return HostGuard.exec(command);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void waitFor(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("no " + what + " within 10 s");
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // between polls of the condition
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[5];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
