package dev.enshu.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.enshu.orchestrator.EngineDaemons;
import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.TestApi;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.TestAccounts;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseRequest;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.ExerciseTeams;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.docker.EngineImages;
import dev.enshu.orchestrator.range.libvirt.LibvirtRangeProvider;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Consoles of a real VM booted by the libvirt provider (QEMU, TCG where there is no KVM): the
 * serial console through the terminal gateway, and the VNC display through the VNC relay, with a
 * read-only watcher.
 */
@ServerTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:console-libvirt;DB_CLOSE_DELAY=-1",
      "enshu.libvirt.enabled=true",
      "enshu.data-dir=./target/console-libvirt-it/data",
      "enshu.console.recordings-dir=target/console-libvirt-it/recordings"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleLibvirtIT {
  static final String EXERCISE = "clv" + Long.toHexString(System.nanoTime() & 0xFFFF);
  static final ConsoleTarget PC = new ConsoleTarget(EXERCISE, 1, "pc");

  @LocalServerPort int port;
  @Autowired LibvirtRangeProvider libvirt;
  @Autowired ConsoleSessions sessions;
  @Autowired ExerciseTeams exerciseTeams;
  @Autowired Accounts accounts;
  @Autowired ExerciseStore store;
  @Autowired Journal journal;
  RangePlan plan;
  String sensei;
  String sato;
  String tanaka;

  /** Team 1's range cut down to its terminal {@code pc}: one VM is enough for its consoles. */
  @BeforeAll
  void bootTheTerminal() {
    RangeProvider.Availability availability = libvirt.probe();
    assertThat(availability.available())
        .as("libvirt must run here (scripts/setup-libvirt.sh starts it): %s", availability.detail())
        .isTrue();
    // the guest's disk is made from the role image
    EngineImages.ensureBuilt();
    // team 1 sits at venue osaka, where tanaka assists
    exerciseTeams.create(
        new ExerciseRequest(
            EXERCISE,
            "phishing-ransomware",
            1L,
            Exercise.Mode.SATELLITE,
            "libvirt",
            1.0,
            List.of(new Exercise.Venue("osaka", "Osaka")),
            List.of(new ExerciseRequest.TeamRequest("One", "osaka", List.of()))),
        "test");
    TestAccounts users = new TestAccounts(accounts);
    sensei = users.instructor("sensei");
    sato = users.trainee("sato", EXERCISE, 1);
    tanaka = users.assistant("tanaka", "osaka");
    ScenarioLoader.Loaded loaded =
        ScenarioLoader.load(Path.of("src/test/resources/scenarios/mini-c2.yaml"));
    RangePlan full =
        new PlanCompiler(loaded.scenario(), loaded.template())
            .compile(
                EXERCISE,
                1,
                7,
                new AddressPool(Cidr.parse("10.96.0.0/12"))
                    .block((int) (System.nanoTime() % 16), 16));
    PlannedHost pc = full.requireHost("pc");
    List<String> segments = pc.interfaces().stream().map(i -> i.segment()).toList();
    plan =
        new RangePlan(
            full.exerciseId(),
            full.team(),
            full.rangeId(),
            full.scenario(),
            full.template(),
            full.seed(),
            full.domain(),
            full.addressBlock(),
            full.segments().stream().filter(s -> segments.contains(s.id())).toList(),
            List.of(pc),
            List.of(),
            full.soc(),
            full.dns(),
            List.of(),
            full.accounts().stream().filter(a -> a.host().equals("pc")).toList(),
            full.variables(),
            List.of());
    libvirt.provision(plan);
    // the range is the team's, as provisioning through the service makes it
    store.setTeamState(EXERCISE, 1, State.READY, null);
  }

  @AfterAll
  void destroy() {
    if (plan != null) {
      libvirt.destroy(plan.rangeId());
    }
  }

  String url(String transport) {
    return "ws://127.0.0.1:"
        + port
        + "/api/console/"
        + transport
        + "?exercise="
        + EXERCISE
        + "&team=1&host=pc";
  }

  String join(String transport, String session, String mode) {
    return "ws://127.0.0.1:"
        + port
        + "/api/console/"
        + transport
        + "?session="
        + session
        + "&mode="
        + mode;
  }

  @Test
  void serialConsoleRunsATypedCommandAndJapaneseRoundTrips() {
    try (SocketClient trainee = SocketClient.connectAs(sato, url("terminal"))) {
      trainee.awaitText(t -> t.contains("\"type\":\"session\""), Duration.ofSeconds(15));
      // the line has been at its prompt since boot: a return draws a fresh one
      trainee.type("\r");
      trainee.type("echo answer-$((6*7)); hostname\r");
      // and the prompt after it: what is typed before the prompt is drawn is echoed out of line
      trainee.awaitScreen(
          s -> s.contains("answer-42") && s.contains("\npc") && s.trim().endsWith("#"),
          Duration.ofSeconds(60));

      trainee.type("printf '%s\\n' 不審な通信を遮断 > /tmp/ja.txt; cat /tmp/ja.txt\r");
      // the line echoes the command as typed, then cat prints the text: UTF-8 both ways
      String screen =
          trainee.awaitScreen(s -> s.split("不審な通信を遮断", -1).length >= 3, Duration.ofSeconds(30));
      assertThat(screen).doesNotContain("\uFFFD");
    }
    RangeProvider.ExecResult written =
        libvirt.exec(
            new HostRef(plan.rangeId(), "pc"),
            List.of("cat", "/tmp/ja.txt"),
            Duration.ofSeconds(20));
    assertThat(written.stdout()).isEqualTo("不審な通信を遮断\n");
  }

  @Test
  void aSecondSessionOnTheSameSerialLineIsRefusedWhileTheFirstHoldsIt() {
    try (SocketClient first = SocketClient.connectAs(sato, url("terminal"))) {
      first.awaitText(t -> t.contains("\"type\":\"session\""), Duration.ofSeconds(15));
      try (SocketClient second = SocketClient.connectAs(sensei, url("terminal"))) {
        assertThat(second.awaitClose()).startsWith("4409").contains("another session holds it");
      }
      first.type("echo still-$((1+2))\r");
      first.awaitScreen(s -> s.contains("still-3"), Duration.ofSeconds(30));
    }
  }

  /**
   * libvirtd restarted (an upgrade, a crash) under a running guest: the guest runs on (the same
   * boot), the provider opens its connection again and the server adopts the range; a console open
   * across the restart is closed, and the console opened again works.
   */
  @Test
  void guestRunsOnAndItsConsoleReconnectsAfterALibvirtdRestart() throws Exception {
    HostRef pc = new HostRef(plan.rangeId(), "pc");
    List<String> bootId = List.of("cat", "/proc/sys/kernel/random/boot_id");
    String boot = libvirt.exec(pc, bootId, Duration.ofSeconds(20)).stdout();
    assertThat(boot).isNotBlank();
    try (SocketClient before = SocketClient.connectAs(sato, url("terminal"))) {
      before.awaitText(t -> t.contains("\"type\":\"session\""), Duration.ofSeconds(15));
      EngineDaemons.restartLibvirtd();
      assertThat(before.awaitClose()).as("the session whose stream was lost").startsWith("4001");
    }
    await("the range adopted once libvirtd answers again")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> journal.read(EXERCISE, 1, "range.engine-returned"), e -> !e.isEmpty());
    assertThat(libvirt.exec(pc, bootId, Duration.ofSeconds(20)).stdout())
        .as("the same boot of the guest")
        .isEqualTo(boot);
    try (SocketClient after = SocketClient.connectAs(sato, url("terminal"))) {
      after.awaitText(t -> t.contains("\"type\":\"session\""), Duration.ofSeconds(15));
      after.type("\r");
      after.type("echo back-$((2*21))\r");
      after.awaitScreen(s -> s.contains("back-42"), Duration.ofSeconds(60));
    }
  }

  /** A browser speaking RFB through the relay, as noVNC does. */
  static final class RfbViewer {
    final SocketClient socket;
    int width;
    int height;
    int serverInitEnd;
    int bytesPerPixel;

    /** Where the next message from the display starts in what the socket received. */
    int read;

    RfbViewer(SocketClient socket) {
      this.socket = socket;
    }

    /** Version, security None, ClientInit (not shared: the gateway must make it so), ServerInit. */
    RfbViewer handshake() {
      socket.awaitBytes(12, Duration.ofSeconds(20));
      assertThat(new String(socket.bytes(), 0, 12, StandardCharsets.US_ASCII))
          .isEqualTo("RFB 003.008\n");
      socket.sendBytes("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
      socket.awaitBytes(14, Duration.ofSeconds(10));
      byte[] b = socket.bytes();
      int count = b[12];
      assertThat(java.util.Arrays.copyOfRange(b, 13, 13 + count)).contains((byte) 1);
      socket.sendBytes(new byte[] {1});
      int result = 13 + count;
      socket.awaitBytes(result + 4, Duration.ofSeconds(10));
      assertThat(ByteBuffer.wrap(socket.bytes(), result, 4).getInt())
          .as("security result")
          .isZero();
      socket.sendBytes(new byte[] {0});
      int init = result + 4;
      socket.awaitBytes(init + 24, Duration.ofSeconds(10));
      ByteBuffer serverInit = ByteBuffer.wrap(socket.bytes(), init, 24);
      width = serverInit.getShort() & 0xffff;
      height = serverInit.getShort() & 0xffff;
      int nameLength = ByteBuffer.wrap(socket.bytes(), init + 20, 4).getInt();
      bytesPerPixel = (socket.bytes()[init + 4] & 0xff) / 8;
      serverInitEnd = init + 24 + nameLength;
      socket.awaitBytes(serverInitEnd, Duration.ofSeconds(10));
      read = serverInitEnd;
      return this;
    }

    void key(int keysym) {
      for (boolean down : new boolean[] {true, false}) {
        socket.sendBytes(
            ByteBuffer.allocate(8)
                .put((byte) 4)
                .put((byte) (down ? 1 : 0))
                .putShort((short) 0)
                .putInt(keysym)
                .array());
      }
    }

    void pointer(int x, int y) {
      socket.sendBytes(
          ByteBuffer.allocate(6)
              .put((byte) 5)
              .put((byte) 0)
              .putShort((short) x)
              .putShort((short) y)
              .array());
    }

    /**
     * Asks for the whole screen and reads the display's answer to its end: a FramebufferUpdate of
     * raw rectangles (the viewer sent no SetEncodings), after any bells.
     */
    void awaitScreenUpdate() {
      socket.sendBytes(
          ByteBuffer.allocate(10)
              .put((byte) 3)
              .put((byte) 0)
              .putShort((short) 0)
              .putShort((short) 0)
              .putShort((short) width)
              .putShort((short) height)
              .array());
      Duration wait = Duration.ofSeconds(20);
      socket.awaitBytes(read + 1, wait);
      while (socket.bytes()[read] == 2) { // Bell: one byte
        read++;
        socket.awaitBytes(read + 1, wait);
      }
      socket.awaitBytes(read + 4, wait);
      assertThat(socket.bytes()[read]).as("message type FramebufferUpdate").isZero();
      int rectangles = ByteBuffer.wrap(socket.bytes(), read + 2, 2).getShort() & 0xffff;
      int at = read + 4;
      for (int i = 0; i < rectangles; i++) {
        socket.awaitBytes(at + 12, wait);
        ByteBuffer header = ByteBuffer.wrap(socket.bytes(), at, 12);
        header.getShort(); // x
        header.getShort(); // y
        int w = header.getShort() & 0xffff;
        int h = header.getShort() & 0xffff;
        assertThat(header.getInt()).as("raw encoding").isZero();
        at += 12 + w * h * bytesPerPixel;
      }
      socket.awaitBytes(at, wait);
      read = at;
    }
  }

  /** ServerInit's framebuffer size, read straight from the display (loopback, no gateway). */
  static int[] displaySize(String hostPort) throws IOException {
    int colon = hostPort.lastIndexOf(':');
    try (Socket tcp =
        new Socket(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)))) {
      tcp.setSoTimeout(20_000);
      DataInputStream in = new DataInputStream(tcp.getInputStream());
      in.readFully(new byte[12]);
      tcp.getOutputStream().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
      in.readFully(new byte[in.readUnsignedByte()]);
      tcp.getOutputStream().write(new byte[] {1});
      assertThat(in.readInt()).isZero();
      tcp.getOutputStream().write(new byte[] {1});
      return new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
    }
  }

  JsonNode vncSession() throws Exception {
    TestApi.Response list = TestApi.at(port).as(sensei).get("/api/console/sessions");
    assertThat(list.status()).isEqualTo(200);
    for (JsonNode s : Viewer.JSON.readTree(list.body())) {
      if (s.path("transport").asString().equals("vnc") && s.path("host").asString().equals("pc")) {
        return s;
      }
    }
    throw new AssertionError("no VNC session of pc in " + list.body());
  }

  @Test
  void vncHandshakeCompletesAndAWatchersInputNeverReachesTheVm() throws Exception {
    String display = libvirt.display(new HostRef(plan.rangeId(), "pc")).orElseThrow().address();
    int[] size = displaySize(display);
    try (SocketClient ownerSocket = SocketClient.connectAs(sato, url("vnc"), "binary")) {
      RfbViewer owner = new RfbViewer(ownerSocket).handshake();
      assertThat(new int[] {owner.width, owner.height})
          .as("the VM's framebuffer size")
          .isEqualTo(size);
      owner.awaitScreenUpdate();
      String session = vncSession().path("session").asString();

      try (SocketClient watcherSocket =
          SocketClient.connectAs(tanaka, join("vnc", session, "observe"), "binary")) {
        RfbViewer watcher = new RfbViewer(watcherSocket).handshake();
        watcher.awaitScreenUpdate();
        for (char c : "reboot\r".toCharArray()) {
          watcher.key(c);
        }
        watcher.pointer(10, 10);
        watcher.awaitScreenUpdate();
        owner.key('a');
        // the watcher's ClientInit asked for exclusive access: made shared, the owner stays
        owner.awaitScreenUpdate();

        var filters = sessions.vnc(session).orElseThrow().filters();
        RfbClientFilter watching = filters.get("tanaka:OBSERVE");
        assertThat(watching.dropped(4)).as("watcher's key events dropped").isEqualTo(14);
        assertThat(watching.dropped(5)).as("watcher's pointer events dropped").isEqualTo(1);
        assertThat(watching.forwarded(4) + watching.forwarded(5)).isZero();
        assertThat(watching.forwarded(3)).isEqualTo(2);
        assertThat(filters.get("sato:OPEN").forwarded(4)).as("owner's key events").isEqualTo(2);
        assertThat(vncSession().path("droppedInput").asLong()).isEqualTo(15);
      }

      // the instructor grants the assistant control: now their keys go to the VM
      TestApi.Response grant =
          TestApi.at(port)
              .as(sensei)
              .post("/api/console/sessions/" + session + "/control?user=tanaka", null);
      assertThat(grant.status()).isEqualTo(200);
      try (SocketClient helperSocket =
          SocketClient.connectAs(tanaka, join("vnc", session, "control"), "binary")) {
        RfbViewer helper = new RfbViewer(helperSocket).handshake();
        helper.key('b');
        helper.awaitScreenUpdate();
        RfbClientFilter helping =
            sessions.vnc(session).orElseThrow().filters().get("tanaka:CONTROL");
        assertThat(helping.forwarded(4)).isEqualTo(2);
        assertThat(helping.droppedInput()).isZero();
      }
    }
  }
}
