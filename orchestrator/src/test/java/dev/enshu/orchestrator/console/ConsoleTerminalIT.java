package dev.enshu.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.TestApi;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.TestAccounts;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseRequest;
import dev.enshu.orchestrator.exercise.ExerciseTeams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Terminal sessions through the gateway on real containers: the two hosts stand for team 1's and
 * team 2's {@code pc}.
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleTerminalIT {
  static final String EXERCISE = "cit" + Long.toHexString(System.nanoTime() & 0xFFFFF);
  static final ConsoleTarget TEAM1_PC = new ConsoleTarget(EXERCISE, 1, "pc");
  static final ConsoleTarget TEAM2_PC = new ConsoleTarget(EXERCISE, 2, "pc");

  @LocalServerPort int port;
  @Autowired RecordingIndex recordings;
  @Autowired ExerciseTeams exerciseTeams;
  @Autowired Accounts accounts;
  ConsoleContainers containers;
  String sensei;
  String sato;
  String tanaka;
  String kimura;

  @BeforeAll
  void startHosts() {
    // team 1 sits at venue osaka, where tanaka assists; team 2 at kyoto
    exerciseTeams.create(
        new ExerciseRequest(
            EXERCISE,
            "phishing-ransomware",
            1L,
            Exercise.Mode.SATELLITE,
            "docker",
            1.0,
            List.of(new Exercise.Venue("osaka", "Osaka"), new Exercise.Venue("kyoto", "Kyoto")),
            List.of(
                new ExerciseRequest.TeamRequest("One", "osaka", List.of()),
                new ExerciseRequest.TeamRequest("Two", "kyoto", List.of()))),
        "test");
    TestAccounts users = new TestAccounts(accounts);
    sensei = users.instructor("sensei");
    sato = users.trainee("sato", EXERCISE, 1);
    tanaka = users.assistant("tanaka", "osaka");
    kimura = users.trainee("kimura", EXERCISE, 2);
    containers = new ConsoleContainers();
    containers.start(TEAM1_PC);
    containers.start(TEAM2_PC);
  }

  @AfterAll
  void removeHosts() {
    if (containers != null) {
      containers.close();
    }
  }

  String open(ConsoleTarget target) {
    return "ws://127.0.0.1:"
        + port
        + "/api/console/terminal?exercise="
        + target.exerciseId()
        + "&team="
        + target.team()
        + "&host="
        + target.hostId();
  }

  String join(String session, String mode) {
    return "ws://127.0.0.1:" + port + "/api/console/terminal?session=" + session + "&mode=" + mode;
  }

  static String sessionId(SocketClient client) {
    String hello =
        client.awaitText(t -> t.contains("\"type\":\"session\""), Duration.ofSeconds(15));
    return Viewer.JSON.readTree(hello).path("session").asString();
  }

  @Test
  void typedCommandRunsAndItsOutputComesBack() {
    try (SocketClient trainee = SocketClient.connectAs(sato, open(TEAM1_PC))) {
      sessionId(trainee);
      trainee.type("echo answer-$((6*7)); hostname\r");
      trainee.awaitScreenContains("answer-42");
      trainee.awaitScreenContains("\npc");
    }
  }

  @Test
  void resizeReachesThePty() {
    try (SocketClient trainee = SocketClient.connectAs(sato, open(TEAM1_PC))) {
      sessionId(trainee);
      trainee.resize(132, 43);
      trainee.type("stty size\r");
      trainee.awaitScreenContains("43 132");
    }
  }

  @Test
  void japaneseTextRoundTrips() {
    try (SocketClient trainee = SocketClient.connectAs(sato, open(TEAM1_PC))) {
      sessionId(trainee);
      trainee.type("printf '%s\\n' 不審な通信を遮断 > /tmp/ja.txt; wc -m < /tmp/ja.txt; cat /tmp/ja.txt\r");
      // the shell echoes the line as typed, wc counts 9 characters (8 + newline): the locale is
      // UTF-8 inside the PTY; cat prints the text back
      String screen =
          trainee.awaitScreen(
              s -> s.split("不審な通信を遮断", -1).length >= 3 && s.contains("9\r\n"),
              Duration.ofSeconds(15));
      assertThat(screen).doesNotContain("\uFFFD");
    }
    assertThat(containers.sh(TEAM1_PC, "cat /tmp/ja.txt").stdout()).isEqualTo("不審な通信を遮断\n");
  }

  @Test
  void traineeOfTeamOneIsRefusedTeamTwosHost() {
    try (SocketClient trainee = SocketClient.connectAs(sato, open(TEAM2_PC))) {
      String refused = trainee.awaitText(t -> t.contains("refused"), Duration.ofSeconds(10));
      assertThat(refused).contains("sato (trainee of team 1 in ").contains("team 2");
      assertThat(trainee.awaitClose()).startsWith("4403 refused:");
    }
    // nobody without a login reaches anything: the handshake itself is refused
    assertThatThrownBy(() -> SocketClient.connect(open(TEAM1_PC)))
        .cause()
        .isInstanceOf(java.net.http.WebSocketHandshakeException.class)
        .satisfies(
            e ->
                assertThat(
                        ((java.net.http.WebSocketHandshakeException) e).getResponse().statusCode())
                    .isEqualTo(401));
  }

  @Test
  void assistantCannotWatchAnotherVenuesTeam() {
    try (SocketClient owner = SocketClient.connectAs(kimura, open(TEAM2_PC))) {
      String session = sessionId(owner);
      try (SocketClient assistant = SocketClient.connectAs(tanaka, join(session, "observe"))) {
        assertThat(assistant.awaitClose())
            .startsWith("4403")
            .contains("helps the teams of venues [osaka] only");
      }
    }
  }

  @Test
  void observerSeesTheSessionButItsKeystrokesNeverReachTheHost() throws Exception {
    try (SocketClient trainee = SocketClient.connectAs(sato, open(TEAM1_PC))) {
      String session = sessionId(trainee);
      try (SocketClient assistant = SocketClient.connectAs(tanaka, join(session, "observe"))) {
        assertThat(assistant.awaitText(t -> t.contains("session"), Duration.ofSeconds(10)))
            .contains("\"readOnly\":true");
        assistant.type("touch /tmp/observer-was-here\r");
        assistant.sendText("{\"type\":\"input\",\"data\":\"touch /tmp/observer-was-here\\r\"}");
        trainee.type("echo trainee-$((2+3))\r");
        assistant.awaitScreenContains("trainee-5");
        // asking for control without the instructor's leave gives no keyboard either
        try (SocketClient pushy = SocketClient.connectAs(tanaka, join(session, "control"))) {
          assertThat(pushy.awaitText(t -> t.contains("session"), Duration.ofSeconds(10)))
              .contains("\"readOnly\":true");
          pushy.type("touch /tmp/observer-was-here\r");
          trainee.type("sync; echo done-$((3+4))\r");
          pushy.awaitScreenContains("done-7");
        }
        assertThat(containers.sh(TEAM1_PC, "test -e /tmp/observer-was-here").exitCode())
            .as("an observer's keystrokes reached the host")
            .isEqualTo(1);
        assertThat(trainee.screen()).doesNotContain("observer-was-here");

        // the instructor grants control: the assistant's keyboard now works
        TestApi.Response grant =
            TestApi.at(port)
                .as(sensei)
                .post("/api/console/sessions/" + session + "/control?user=tanaka", null);
        assertThat(grant.status()).isEqualTo(200);
        try (SocketClient helper = SocketClient.connectAs(tanaka, join(session, "control"))) {
          assertThat(helper.awaitText(t -> t.contains("session"), Duration.ofSeconds(10)))
              .contains("\"readOnly\":false");
          helper.type("echo helped-$((4+4))\r");
          trainee.awaitScreenContains("helped-8");
        }
      }
    }
  }

  @Test
  void recordingPlaysBackTheSession() throws Exception {
    String session;
    try (SocketClient trainee = SocketClient.connectAs(sato, open(TEAM1_PC))) {
      session = sessionId(trainee);
      trainee.type("echo recorded-$((1+1)) 記録\r");
      trainee.awaitScreenContains("recorded-2 記録");
      trainee.resize(100, 30);
      trainee.type("exit\r");
      trainee.awaitClose();
    }
    ConsoleSessionListener.Recording recording = awaitRecording(session);
    assertThat(recording.owner().name()).isEqualTo("sato");
    assertThat(recording.target()).isEqualTo(TEAM1_PC);
    assertThat(recording.end()).isAfterOrEqualTo(recording.start());

    TestApi.Response played = TestApi.at(port).as(sensei).get("/api/console/recordings/" + session);
    assertThat(played.status()).isEqualTo(200);
    Path copy = Files.createTempFile("played", ".cast");
    Files.writeString(copy, played.body());
    Asciicast cast = Asciicast.read(copy);
    assertThat(cast.width()).isEqualTo(80);
    assertThat(cast.output()).contains("recorded-2 記録");
    assertThat(cast.events()).anySatisfy(e -> assertThat(e.data()).isEqualTo("100x30"));

    // a trainee of another team may not play it back
    TestApi.Response refused =
        TestApi.at(port).as(kimura).get("/api/console/recordings/" + session);
    assertThat(refused.status()).isEqualTo(403);
  }

  ConsoleSessionListener.Recording awaitRecording(String session) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      var found = recordings.find(session);
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no recording of session " + session);
  }
}
