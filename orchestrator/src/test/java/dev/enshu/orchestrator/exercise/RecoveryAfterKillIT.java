package dev.enshu.orchestrator.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerProcess;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerImages;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import java.nio.file.Path;
import java.time.Clock;
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

  @Test
  void killedServerResumesWithoutFiringAnyInjectTwice(@TempDir Path data) throws Exception {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      new DockerImages(engine).buildAll();
    }
    String id = "rk" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    ServerProcess server = ServerProcess.start(data, "server-first").asFirstInstructor();
    try {
      String scenario =
          Path.of("src/test/resources/scenarios/e2e-mini.yaml").toAbsolutePath().toString();
      server.send(
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
      server.send("/api/exercises/" + id + "/provision", Map.of());
      JsonNode exercise = awaitState(server, id, "READY", 300);
      assertThat(exercise.get("state").asString()).as(exercise.toString()).isEqualTo("READY");
      server.send("/api/exercises/" + id + "/start", Map.of());
      // kill it when the first injects have fired for both teams, with more still to come
      List<JsonNode> beforeKill = awaitCount(server, id, "inject.fired", 4, 120);
      server.kill();
      long firedBeforeKill = count(beforeKill, "inject.fired");
      assertThat(firedBeforeKill).isGreaterThanOrEqualTo(4);
      assertThat(firedBeforeKill).isLessThan(12);

      server = ServerProcess.start(data, "server-second").as(server.authorization());
      List<JsonNode> events = awaitCount(server, id, "inject.fired", 12, 180);
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

      server.send("/api/exercises/" + id + "/finish", Map.of());
      server.send("/api/exercises/" + id + "/teardown", Map.of());
      try (DockerEngine engine = DockerEngine.connectDefault()) {
        assertThat(new DockerRangeProvider(engine, Clock.systemUTC()).list())
            .filteredOn(r -> r.rangeId() != null && r.rangeId().startsWith(id + "-"))
            .isEmpty();
      }
    } finally {
      server.kill();
      try (DockerEngine engine = DockerEngine.connectDefault()) {
        DockerRangeProvider docker = new DockerRangeProvider(engine, Clock.systemUTC());
        docker.destroy(id + "-t1");
        docker.destroy(id + "-t2");
      }
    }
  }

  private static JsonNode awaitState(ServerProcess server, String id, String state, int seconds)
      throws Exception {
    JsonNode exercise = null;
    for (int i = 0; i < seconds * 2; i++) {
      exercise = JSON.readTree(server.read("/api/exercises/" + id));
      String now = exercise.get("state").asString();
      if (now.equals(state) || now.equals("FAILED")) {
        return exercise;
      }
      Thread.sleep(500);
    }
    return exercise;
  }

  private static List<JsonNode> journal(ServerProcess server, String id) throws Exception {
    List<JsonNode> events = new java.util.ArrayList<>();
    JSON.readTree(server.read("/api/exercises/" + id + "/journal")).forEach(events::add);
    return events;
  }

  private static List<JsonNode> awaitCount(
      ServerProcess server, String id, String type, int count, int seconds) throws Exception {
    List<JsonNode> events = journal(server, id);
    for (int i = 0; i < seconds * 2 && count(events, type) < count; i++) {
      Thread.sleep(500);
      events = journal(server, id);
    }
    return events;
  }

  private static long count(List<JsonNode> events, String type) {
    return events.stream().filter(e -> e.get("type").asString().equals(type)).count();
  }
}
