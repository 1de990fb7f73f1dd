package dev.enshu.orchestrator.exercise;

import static dev.enshu.orchestrator.ExerciseApi.awaitCount;
import static dev.enshu.orchestrator.ExerciseApi.awaitState;
import static dev.enshu.orchestrator.ExerciseApi.count;
import static dev.enshu.orchestrator.ExerciseApi.ofType;
import static dev.enshu.orchestrator.ExerciseApi.onEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.enshu.orchestrator.ExerciseApi;
import dev.enshu.orchestrator.ServerProcess;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The orchestrator is killed (SIGKILL) and started again, on real containers: while two teams run
 * their timelines (the ranges are adopted, the timelines go on where they were, no inject fires
 * twice), and while two teams' ranges are half built (they are removed and the teams marked failed,
 * to be provisioned again). Afterwards nothing of the exercise is left on the engine.
 */
class RecoveryAfterKillIT {

  @BeforeAll
  static void images() {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      new DockerImages(engine).buildAll();
    }
  }

  @Test
  void killedServerResumesWithoutFiringAnyInjectTwice(@TempDir Path data) throws Exception {
    String id = "rk" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    ServerProcess server = ServerProcess.start(data, "server-first").asFirstInstructor();
    try {
      ExerciseApi.create(server, id, 8.0, 2);
      server.send("/api/exercises/" + id + "/provision", Map.of());
      JsonNode exercise = awaitState(server, id, 300, "READY", "FAILED");
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
      for (JsonNode e : ofType(events, "inject.fired")) {
        fired.merge(
            e.get("team").asInt() + "/" + e.get("data").get("item").asString(), 1, Integer::sum);
      }
      assertThat(fired)
          .hasSize(12)
          .allSatisfy((item, times) -> assertThat(times).as(item).isEqualTo(1));

      server.send("/api/exercises/" + id + "/finish", Map.of());
      server.send("/api/exercises/" + id + "/teardown", Map.of());
      assertThat(onEngine(id)).isEmpty();
    } finally {
      server.kill();
      ExerciseApi.removeRanges(id, 2);
    }
  }

  @Test
  void killedDuringProvisioningLeavesNoHalfBuiltRange(@TempDir Path data) throws Exception {
    String id = "rp" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    ServerProcess server = ServerProcess.start(data, "server-first").asFirstInstructor();
    try {
      ExerciseApi.create(server, id, 8.0, 2);
      server.send("/api/exercises/" + id + "/provision", Map.of());
      // killed once both ranges have begun on the engine, before either is ready
      await("both ranges begun on the engine")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  onEngine(id).stream()
                      .filter(r -> r.kind().equals("container"))
                      .map(r -> r.rangeId())
                      .distinct()
                      .count(),
              n -> n == 2);
      server.kill();
      assertThat(onEngine(id)).as("what the killed server had built").isNotEmpty();

      server = ServerProcess.start(data, "server-second").as(server.authorization());
      JsonNode exercise = awaitState(server, id, 60, "FAILED");
      assertThat(exercise.get("teams"))
          .allSatisfy(
              team -> {
                assertThat(team.get("state").asString()).isEqualTo("FAILED");
                assertThat(team.get("reason").asString()).contains("interrupted by a restart");
              });
      assertThat(onEngine(id)).as("half-built ranges removed").isEmpty();
      List<JsonNode> events = ExerciseApi.journal(server, id);
      assertThat(count(events, "range.ready")).as("neither range was ready").isZero();
      assertThat(ofType(events, "range.failed"))
          .hasSize(2)
          .allSatisfy(e -> assertThat(e.get("data").get("reason").asString()).contains("restart"));

      // provisioned again, on the blocks the half-built ranges held
      server.send("/api/exercises/" + id + "/provision", Map.of());
      exercise = awaitState(server, id, 300, "READY", "FAILED");
      assertThat(exercise.get("state").asString()).as(exercise.toString()).isEqualTo("READY");
      server.send("/api/exercises/" + id + "/teardown", Map.of());
      assertThat(onEngine(id)).isEmpty();
    } finally {
      server.kill();
      ExerciseApi.removeRanges(id, 2);
    }
  }
}
