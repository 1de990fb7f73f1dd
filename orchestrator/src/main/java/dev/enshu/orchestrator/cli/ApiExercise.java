package dev.enshu.orchestrator.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** The exercise {@code bench api} plays, made and run through the API by an instructor. */
final class ApiExercise {
  private static final long READY_NANOS = TimeUnit.SECONDS.toNanos(180);

  private final ApiClient admin;
  private final String id;
  private final int teams;

  private ApiExercise(ApiClient admin, String id, int teams) {
    this.admin = admin;
    this.id = id;
    this.teams = teams;
  }

  /** Creates it with enough teams for the trainees and one more for the idle client. */
  static ApiExercise create(
      ApiClient admin, String scenario, double speed, int trainees, int teamSize) {
    int teams = (trainees + teamSize - 1) / teamSize;
    List<Map<String, String>> named = new ArrayList<>();
    for (int t = 1; t <= teams; t++) {
      named.add(Map.of("name", "Team " + t));
    }
    named.add(Map.of("name", "Baseline"));
    String id = "benchapi" + Long.toHexString(System.currentTimeMillis() & 0xFFFFF);
    require(
        admin.post(
            "POST /api/exercises",
            "/api/exercises",
            Map.of(
                "id",
                id,
                "scenario",
                scenario,
                "seed",
                7,
                "provider",
                "memory",
                "speed",
                speed,
                "teams",
                named)),
        "create exercise " + id);
    return new ApiExercise(admin, id, teams);
  }

  String id() {
    return id;
  }

  /** Teams of the load; the baseline's team is the one after them. */
  int teams() {
    return teams;
  }

  /** A new trainee of {@code team}, logged in. */
  ApiTrainee trainee(HttpClient http, URI base, String name, int team) {
    String password =
        require(
                admin.post(
                    "POST /api/users",
                    "/api/users",
                    Map.of("name", name, "role", "trainee", "exercise", id, "team", team)),
                "create trainee " + name)
            .path("password")
            .asString();
    return new ApiTrainee(
        new ApiClient(http, base).login(name, password), id, team, name.hashCode());
  }

  /** A new instructor, logged in. */
  ApiClient instructor(HttpClient http, URI base, String name) {
    String password =
        require(
                admin.post(
                    "POST /api/users", "/api/users", Map.of("name", name, "role", "instructor")),
                "create instructor " + name)
            .path("password")
            .asString();
    return new ApiClient(http, base).login(name, password);
  }

  void provisionAndStart() throws InterruptedException {
    require(admin.post("POST", "/api/exercises/" + id + "/provision", Map.of()), "provision " + id);
    long deadline = System.nanoTime() + READY_NANOS;
    String state = state();
    while (!state.equals("READY")) {
      if (state.equals("FAILED") || System.nanoTime() > deadline) {
        throw new IllegalStateException("exercise " + id + " is " + state + ", not READY");
      }
      Thread.sleep(200);
      state = state();
    }
    require(admin.post("POST", "/api/exercises/" + id + "/start", Map.of()), "start " + id);
  }

  String state() {
    return require(admin.get("GET", "/api/exercises/" + id), "read " + id).path("state").asString();
  }

  /** Team 1's scenario time, as one of its trainees' workspace shows it. */
  double scenarioMinutes(ApiClient trainee) {
    JsonNode workspace =
        require(trainee.get("GET", "/api/exercises/" + id + "/teams/1/workspace"), "workspace");
    return workspace.path("team").path("scenarioTime").asLong() / 60_000.0;
  }

  private static JsonNode require(ApiClient.Answer answer, String what) {
    if (!answer.ok() || answer.body() == null) {
      throw new IllegalStateException(
          "could not " + what + ": HTTP " + answer.status() + " " + answer.body());
    }
    return answer.body();
  }
}
