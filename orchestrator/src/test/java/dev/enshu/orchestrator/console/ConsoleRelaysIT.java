package dev.enshu.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.TestAccounts;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.ConsoleEndpoint;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The VNC relay against a real QEMU VNC display on loopback (the display a libvirt VM gets), and
 * the Guacamole tunnel against a fake guacd speaking the protocol's handshake.
 */
@ServerTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:console-relays;DB_CLOSE_DELAY=-1",
      "enshu.data-dir=./target/console-relays-it/data",
      "enshu.console.recordings-dir=./target/console-relays-it/recordings"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleRelaysIT {
  static final String EXERCISE = "crit";
  static final int VNC_PORT = freePort();
  static FakeGuacd guacd;
  static Process qemu;

  @LocalServerPort int port;
  @Autowired ConsoleRangePlans plans;
  @Autowired Accounts accounts;
  String sensei;
  String sato;

  @DynamicPropertySource
  static void guacd(DynamicPropertyRegistry registry) throws IOException {
    guacd = new FakeGuacd();
    registry.add("enshu.console.guacd.port", guacd::port);
  }

  /** Team 1's {@code desktop} is a VM with a VNC display; other hosts as the providers say. */
  @TestConfiguration
  static class VmEndpoints {
    @Bean
    @org.springframework.context.annotation.Primary
    ConsoleEndpoints vmConsoleEndpoints() {
      return target ->
          target.hostId().equals("desktop")
              ? new ConsoleEndpoint.Vnc("libvirt", "enshu-crit-t1-desktop", "127.0.0.1", VNC_PORT)
              : new ConsoleEndpoint.Vnc("libvirt", "elsewhere", "192.0.2.1", 5900);
    }
  }

  @BeforeAll
  void startVm() throws Exception {
    TestAccounts users = new TestAccounts(accounts);
    sensei = users.instructor("sensei");
    sato = users.trainee("sato", EXERCISE, 1);
    Path qemuBinary = Path.of("/usr/bin/qemu-system-x86_64");
    assertThat(Files.isExecutable(qemuBinary))
        .as("QEMU is needed for the VNC test: run scripts/setup.sh (installs qemu-system-x86)")
        .isTrue();
    qemu =
        new ProcessBuilder(
                qemuBinary.toString(),
                "-name",
                "enshu-console-test",
                "-machine",
                "accel=tcg",
                "-m",
                "32",
                "-nodefaults",
                "-vga",
                "std",
                "-S",
                "-display",
                "vnc=127.0.0.1:" + (VNC_PORT - 5900))
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target/console-relays-it-qemu.log").toFile())
            .start();
    for (int i = 0; i < 100; i++) {
      try {
        new Socket(InetAddress.getLoopbackAddress(), VNC_PORT).close();
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("QEMU's VNC display did not listen on " + VNC_PORT);
  }

  @AfterAll
  void stop() throws IOException {
    if (qemu != null) {
      qemu.destroy();
    }
    if (guacd != null) {
      guacd.close();
    }
  }

  static int freePort() {
    for (int p = 5950 + (int) (System.nanoTime() % 40); p < 6000; p++) {
      try {
        new ServerSocket(p, 1, InetAddress.getLoopbackAddress()).close();
        return p;
      } catch (IOException e) {
        // taken
      }
    }
    throw new IllegalStateException("no free VNC port in 5950-5999");
  }

  String url(String transport, String host) {
    return "ws://127.0.0.1:"
        + port
        + "/api/console/"
        + transport
        + "?exercise="
        + EXERCISE
        + "&team=1&host="
        + host;
  }

  @Test
  void rfbHandshakeCompletesThroughTheRelay() {
    try (SocketClient browser = SocketClient.connectAs(sato, url("vnc", "desktop"), "binary")) {
      browser.awaitBytes(12, Duration.ofSeconds(10));
      assertThat(new String(browser.bytes(), 0, 12, StandardCharsets.US_ASCII))
          .isEqualTo("RFB 003.008\n");
      browser.sendBytes("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
      // security types: count, then the types; QEMU without a password offers None (1)
      browser.awaitBytes(14, Duration.ofSeconds(10));
      byte[] types = browser.bytes();
      assertThat(types[12]).isGreaterThan((byte) 0);
      assertThat(java.util.Arrays.copyOfRange(types, 13, 13 + types[12])).contains((byte) 1);
      browser.sendBytes(new byte[] {1});
      browser.awaitBytes(13 + types[12] + 4, Duration.ofSeconds(10));
      int result = ByteBuffer.wrap(browser.bytes(), 13 + types[12], 4).getInt();
      assertThat(result).as("security result").isZero();
      browser.sendBytes(new byte[] {1}); // ClientInit, shared
      int serverInit = 13 + types[12] + 4;
      browser.awaitBytes(serverInit + 24, Duration.ofSeconds(10));
      ByteBuffer init = ByteBuffer.wrap(browser.bytes(), serverInit, 24);
      int width = init.getShort() & 0xffff;
      int height = init.getShort() & 0xffff;
      init.position(init.position() + 16);
      int nameLength = init.getInt();
      browser.awaitBytes(serverInit + 24 + nameLength, Duration.ofSeconds(10));
      String name =
          new String(browser.bytes(), serverInit + 24, nameLength, StandardCharsets.UTF_8);
      assertThat(width).isPositive();
      assertThat(height).isPositive();
      assertThat(name).contains("enshu-console-test");
    }
  }

  @Test
  void vncDisplayOffLoopbackIsRefused() {
    try (SocketClient browser = SocketClient.connectAs(sato, url("vnc", "server"), "binary")) {
      assertThat(browser.awaitClose()).startsWith("4403").contains("not on loopback");
    }
  }

  @Test
  void vncOfAnotherTeamIsRefused() {
    String other = url("vnc", "desktop").replace("team=1", "team=2");
    try (SocketClient browser = SocketClient.connectAs(sato, other, "binary")) {
      assertThat(browser.awaitClose()).startsWith("4403").contains("team 1");
    }
  }

  @Test
  void guacamoleTunnelHandshakesWithGuacdAndRelaysBothWays() throws Exception {
    ScenarioLoader.Loaded loaded =
        ScenarioLoader.load(Path.of("src/test/resources/scenarios/mini-c2.yaml"));
    RangePlan plan =
        new PlanCompiler(loaded.scenario(), loaded.template())
            .compile(EXERCISE, 1, 7, new AddressPool(Cidr.parse("10.96.0.0/12")).block(0, 16));
    ((ConsoleRangePlans.Registered) plans).register(plan);
    String pcAddress = plan.requireHost("pc").address();

    try (SocketClient browser =
        SocketClient.connectAs(
            sato, url("guacamole", "pc") + "&protocol=rdp&width=1280&height=720", "guacamole")) {
      String uuid = browser.awaitText(t -> t.startsWith("0.,36."), Duration.ofSeconds(10));
      assertThat(uuid).matches("0\\.,36\\.[0-9a-f-]{36};");
      // guacd's first instruction after ready reaches the browser
      browser.awaitText(t -> t.contains("4.sync,5.12345;"), Duration.ofSeconds(10));

      assertThat(guacd.handshake.get(0)).containsExactly("select", "rdp");
      assertThat(guacd.handshake)
          .anySatisfy(i -> assertThat(i).containsExactly("size", "1280", "720", "96"));
      List<String> connect = guacd.connectArgs();
      assertThat(connect.get(1)).isEqualTo("VERSION_1_5_0");
      assertThat(connect.get(2)).isEqualTo(pcAddress);
      assertThat(connect.get(3)).isEqualTo("3389");

      // the browser's instructions reach guacd; its internal ping is answered by the gateway
      browser.sendText("3.key,5.65307,1.1;");
      assertThat(guacd.awaitReceived("key")).containsExactly("key", "65307", "1");
      browser.sendText("0.,4.ping,13.1700000000000;");
      browser.awaitText(t -> t.startsWith("0.,4.ping,"), Duration.ofSeconds(10));
      browser.sendText("4.sync,3.777;");
      browser.awaitText(t -> t.contains("4.sync,3.777;"), Duration.ofSeconds(10));
    }
  }

  @Test
  void guacamoleWithoutAPlanSaysSo() {
    try (SocketClient browser =
        SocketClient.connectAs(
            sensei, url("guacamole", "pc").replace(EXERCISE, "nope"), "guacamole")) {
      assertThat(browser.awaitClose()).startsWith("4404").contains("no running range nope-t1");
    }
  }
}
