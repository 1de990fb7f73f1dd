package dev.enshu.orchestrator.range.libvirt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.BoundaryAttempts;
import dev.enshu.orchestrator.range.ConsoleEndpoint;
import dev.enshu.orchestrator.range.EngineRangeProviderContract;
import dev.enshu.orchestrator.range.OutsideListeners;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangePlan.PlannedSegment;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.docker.EngineImages;
import dev.enshu.template.Cidr;
import dev.enshu.template.Ipv4;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The provider contract against the real {@code qemu:///system} here (VMs under TCG where there is
 * no KVM), and what is particular to libvirt.
 */
class LibvirtRangeProviderIT extends EngineRangeProviderContract {
  private final List<HostPool> pools = new ArrayList<>();

  @Override
  protected RangeProvider createProvider() {
    // guests' disks are made from the role images
    EngineImages.ensureBuilt();
    LibvirtRangeProvider provider = newProvider();
    RangeProvider.Availability availability = provider.probe();
    assertThat(availability.available())
        .as("libvirt must run here (scripts/setup-libvirt.sh starts it): %s", availability.detail())
        .isTrue();
    return provider;
  }

  @Override
  protected RangeProvider createAnotherProvider() {
    return newProvider();
  }

  private LibvirtRangeProvider newProvider() {
    HostPool pool = HostPool.of(List.of("qemu:///system"));
    pools.add(pool);
    return new LibvirtRangeProvider(pool, LibvirtSettings.detect(), Clock.systemUTC());
  }

  @Override
  protected void release() {
    pools.forEach(HostPool::close);
  }

  @Test
  @Order(7)
  void vncDisplayIsOnLoopbackOnly() {
    ConsoleEndpoint.Vnc vnc = provider.display(new HostRef(teamA.rangeId(), "pc")).orElseThrow();
    assertThat(vnc.address()).matches("127\\.0\\.0\\.1:59\\d\\d");
  }

  @Test
  @Order(7)
  void theRangeIsOnIsolatedNetworksWithoutAHostAddress() throws Exception {
    for (RangeProvider.ProviderResource r : provider.list()) {
      if (r.kind().equals("network") && teamA.rangeId().equals(r.rangeId())) {
        String bridge = LibvirtNames.bridge(teamA.rangeId(), r.labels().get("enshu.segment"));
        Process p = new ProcessBuilder("ip", "-4", "-o", "addr", "show", "dev", bridge).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).as("addresses of the host machine on %s", bridge).isBlank();
      }
    }
    // and the guests have no way out: the firewall has no default route
    ExecResult routes =
        provider.exec(
            new HostRef(teamA.rangeId(), "fw"),
            List.of("ip", "-4", "route", "show", "default"),
            Duration.ofSeconds(10));
    assertThat(routes.stdout()).isBlank();
  }

  /**
   * What a guest is given beside its disks and NICs, read from the running domains: no shared host
   * directory (9p, virtiofs), no vsock, no host device, no shared memory, no user-mode or direct
   * network (each NIC on one of the range's own isolated networks), VNC on loopback, the agent
   * channel a UNIX socket of libvirt's; and QEMU does not run as root.
   */
  @Test
  @Order(7)
  void guestsAreGivenNothingOfTheHostMachine() throws Exception {
    for (PlannedHost host : teamA.hosts()) {
      String name = LibvirtNames.domain(teamA.rangeId(), host.id());
      Document xml = parse(virsh("dumpxml", name));
      Element devices = (Element) xml.getElementsByTagName("devices").item(0);
      for (String forbidden :
          List.of(
              "filesystem",
              "vsock",
              "hostdev",
              "redirdev",
              "shmem",
              "smartcard",
              "tpm",
              "parallel")) {
        assertThat(devices.getElementsByTagName(forbidden).getLength())
            .as("<%s> devices of %s", forbidden, name)
            .isZero();
      }
      NodeList interfaces = devices.getElementsByTagName("interface");
      assertThat(interfaces.getLength()).isEqualTo(host.interfaces().size());
      for (int i = 0; i < interfaces.getLength(); i++) {
        Element nic = (Element) interfaces.item(i);
        assertThat(nic.getAttribute("type")).as("NIC type of %s", name).isEqualTo("network");
        Element source = (Element) nic.getElementsByTagName("source").item(0);
        assertThat(source.getAttribute("network"))
            .startsWith(LibvirtNames.network(teamA.rangeId(), ""));
        assertThat(source.getAttribute("bridge")).matches("ensh[0-9a-f]{10}");
      }
      NodeList channels = devices.getElementsByTagName("channel");
      assertThat(channels.getLength()).isEqualTo(1);
      assertThat(((Element) channels.item(0)).getAttribute("type")).isEqualTo("unix");
      NodeList graphics = devices.getElementsByTagName("graphics");
      for (int i = 0; i < graphics.getLength(); i++) {
        assertThat(((Element) graphics.item(i)).getAttribute("listen"))
            .as("VNC listen address of %s", name)
            .isEqualTo("127.0.0.1");
      }
      assertThat(qemuUser(name)).as("the user QEMU runs %s as", name).isNotEqualTo("root");
    }
    for (PlannedSegment segment : teamA.segments()) {
      Document net =
          parse(virsh("net-dumpxml", LibvirtNames.network(teamA.rangeId(), segment.id())));
      assertThat(net.getElementsByTagName("forward").getLength())
          .as("forwarding of network %s", segment.id())
          .isZero();
      assertThat(net.getElementsByTagName("ip").getLength())
          .as("host addresses on network %s", segment.id())
          .isZero();
      String bridge = LibvirtNames.bridge(teamA.rangeId(), segment.id());
      assertThat(command("ip", "-o", "addr", "show", "dev", bridge))
          .as("addresses of the host machine on %s, IPv4 and IPv6", bridge)
          .isBlank();
    }
  }

  /**
   * The escape and reach attempts of {@code boundary/attempts.sh} run as root in every guest of a
   * range. Root in a guest holds every capability of the guest's own kernel, so the escape classes
   * may well work inside it (a release_agent, a mount, a raw device): what must hold is that none
   * of them touches the host machine (no marker in the test's directory there) and that no listener
   * outside the range, on the host machine, in a network namespace or in another team's range, sees
   * a connection or a forged datagram.
   */
  @Test
  @Order(7)
  void escapeAndReachAttemptsFromEveryGuestLeaveTheHostMachineAndOtherTeamsUntouched()
      throws Exception {
    Path markers = Files.createTempDirectory("enshu-guest-boundary");
    try (OutsideListeners outside = OutsideListeners.start()) {
      ExecResult spoofListener =
          provider.exec(
              new HostRef(teamB.rangeId(), "web"),
              List.of("bash", "-c", BoundaryAttempts.SPOOF_LISTENER),
              Duration.ofMinutes(1));
      assertThat(spoofListener.exitCode()).as(spoofListener.stderr()).isZero();

      Map<String, Map<String, String>> results = attemptsInEveryGuest(markers, outside);

      List<String> reached = new ArrayList<>();
      results.forEach(
          (attempt, byHost) ->
              byHost.forEach(
                  (host, outcome) -> {
                    if (attempt.startsWith("reach-") && !outcome.startsWith("blocked")) {
                      reached.add(attempt + " from " + host + ": " + outcome);
                    }
                  }));
      assertThat(results.keySet()).contains("reach-host-ipv4", "reach-network-namespace-ipv6");
      assertThat(reached).as("listeners outside the range that a guest reached").isEmpty();
      assertThat(outside.hostConnections()).as("connections to the host's listener").isZero();
      assertThat(outside.namespaceConnections())
          .as("connections to the namespace's listener")
          .isEmpty();
      try (Stream<Path> files = Files.list(markers)) {
        assertThat(files.map(Path::toString).toList())
            .as("proofs of code run on the host machine, with each guest's attempts: %s", results)
            .isEmpty();
      }
      assertThat(sh(teamB, "web", BoundaryAttempts.SPOOF_RECEIVED).stdout().strip())
          .as("datagrams with a forged source that team B's web server received")
          .isEqualTo("nothing");
    } finally {
      try (Stream<Path> files = Files.list(markers)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(markers);
    }
  }

  private Map<String, Map<String, String>> attemptsInEveryGuest(
      Path markers, OutsideListeners outside) throws Exception {
    String script = BoundaryAttempts.script();
    List<String> targets = new ArrayList<>();
    int port = outside.hostPort();
    targets.add("host-ipv4=" + outside.hostIpv4() + ":" + port);
    targets.add("host-ipv6=[" + outside.hostIpv6() + "]:" + port);
    targets.add("network-namespace-ipv4=" + outside.namespaceIpv4() + ":8000");
    targets.add("network-namespace-ipv6=[" + outside.namespaceIpv6() + "]:8000");
    targets.add("other-team-web=" + teamB.requireHost("web").address() + ":80");
    for (PlannedSegment segment : teamA.segments()) {
      // the host's link-local address were IPv6 on on its bridge: the guard keeps it off
      String bridge = LibvirtNames.bridge(teamA.rangeId(), segment.id());
      targets.add(
          "host-ipv6-link-local-"
              + segment.id()
              + "=["
              + BoundaryAttempts.linkLocalOf(bridge)
              + "%eth0]:"
              + port);
    }
    Map<String, Map<String, String>> results = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(teamA.hosts().size());
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (PlannedHost host : teamA.hosts()) {
        PlannedSegment first = teamA.segment(host.interfaces().get(0).segment()).orElseThrow();
        // an address of the host's own segment that no range host has: a gateway of the engine
        // would be there if there were one
        String gateway = Ipv4.format(Cidr.parse(first.cidr()).first() + 1);
        String env =
            "mkdir -p '"
                + markers
                + "'; export ENSHU_ROLE='"
                + host.role().id()
                + "' MARKER_DIR='"
                + markers
                + "' DATA_ROOT=/var/lib/enshu/libvirt TCP_TARGETS='"
                + String.join(" ", targets)
                + "' ROUTE_VIA='"
                + teamB.addressBlock()
                + "="
                + gateway
                + " "
                + outside.hostIpv4()
                + "/32="
                + gateway
                + "' SPOOF='"
                + teamB.requireHost("web").address()
                + ":9999 "
                + teamB.requireHost("fw").address()
                + "'\n";
        runs.add(
            pool.submit(
                () -> {
                  ExecResult run =
                      provider.exec(
                          new HostRef(teamA.rangeId(), host.id()),
                          List.of("bash", "-c", env + script),
                          Duration.ofMinutes(6));
                  assertThat(run.timedOut()).as("attempts on %s timed out", host.id()).isFalse();
                  BoundaryAttempts.collect(host.id(), run.stdout(), results);
                  return null;
                }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
    return results;
  }

  /**
   * Root in a guest stops the guest agent and writes to its channel what a host-side shell or
   * monitor would run: shell commands, forged agent answers, QEMU monitor commands and random
   * bytes. The channel ends in libvirt, which runs none of it: no marker appears on the host
   * machine, libvirt and the guest's agent answer again, and the guest's next command runs.
   */
  @Test
  @Order(7)
  void theGuestAgentChannelIsNoWayToTheHostMachine() throws Exception {
    Path markers = Files.createTempDirectory("enshu-agent-channel");
    try {
      String marker = markers.resolve("ran-on-the-host").toString();
      String lines =
          String.join(
              "\n",
              "touch " + marker,
              "$(touch " + marker + ")",
              "`touch " + marker + "`",
              "{\"execute\":\"guest-exec\",\"arguments\":{\"path\":\"/usr/bin/touch\","
                  + "\"arg\":[\""
                  + marker
                  + "\"],\"capture-output\":true}}",
              "{\"return\": {\"pid\": 1}}",
              "{\"return\": {\"exited\": true, \"exitcode\": 0, \"out-data\": \"\"}}",
              "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":"
                  + "\"migrate exec:touch "
                  + marker
                  + "\"}}",
              "{\"execute\":\"qmp_capabilities\"}",
              "{\"QMP\": {\"version\": {}, \"capabilities\": []}}");
      ExecResult started =
          sh(
              teamA,
              "pc",
              "port=''; for p in /sys/class/virtio-ports/*; do"
                  + " [ \"$(cat $p/name)\" = org.qemu.guest_agent.0 ] && port=/dev/$(basename $p);"
                  + " done; [ -n \"$port\" ] || exit 3;"
                  + " printf '%s\\n' '"
                  + lines.replace("'", "'\\''")
                  + "' > /tmp/channel-lines;"
                  + " setsid sh -c \"sleep 3; pkill -x qemu-ga; while pgrep -x qemu-ga >/dev/null;"
                  + " do sleep 0.2; done; cat /tmp/channel-lines > $port;"
                  + " head -c 65536 /dev/urandom > $port; cat /tmp/channel-lines > $port; sleep 2;"
                  + " qemu-ga -d -m virtio-serial -p $port -t /run; touch /tmp/channel-done\""
                  + " </dev/null >/dev/null 2>&1 & echo $port");
      assertThat(started.exitCode()).as(started.stderr()).isZero();

      // the guest's agent is back (a command of the provider runs again) once the guest is done
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      String last = "";
      while (true) {
        try {
          ExecResult done = sh(teamA, "pc", "test -f /tmp/channel-done && echo done");
          if (done.stdout().strip().equals("done")) {
            break;
          }
          last = done.stdout() + done.stderr();
        } catch (RuntimeException notYet) {
          last = notYet.getMessage();
        }
        assertThat(System.nanoTime())
            .as("the guest agent answering again (last: %s)", last)
            .isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(500); // between polls of the guest
      }
      assertThat(sh(teamA, "pc", "hostname").stdout().strip()).isEqualTo("pc");
      assertThat(virsh("domstate", LibvirtNames.domain(teamA.rangeId(), "pc")).strip())
          .isEqualTo("running");
      try (Stream<Path> files = Files.list(markers)) {
        assertThat(files.map(Path::toString).toList())
            .as("what the guest's writes to the agent channel ran on the host machine")
            .isEmpty();
      }
    } finally {
      try (Stream<Path> files = Files.list(markers)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(markers);
    }
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(UTF_8)));
  }

  private static String virsh(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("virsh", "-c", "qemu:///system"));
    all.addAll(List.of(args));
    return command(all.toArray(String[]::new));
  }

  private static String command(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor()).as("`%s`: %s", String.join(" ", command), out).isZero();
    return out;
  }

  /** The user of the QEMU process that runs a domain. */
  private static String qemuUser(String domain) throws Exception {
    String pid = Files.readString(Path.of("/run/libvirt/qemu", domain + ".pid")).strip();
    return command("ps", "-o", "user=", "-p", pid).strip();
  }
}
