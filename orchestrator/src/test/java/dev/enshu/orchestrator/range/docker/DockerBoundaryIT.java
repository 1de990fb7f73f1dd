package dev.enshu.orchestrator.range.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.BoundaryAttempts;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import dev.enshu.template.HostRole;
import dev.enshu.template.Ipv4;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The range boundary, tried as a trainee who is root would try it: the escape and reach attempts of
 * {@code boundary/attempts.sh} run as root in every host of a range with every role (the hospital
 * scenario on cyder-standard), on hosts started without the engine's seccomp filter, since the
 * boundary must not depend on one. Listeners of the test's own stand outside the range: on the host
 * machine (IPv4 and IPv6 any-address), in another team's range, on another Docker network and in a
 * network namespace. Each test names the attempts it covers and fails with the proof of any that
 * succeeded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerBoundaryIT {
  private static final String NETNS_HOST = "10.250.254.1";
  private static final String NETNS_PEER = "10.250.254.2";

  private DockerEngine engine;
  private DockerRangeProvider provider;
  private RangePlan team;
  private RangePlan other;
  private Path markers;
  private ServerSocket hostV4;
  private ServerSocket hostV6;
  private final AtomicInteger hostConnections = new AtomicInteger();
  private String outsideNetwork;
  private String outsideContainer;
  private String outsideAddress;
  private String netns;
  private Process netnsListener;
  private String dnsToken;

  /** attempt name, then host id, then "blocked ..." or "SUCCEEDED ...". */
  private final Map<String, Map<String, String>> results = new ConcurrentHashMap<>();

  @BeforeAll
  void tryEverythingFromEveryHost() throws Exception {
    engine = DockerEngine.connectDefault();
    provider = new DockerRangeProvider(engine, Clock.systemUTC()).withoutEngineSeccomp();
    provider.images().buildAll();
    String exercise = "bd" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    AddressPool pool = new AddressPool(Cidr.parse("10.160.0.0/12"));
    int slot = (int) (System.nanoTime() % 8) * 2;
    ScenarioLoader.Loaded hospital = ScenarioLoader.bundled("hospital-vpn-ransomware");
    team =
        new PlanCompiler(hospital.scenario(), hospital.template())
            .compile(exercise, 1, 5, pool.block(slot, 16));
    ScenarioLoader.Loaded mini =
        ScenarioLoader.load(Path.of("src/test/resources/scenarios/mini-c2.yaml"));
    other =
        new PlanCompiler(mini.scenario(), mini.template())
            .compile(exercise, 2, 5, pool.block(slot + 1, 16));
    provider.provision(team);
    provider.provision(other);
    markers = Files.createTempDirectory("enshu-boundary");
    startOutsideListeners();
    dnsToken = "enshu-probe-" + Long.toHexString(System.nanoTime());
    // a listener in the other team's range for datagrams with a forged source
    assertThat(sh(other, "web", BoundaryAttempts.SPOOF_LISTENER).exitCode()).isZero();
    runAttempts();
  }

  private void startOutsideListeners() throws Exception {
    hostV4 = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"));
    hostV6 = new ServerSocket(0, 50, InetAddress.getByName("::"));
    for (ServerSocket listener : List.of(hostV4, hostV6)) {
      Thread accept =
          new Thread(
              () -> {
                while (!listener.isClosed()) {
                  try {
                    listener.accept().close();
                    hostConnections.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      accept.setDaemon(true);
      accept.start();
    }
    // the host listeners answer on the host itself: what the range cannot do is not a dead port
    byte[] loopback6 = new byte[16]; // ::1
    loopback6[15] = 1;
    try (Socket local = new Socket(InetAddress.getLoopbackAddress(), hostV4.getLocalPort());
        Socket local6 = new Socket(InetAddress.getByAddress(loopback6), hostV6.getLocalPort())) {
      assertThat(local.isConnected() && local6.isConnected()).isTrue();
    }
    awaitConnections(2);
    hostConnections.set(0);

    DockerClient client = engine.client();
    String suffix = Long.toHexString(System.nanoTime() & 0xFFFFFF);
    outsideNetwork =
        client
            .createNetworkCmd()
            .withName("enshu-outside-" + suffix)
            .withDriver("bridge")
            .exec()
            .getId();
    outsideContainer =
        client
            .createContainerCmd("enshu/common:latest")
            .withName("enshu-outside-" + suffix)
            .withEntrypoint("python3", "-m", "http.server", "8000")
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode(outsideNetwork))
            .exec()
            .getId();
    client.startContainerCmd(outsideContainer).exec();
    outsideAddress =
        client
            .inspectContainerCmd(outsideContainer)
            .exec()
            .getNetworkSettings()
            .getNetworks()
            .values()
            .iterator()
            .next()
            .getIpAddress();
    awaitCommand(
        List.of(
            "curl",
            "-s",
            "-o",
            "/dev/null",
            "--max-time",
            "2",
            "http://" + outsideAddress + ":8000/"));

    netns = "enshu-out-" + suffix;
    // not an ensh* name: the host guard drops whatever range bridges send to the host machine
    String veth = "bdout" + suffix.substring(0, Math.min(6, suffix.length()));
    command("ip", "netns", "add", netns);
    command("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", netns);
    command("ip", "addr", "add", NETNS_HOST + "/30", "dev", veth);
    command("ip", "link", "set", veth, "up");
    command("ip", "netns", "exec", netns, "ip", "addr", "add", NETNS_PEER + "/30", "dev", "eth0");
    command("ip", "netns", "exec", netns, "ip", "link", "set", "eth0", "up");
    command("ip", "netns", "exec", netns, "ip", "link", "set", "lo", "up");
    netnsListener =
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                netns,
                "python3",
                "-m",
                "http.server",
                "8000",
                "--bind",
                NETNS_PEER)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    awaitCommand(
        List.of(
            "curl", "-s", "-o", "/dev/null", "--max-time", "2", "http://" + NETNS_PEER + ":8000/"));
  }

  private void runAttempts() throws Exception {
    String script = BoundaryAttempts.script();
    String dataRoot = engine.client().infoCmd().exec().getDockerRootDir();
    List<String> targets = new ArrayList<>();
    for (var segment : team.segments()) {
      String gateway = Ipv4.format(Cidr.parse(segment.cidr()).first() + 1);
      targets.add("host-ipv4-" + segment.id() + "=" + gateway + ":" + hostV4.getLocalPort());
      targets.add("host-ipv6-any-" + segment.id() + "=" + gateway + ":" + hostV6.getLocalPort());
      String linkLocal =
          BoundaryAttempts.linkLocalOf(DockerNames.bridge(team.rangeId(), segment.id()));
      targets.add(
          "host-ipv6-link-local-"
              + segment.id()
              + "=["
              + linkLocal
              + "%eth0]:"
              + hostV6.getLocalPort());
    }
    targets.add("other-team-web=" + other.requireHost("web").address() + ":80");
    targets.add("other-docker-network=" + outsideAddress + ":8000");
    targets.add("network-namespace=" + NETNS_PEER + ":8000");
    String spoof =
        other.requireHost("web").address() + ":9999 " + other.requireHost("fw").address();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (PlannedHost host : team.hosts()) {
        String gateway =
            Ipv4.format(
                Cidr.parse(team.segment(host.interfaces().get(0).segment()).orElseThrow().cidr())
                        .first()
                    + 1);
        String via =
            String.join(
                " ",
                other.addressBlock() + "=" + gateway,
                "10.250.254.0/30=" + gateway,
                outsideAddress + "/32=" + gateway);
        String env =
            "export ENSHU_ROLE='"
                + host.role().id()
                + "' MARKER_DIR='"
                + markers
                + "' DATA_ROOT='"
                + dataRoot
                + "' TCP_TARGETS='"
                + String.join(" ", targets)
                + "' ROUTE_VIA='"
                + via
                + "' SPOOF='"
                + spoof
                + "' DNS_PROBE='"
                + dnsToken
                + ".example.org'\n";
        runs.add(
            pool.submit(
                () -> {
                  ExecResult run =
                      provider.exec(
                          new HostRef(team.rangeId(), host.id()),
                          List.of("bash", "-c", env + script),
                          Duration.ofMinutes(4));
                  BoundaryAttempts.collect(host.id(), run.stdout(), results);
                  assertThat(run.timedOut()).as("attempts on %s timed out", host.id()).isFalse();
                }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @AfterAll
  void cleanUp() throws Exception {
    try {
      if (team != null) {
        provider.destroy(team.rangeId());
      }
      if (other != null) {
        provider.destroy(other.rangeId());
      }
    } finally {
      for (ServerSocket s : new ServerSocket[] {hostV4, hostV6}) {
        if (s != null) {
          s.close();
        }
      }
      if (netnsListener != null) {
        netnsListener.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      if (netns != null) {
        new ProcessBuilder("ip", "netns", "delete", netns).start().waitFor(10, TimeUnit.SECONDS);
      }
      if (outsideContainer != null) {
        engine.client().removeContainerCmd(outsideContainer).withForce(true).exec();
      }
      if (outsideNetwork != null) {
        engine.client().removeNetworkCmd(outsideNetwork).exec();
      }
      if (markers != null) {
        try (Stream<Path> files = Files.list(markers)) {
          for (Path f : files.toList()) {
            Files.delete(f);
          }
        }
        Files.delete(markers);
      }
      engine.close();
    }
  }

  @Test
  void cgroupV1ReleaseAgentAndNotifyOnRelease() throws IOException {
    assertBlocked(
        "cgroup-release-agent",
        "cgroup-release-agent-existing",
        "cgroup-notify-on-release",
        "cgroup-in-user-namespace");
    assertNoMarker();
  }

  @Test
  void mountingFilesystemsAndTheHostsDevices() throws IOException {
    assertBlocked("mount-tmpfs", "mount-proc", "mount-host-device", "read-host-device");
    assertNoMarker();
  }

  @Test
  void mknodOfABlockDevice() {
    assertBlocked("mknod-block-device");
  }

  @Test
  void remountingProcAndSysAndTurningIpv6On() {
    assertBlocked("remount-proc-sys", "remount-sys", "enable-ipv6");
  }

  @Test
  void loadingAKernelModule() {
    assertBlocked("load-kernel-module");
  }

  @Test
  void writingSysrqTriggerAndCorePattern() {
    assertBlocked("write-sysrq-trigger", "write-core-pattern");
  }

  @Test
  void noHostHoldsADangerousCapabilityNewPrivilegesOrTheEnginesSocket() {
    assertBlocked("dangerous-capabilities", "new-privileges", "engine-socket");
  }

  @Test
  void checksAndActionsTheEngineRunsInAHostHaveOnlyThatHostsPowers() throws IOException {
    // a trainee replaces the host's readiness check with their own program: the engine runs it
    // with the host's own capabilities and no way to gain more
    HostRef pc =
        new HostRef(
            team.rangeId(),
            team.hosts().stream()
                .filter(h -> h.role() == HostRole.WORKSTATION)
                .findFirst()
                .orElseThrow()
                .id());
    String ready = "/usr/local/lib/enshu/ready";
    ExecResult planted =
        provider.exec(
            pc,
            List.of(
                "sh",
                "-c",
                "cp "
                    + ready
                    + " /tmp/ready.orig && printf '#!/bin/sh\\ngrep -E \"^(CapBnd|CapEff|NoNewPrivs):\" /proc/self/status\\n' >"
                    + ready),
            Duration.ofSeconds(20));
    assertThat(planted.exitCode()).as(planted.stderr()).isZero();
    try {
      ExecResult run = provider.exec(pc, List.of(ready), Duration.ofSeconds(20));
      Map<String, String> status = new TreeMap<>();
      run.stdout().lines().forEach(l -> status.put(l.split(":")[0], l.split(":")[1].strip()));
      assertThat(status).containsEntry("NoNewPrivs", "1");
      long bounding = Long.parseUnsignedLong(status.get("CapBnd"), 16);
      for (int cap : new int[] {2, 12, 16, 17, 19, 21, 27}) {
        assertThat((bounding >> cap) & 1)
            .as(
                "capability %d in the bounding set of a check run by the engine (%s)",
                cap, run.stdout())
            .isZero();
      }
    } finally {
      provider.exec(pc, List.of("sh", "-c", "cp /tmp/ready.orig " + ready), Duration.ofSeconds(20));
    }
    assertNoMarker();
  }

  @Test
  void theHostMachinesListenersAreUnreachableOverIpv4AndIpv6() {
    assertBlocked(
        results.keySet().stream().filter(k -> k.startsWith("reach-host-")).toArray(String[]::new));
    assertThat(results.keySet().stream().filter(k -> k.startsWith("reach-host-")).count())
        .isEqualTo(3L * team.segments().size());
    assertThat(hostConnections.get())
        .as("connections the host listeners accepted from the range")
        .isZero();
  }

  @Test
  void otherTeamsAreUnreachableDirectlyThroughTheEnginesGatewaysAndWithAForgedSource() {
    assertBlocked("reach-other-team-web", "route-via-gateway", "spoofed-source");
    ExecResult got = sh(other, "web", BoundaryAttempts.SPOOF_RECEIVED);
    assertThat(got.stdout().strip())
        .as("datagrams the other team's listener received")
        .isEqualTo("nothing");
    // the other team's web site answers inside its own range: the failure above is the boundary.
    // The outside Docker network was made after both ranges, which moves the engine's rules above
    // the host guard's jump in FORWARD: routing between the range's segments holds all the same.
    assertThat(
            sh(
                    other,
                    "proxy",
                    "curl -s -o /dev/null --max-time 5 http://"
                        + other.requireHost("web").address()
                        + "/")
                .exitCode())
        .as("the other team's proxy reaches its own web server through its firewall")
        .isZero();
  }

  @Test
  void anotherDockerNetworkAndANetworkNamespaceAreUnreachable() {
    assertBlocked("reach-other-docker-network", "reach-network-namespace");
  }

  @Test
  void theEnginesResolverForwardsOnlyToTheRangesOwnResolvers() {
    assertBlocked("embedded-dns");
    Cidr block = Cidr.parse(team.addressBlock());
    for (PlannedHost host : team.hosts()) {
      List<String> dns =
          List.of(
              engine
                  .client()
                  .inspectContainerCmd(DockerNames.container(team.rangeId(), host.id()))
                  .exec()
                  .getHostConfig()
                  .getDns());
      assertThat(dns).as("upstreams of the engine's resolver in %s", host.id()).isNotEmpty();
      dns.forEach(
          d ->
              assertThat(block.contains(Ipv4.parse(d)))
                  .as("%s resolver %s", host.id(), d)
                  .isTrue());
    }
    // the probe sent to the engine's resolver was asked of the range's own DNS server
    String logs =
        team.hosts().stream()
            .filter(h -> h.role() == HostRole.DNS)
            .map(h -> sh(team, h.id(), "cat /var/log/dnsmasq/dnsmasq.log").stdout())
            .reduce("", String::concat);
    assertThat(logs).contains(dnsToken);
  }

  private void assertBlocked(String... attempts) {
    List<String> proofs = new ArrayList<>();
    for (String attempt : attempts) {
      Map<String, String> byHost = results.getOrDefault(attempt, Map.of());
      assertThat(byHost.keySet())
          .as("hosts that ran attempt %s", attempt)
          .containsExactlyInAnyOrderElementsOf(team.hosts().stream().map(PlannedHost::id).toList());
      byHost.forEach(
          (host, outcome) -> {
            if (!outcome.startsWith("blocked")) {
              proofs.add(attempt + " on " + host + ": " + outcome);
            }
          });
    }
    assertThat(proofs).as("attempts that succeeded, with their proof").isEmpty();
  }

  private void assertNoMarker() throws IOException {
    try (Stream<Path> files = Files.list(markers)) {
      assertThat(files.map(Path::toString).toList())
          .as("proofs of code run on the host machine")
          .isEmpty();
    }
  }

  private ExecResult sh(RangePlan plan, String host, String script) {
    return provider.exec(
        new HostRef(plan.rangeId(), host), List.of("sh", "-c", script), Duration.ofSeconds(30));
  }

  /** The IPv6 link-local address a bridge with this name has or would have (from its MAC). */
  private void awaitConnections(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (hostConnections.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(hostConnections.get()).isGreaterThanOrEqualTo(count);
  }

  private static void awaitCommand(List<String> command) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (InputStream out = p.getInputStream()) {
        out.readAllBytes();
      }
      if (p.waitFor() == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.join(" ", command) + " did not succeed within 60 s");
      }
      Thread.sleep(200);
    }
  }

  private static void command(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s: %s", String.join(" ", command), out).isZero();
  }
}
