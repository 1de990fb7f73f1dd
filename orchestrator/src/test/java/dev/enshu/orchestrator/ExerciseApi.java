package dev.enshu.orchestrator;

import static org.awaitility.Awaitility.await;

import dev.enshu.orchestrator.range.RangeProvider.ProviderResource;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the server-process tests ask of an exercise through the API, and of the Docker engine about
 * its ranges; every wait is for a condition, bounded.
 */
public final class ExerciseApi {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ExerciseApi() {}

  /** Creates an exercise of the bundled e2e-mini scenario on Docker with teams a, b, … */
  public static void create(ServerProcess server, String id, double speed, int teams)
      throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < teams; i++) {
      names.add(String.valueOf((char) ('a' + i)));
    }
    create(server, id, "docker", speed, names);
  }

  /** Creates an exercise of the bundled e2e-mini scenario on {@code provider}, seed 5. */
  public static void create(
      ServerProcess server, String id, String provider, double speed, List<String> teams)
      throws Exception {
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
            provider,
            "speed",
            speed,
            "teams",
            teams.stream().map(name -> Map.of("name", name)).toList()));
  }

  public static JsonNode exercise(ServerProcess server, String id) throws Exception {
    return JSON.readTree(server.read("/api/exercises/" + id));
  }

  /** The exercise once its state is one of {@code states}. */
  public static JsonNode awaitState(
      ServerProcess server, String id, int seconds, String... states) {
    Set<String> wanted = Set.of(states);
    return await("exercise " + id + " in " + wanted)
        .atMost(Duration.ofSeconds(seconds))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> exercise(server, id), e -> wanted.contains(e.get("state").asString()));
  }

  public static List<JsonNode> journal(ServerProcess server, String id) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    JSON.readTree(server.read("/api/exercises/" + id + "/journal")).forEach(events::add);
    return events;
  }

  /** The journal once it holds at least {@code count} events of {@code type}. */
  public static List<JsonNode> awaitCount(
      ServerProcess server, String id, String type, int count, int seconds) {
    return await(count + " " + type + " of " + id)
        .atMost(Duration.ofSeconds(seconds))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> journal(server, id), events -> count(events, type) >= count);
  }

  public static long count(List<JsonNode> events, String type) {
    return events.stream().filter(e -> e.get("type").asString().equals(type)).count();
  }

  public static List<JsonNode> ofType(List<JsonNode> events, String type) {
    return events.stream().filter(e -> e.get("type").asString().equals(type)).toList();
  }

  /** What the engine holds of the exercise's ranges (containers, networks, snapshots). */
  public static List<ProviderResource> onEngine(String id) {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      return new DockerRangeProvider(engine, Clock.systemUTC())
          .list().stream()
              .filter(r -> r.rangeId() != null && r.rangeId().startsWith(id + "-"))
              .toList();
    }
  }

  /** Removes whatever a failed test left of the exercise's {@code teams} ranges. */
  public static void removeRanges(String id, int teams) {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      DockerRangeProvider docker = new DockerRangeProvider(engine, Clock.systemUTC());
      for (int t = 1; t <= teams; t++) {
        docker.destroy(id + "-t" + t);
      }
    }
  }
}
