package dev.enshu.orchestrator.exercise;

import static dev.enshu.orchestrator.ExerciseApi.awaitCount;
import static dev.enshu.orchestrator.ExerciseApi.awaitState;
import static dev.enshu.orchestrator.ExerciseApi.ofType;
import static dev.enshu.orchestrator.ExerciseApi.onEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.enshu.orchestrator.EngineDaemons;
import dev.enshu.orchestrator.ExerciseApi;
import dev.enshu.orchestrator.ServerProcess;
import dev.enshu.orchestrator.range.HostGuard;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * dockerd restarted under a running exercise, with live restore (as scripts/setup-docker.sh starts
 * it) and without it (as an engine configured otherwise, or one that crashed, stops its
 * containers), and in the middle of provisioning. The exercise carries on, no inject fires twice,
 * the host guard is back, and nothing is left behind.
 */
class EngineRestartIT {

  @BeforeAll
  static void images() {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      new DockerImages(engine).buildAll();
    }
  }

  @Test
  void runningExerciseCarriesOnThroughEngineRestarts(@TempDir Path data) throws Exception {
    String id = "er" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    try (ServerProcess server = ServerProcess.start(data, "server").asFirstInstructor()) {
      ExerciseApi.create(server, id, 2.0, 1);
      server.send("/api/exercises/" + id + "/provision", Map.of());
      JsonNode exercise = awaitState(server, id, 300, "READY", "FAILED");
      assertThat(exercise.get("state").asString()).as(exercise.toString()).isEqualTo("READY");
      server.send("/api/exercises/" + id + "/start", Map.of());
      awaitCount(server, id, "inject.fired", 1, 120);
      Map<String, String> started = startedAt(id);

      EngineDaemons.restartDockerd(true);
      List<JsonNode> events = awaitCount(server, id, "range.engine-returned", 1, 120);
      JsonNode adopted = ofType(events, "range.engine-returned").get(0).get("data");
      assertThat(adopted.get("restarted")).as(adopted.toString()).isEmpty();
      assertThat(startedAt(id)).as("containers ran on through the restart").isEqualTo(started);
      awaitGuard();

      EngineDaemons.restartDockerd(false);
      events = awaitCount(server, id, "range.engine-returned", 2, 300);
      JsonNode restarted = ofType(events, "range.engine-returned").get(1).get("data");
      assertThat(restarted.has("problem")).as(restarted.toString()).isFalse();
      assertThat(restarted.get("restarted").valueStream().map(JsonNode::asString).toList())
          .as("every host stopped with the engine, started again")
          .containsExactlyInAnyOrderElementsOf(started.keySet());
      Map<String, String> after = startedAt(id);
      assertThat(after.keySet()).isEqualTo(started.keySet());
      assertThat(after).allSatisfy((host, at) -> assertThat(at).isNotEqualTo(started.get(host)));
      awaitGuard();

      events = awaitCount(server, id, "inject.fired", 6, 400);
      Map<String, Integer> fired = new HashMap<>();
      for (JsonNode e : ofType(events, "inject.fired")) {
        fired.merge(e.get("data").get("item").asString(), 1, Integer::sum);
      }
      assertThat(fired)
          .hasSize(6)
          .allSatisfy((item, times) -> assertThat(times).as(item).isEqualTo(1));
      assertThat(awaitState(server, id, 5, "RUNNING", "FINISHED").get("state").asString())
          .isIn("RUNNING", "FINISHED");

      server.send("/api/exercises/" + id + "/finish", Map.of());
      server.send("/api/exercises/" + id + "/teardown", Map.of());
      assertThat(onEngine(id)).isEmpty();
    } finally {
      ExerciseApi.removeRanges(id, 1);
    }
  }

  @Test
  void provisioningInterruptedByEngineRestartCompletesOrLeavesNothing(@TempDir Path data)
      throws Exception {
    String id = "ep" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    try (ServerProcess server = ServerProcess.start(data, "server").asFirstInstructor()) {
      ExerciseApi.create(server, id, 8.0, 1);
      server.send("/api/exercises/" + id + "/provision", Map.of());
      await("the range begun on the engine")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> onEngine(id).stream().anyMatch(r -> r.kind().equals("container")));
      EngineDaemons.restartDockerd(true);

      JsonNode exercise = awaitState(server, id, 300, "READY", "FAILED");
      if (exercise.get("state").asString().equals("FAILED")) {
        JsonNode team = exercise.get("teams").get(0);
        assertThat(team.get("reason").asString()).as(team.toString()).isNotBlank();
        await("what the interrupted provisioning created, removed")
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> onEngine(id).isEmpty());
        server.send("/api/exercises/" + id + "/provision", Map.of());
        exercise = awaitState(server, id, 300, "READY", "FAILED");
      }
      assertThat(exercise.get("state").asString()).as(exercise.toString()).isEqualTo("READY");
      assertThat(startedAt(id)).as("every host of the range runs").isNotEmpty();
      server.send("/api/exercises/" + id + "/teardown", Map.of());
      assertThat(onEngine(id)).isEmpty();
    } finally {
      ExerciseApi.removeRanges(id, 1);
    }
  }

  private static void awaitGuard() {
    await("the host guard restored")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> HostGuard.local().check().isEmpty());
  }

  /** When each host's container last started, by host; fails if one is not running. */
  private static Map<String, String> startedAt(String id) {
    Map<String, String> started = new TreeMap<>();
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      for (var resource : onEngine(id)) {
        if (!resource.kind().equals("container")) {
          continue;
        }
        var state = engine.client().inspectContainerCmd(resource.id()).exec().getState();
        assertThat(state.getRunning()).as(resource.name()).isTrue();
        started.put(resource.labels().get("enshu.host"), state.getStartedAt());
      }
    }
    return started;
  }
}
