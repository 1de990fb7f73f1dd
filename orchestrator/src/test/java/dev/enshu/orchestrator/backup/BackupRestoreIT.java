package dev.enshu.orchestrator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ExerciseApi;
import dev.enshu.orchestrator.ServerProcess;
import dev.enshu.orchestrator.TestPostgres;
import dev.enshu.orchestrator.cli.EnshuCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * A played exercise backed up from the embedded database of a stopped server, restored into
 * PostgreSQL, backed up again beside the server running there and restored into a new embedded
 * database: each restored server answers the same scoreboard, review, journal export and users,
 * byte for byte, to the same instructor login; a restore over a running server is refused on both
 * databases. The ranges are the in-memory provider's: the subject is the data, not the engines.
 */
class BackupRestoreIT {
  private static final String MEMORY = "--enshu.providers.memory=true";

  @TempDir Path dir;

  @Test
  void restoredServersShowTheSameExerciseByteForByte() throws Exception {
    String id = "br" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    Path first = dir.resolve("first");
    Map<String, String> played;
    String instructor;
    try (ServerProcess server = ServerProcess.start(first, "first", MEMORY).asFirstInstructor()) {
      instructor = server.authorization();
      play(server, id);
      played = views(server, id);
      Files.createDirectories(dir.resolve("none"));
      Cli refused = cli("restore", "--data-dir", first.toString(), dir.resolve("none").toString());
      assertThat(refused.exit()).as(refused.err()).isEqualTo(1);
      assertThat(refused.err()).contains("no manifest.json");
      Cli busy = cli("backup", "--data-dir", first.toString(), dir.resolve("b0").toString());
      assertThat(busy.exit()).as(busy.out()).isEqualTo(1);
      assertThat(busy.err()).contains("stop the server first");
    }
    Cli backedUp = cli("backup", "--data-dir", first.toString(), dir.resolve("b1").toString());
    assertThat(backedUp.exit()).as(backedUp.err()).isZero();
    assertThat(backedUp.out()).contains("backed up").contains("schema version");
    Cli overFirst = cli("restore", "--data-dir", first.toString(), dir.resolve("b1").toString());
    assertThat(overFirst.exit()).isEqualTo(1);
    assertThat(overFirst.err()).contains("already holds data").contains("nothing was changed");

    try (GenericContainer<?> postgres = TestPostgres.start()) {
      String url = TestPostgres.url(postgres, "restored");
      Cli toPostgres =
          cli(
              "restore",
              "--database-url",
              url,
              "--data-dir",
              dir.resolve("pg").toString(),
              dir.resolve("b1").toString());
      assertThat(toPostgres.exit()).as(toPostgres.err()).isZero();
      try (ServerProcess server =
          ServerProcess.start(
                  dir.resolve("pg"), "postgres", MEMORY, "--spring.datasource.url=" + url)
              .as(instructor)) {
        assertThat(views(server, id)).isEqualTo(played);
        Cli overRunning = cli("restore", "--database-url", url, dir.resolve("b1").toString());
        assertThat(overRunning.exit()).isEqualTo(1);
        assertThat(overRunning.err()).contains("a server is running on this database");
        Cli beside = cli("backup", "--database-url", url, dir.resolve("b2").toString());
        assertThat(beside.exit()).as(beside.err()).isZero();
      }
    }

    Path third = dir.resolve("third");
    Cli toEmbedded = cli("restore", "--data-dir", third.toString(), dir.resolve("b2").toString());
    assertThat(toEmbedded.exit()).as(toEmbedded.err()).isZero();
    try (ServerProcess server = ServerProcess.start(third, "third", MEMORY).as(instructor)) {
      assertThat(views(server, id)).isEqualTo(played);
    }
  }

  /** An exercise played to its end: injects fired, an adjustment, a trainee, then torn down. */
  private static void play(ServerProcess server, String id) throws Exception {
    ExerciseApi.create(server, id, "memory", 60.0, List.of("一班", "b"));
    server.send("/api/users", Map.of("name", "佐藤", "role", "trainee", "exercise", id, "team", 1));
    server.send("/api/exercises/" + id + "/provision", Map.of());
    awaitState(server, id, "READY");
    server.send("/api/exercises/" + id + "/start", Map.of());
    org.awaitility.Awaitility.await("injects fired")
        .atMost(java.time.Duration.ofMinutes(2))
        .until(() -> fired(server, id) >= 4);
    server.send(
        "/api/exercises/" + id + "/teams/1/adjustments",
        Map.of("points", 15, "reason", "報告が丁寧 (a careful report)"));
    server.send("/api/exercises/" + id + "/finish", Map.of());
    server.send("/api/exercises/" + id + "/teardown", Map.of());
    awaitState(server, id, "TORN_DOWN");
  }

  private static long fired(ServerProcess server, String id) throws Exception {
    return ExerciseApi.count(ExerciseApi.journal(server, id), "inject.fired");
  }

  private static void awaitState(ServerProcess server, String id, String state) {
    JsonNode now = ExerciseApi.awaitState(server, id, 120, state, "FAILED");
    assertThat(now.get("state").asString()).as(now.toString()).isEqualTo(state);
  }

  /** What an instructor reads of the exercise after it, exactly as the server sends it. */
  private static Map<String, String> views(ServerProcess server, String id) throws Exception {
    Map<String, String> views = new java.util.LinkedHashMap<>();
    for (String path :
        List.of(
            "/api/exercises/" + id,
            "/api/exercises/" + id + "/scoreboard",
            "/api/exercises/" + id + "/review",
            "/api/exercises/" + id + "/journal/export",
            "/api/users")) {
      views.put(path, server.read(path));
    }
    assertThat(views.get("/api/exercises/" + id + "/scoreboard")).contains("a careful report");
    assertThat(views.get("/api/users")).contains("佐藤");
    return views;
  }

  record Cli(int exit, String out, String err) {}

  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = EnshuCommand.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    int exit = command.execute(all.toArray(String[]::new));
    return new Cli(exit, out.toString(), err.toString());
  }
}
