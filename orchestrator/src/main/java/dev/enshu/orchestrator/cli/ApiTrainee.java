package dev.enshu.orchestrator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/**
 * A trainee of {@code bench api}: reads the team's workspace, answers objectives that still take
 * answers (with guesses: the bench knows no ground truth), submits the report, holds the live feed.
 */
final class ApiTrainee {
  static final String WORKSPACE = "GET /api/exercises/{id}/teams/{team}/workspace";
  static final String FINDINGS = "POST /api/exercises/{id}/teams/{team}/findings";
  static final String REPORT = "POST /api/exercises/{id}/teams/{team}/report";
  static final String FEED = "WS /api/feed?exercise={id}&team={team} (handshake)";

  private final ApiClient client;
  private final String exercise;
  private final int team;
  private final Random random;
  private final List<String> open = new ArrayList<>();
  private final List<String> sections = new ArrayList<>();
  private String firstHost;

  ApiTrainee(ApiClient client, String exercise, int team, long seed) {
    this.client = client;
    this.exercise = exercise;
    this.team = team;
    this.random = new Random(seed);
  }

  ApiClient client() {
    return client;
  }

  private String teamPath() {
    return "/api/exercises/" + exercise + "/teams/" + team;
  }

  /** Reads the workspace and remembers what may be answered and reported. */
  void workspace() {
    ApiClient.Answer answer = client.get(WORKSPACE, teamPath() + "/workspace");
    if (!answer.ok() || answer.body() == null) {
      return;
    }
    JsonNode body = answer.body();
    synchronized (this) {
      open.clear();
      for (JsonNode o : body.path("objectives")) {
        if (!o.path("answered").asBoolean() && o.path("attemptsLeft").asInt() > 0) {
          open.add(o.path("id").asString());
        }
      }
      sections.clear();
      body.path("report").path("sections").forEach(s -> sections.add(s.path("id").asString()));
      JsonNode hosts = body.path("hosts");
      if (firstHost == null && hosts.size() > 0) {
        firstHost = hosts.get(0).path("id").asString();
      }
    }
  }

  /** Answers one objective that still takes answers; false when none does. */
  synchronized boolean finding() {
    if (open.isEmpty()) {
      return false;
    }
    String objective = open.get(random.nextInt(open.size()));
    client.post(
        FINDINGS,
        teamPath() + "/findings",
        Map.of("objective", objective, "answer", "guess-" + random.nextInt(1000), "note", "bench"));
    return true;
  }

  /** Submits the report with every section filled; false when the scenario asks for none. */
  synchronized boolean report() {
    if (sections.isEmpty()) {
      return false;
    }
    Map<String, String> text = new java.util.LinkedHashMap<>();
    sections.forEach(s -> text.put(s, "bench report " + random.nextInt(1000) + " for " + s));
    client.post(REPORT, teamPath() + "/report", text);
    return true;
  }

  /** Opens the team's live feed; null when the handshake failed (recorded in the figures). */
  ApiSocket feed(java.net.http.HttpClient http, ApiFigures figures) {
    return ApiSocket.open(
        http, client, FEED, "/api/feed?exercise=" + exercise + "&team=" + team, figures);
  }

  synchronized String firstHost() {
    return firstHost;
  }

  int team() {
    return team;
  }
}
