package dev.enshu.orchestrator.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerImages;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orchestrator is killed (SIGKILL) while two teams run on real containers and started again:
 * the ranges are adopted, the timelines go on where they were, no inject fires twice, and after the
 * teardown nothing of the exercise is left on the engine.
 */
class RecoveryAfterKillIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int port;
  private String authorization;

  @Test
  void killedServerResumesWithoutFiringAnyInjectTwice(@TempDir Path data) throws Exception {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      new DockerImages(engine).buildAll();
    }
    port = freePort();
    String id = "rk" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    Process server = serve(data, "first");
    authorization = firstInstructor(data.resolve("server-first.log"));
    try {
      String scenario =
          Path.of("src/test/resources/scenarios/e2e-mini.yaml").toAbsolutePath().toString();
      post(
          "/api/exercises",
          Map.of(
              "id",
              id,
              "scenario",
              scenario,
              "seed",
              5,
              "provider",
              "docker",
              "speed",
              8.0,
              "teams",
              List.of(Map.of("name", "a"), Map.of("name", "b"))));
      post("/api/exercises/" + id + "/provision", Map.of());
      JsonNode exercise = awaitState(id, "READY", 300);
      assertThat(exercise.get("state").asString()).as(exercise.toString()).isEqualTo("READY");
      post("/api/exercises/" + id + "/start", Map.of());
      // kill it when the first injects have fired for both teams, with more still to come
      List<JsonNode> beforeKill = awaitCount(id, "inject.fired", 4, 120);
      server.destroyForcibly().waitFor();
      long firedBeforeKill = count(beforeKill, "inject.fired");
      assertThat(firedBeforeKill).isGreaterThanOrEqualTo(4);
      assertThat(firedBeforeKill).isLessThan(12);

      server = serve(data, "second");
      List<JsonNode> events = awaitCount(id, "inject.fired", 12, 180);
      assertThat(count(events, "range.adopted")).isEqualTo(2);
      Map<String, Integer> fired = new HashMap<>();
      for (JsonNode e : events) {
        if (e.get("type").asString().equals("inject.fired")) {
          fired.merge(
              e.get("team").asInt() + "/" + e.get("data").get("item").asString(), 1, Integer::sum);
        }
      }
      assertThat(fired)
          .hasSize(12)
          .allSatisfy((item, times) -> assertThat(times).as(item).isEqualTo(1));

      post("/api/exercises/" + id + "/finish", Map.of());
      post("/api/exercises/" + id + "/teardown", Map.of());
      try (DockerEngine engine = DockerEngine.connectDefault()) {
        assertThat(new DockerRangeProvider(engine, Clock.systemUTC()).list())
            .filteredOn(r -> r.rangeId() != null && r.rangeId().startsWith(id + "-"))
            .isEmpty();
      }
    } finally {
      server.destroyForcibly().waitFor();
      try (DockerEngine engine = DockerEngine.connectDefault()) {
        DockerRangeProvider docker = new DockerRangeProvider(engine, Clock.systemUTC());
        docker.destroy(id + "-t1");
        docker.destroy(id + "-t2");
      }
    }
  }

  private Process serve(Path data, String name) throws Exception {
    File jar = new File("target/enshu.jar");
    assertThat(jar).as("the packaged application").exists();
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.getAbsolutePath(),
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                data.toString())
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("server-" + name + ".log").toFile())
            .start();
    for (int i = 0; i < 120; i++) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(uri("/api/login/options")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return process;
        }
      } catch (IOException e) {
        // not listening yet
      }
      assertThat(process.isAlive())
          .as(
              "server %s is running; its log: %s",
              name, Files.readString(data.resolve("server-" + name + ".log")))
          .isTrue();
      Thread.sleep(500);
    }
    throw new AssertionError("server " + name + " did not answer in 60 s");
  }

  /** The first instructor's credentials, which the first start prints once on its console. */
  private static String firstInstructor(Path log) throws IOException, InterruptedException {
    java.util.regex.Pattern frame =
        java.util.regex.Pattern.compile("user: +(\\S+)\\s+password: +(\\S+)");
    java.util.regex.Matcher shown = frame.matcher(Files.readString(log));
    // printed when the server has started, which may be just after it first answers
    for (int i = 0; i < 60 && !shown.find(); i++) {
      Thread.sleep(500);
      shown = frame.matcher(Files.readString(log));
    }
    assertThat(shown.find(0)).as("the first instructor's password in %s", log).isTrue();
    return dev.enshu.orchestrator.access.TestAccounts.header(shown.group(1), shown.group(2));
  }

  private JsonNode post(String path, Object body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isBetween(200, 299);
    return response.body().isEmpty() ? null : JSON.readTree(response.body());
  }

  private JsonNode get(String path) throws Exception {
    return JSON.readTree(
        http.send(
                HttpRequest.newBuilder(uri(path)).header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private JsonNode awaitState(String id, String state, int seconds) throws Exception {
    JsonNode exercise = null;
    for (int i = 0; i < seconds * 2; i++) {
      exercise = get("/api/exercises/" + id);
      String now = exercise.get("state").asString();
      if (now.equals(state) || now.equals("FAILED")) {
        return exercise;
      }
      Thread.sleep(500);
    }
    return exercise;
  }

  private List<JsonNode> journal(String id) throws Exception {
    List<JsonNode> events = new java.util.ArrayList<>();
    get("/api/exercises/" + id + "/journal").forEach(events::add);
    return events;
  }

  private List<JsonNode> awaitCount(String id, String type, int count, int seconds)
      throws Exception {
    List<JsonNode> events = journal(id);
    for (int i = 0; i < seconds * 2 && count(events, type) < count; i++) {
      Thread.sleep(500);
      events = journal(id);
    }
    return events;
  }

  private static long count(List<JsonNode> events, String type) {
    return events.stream().filter(e -> e.get("type").asString().equals(type)).count();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
