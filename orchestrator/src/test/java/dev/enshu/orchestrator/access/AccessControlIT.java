package dev.enshu.orchestrator.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.TestApi;
import dev.enshu.orchestrator.console.ConsoleSessionListener;
import dev.enshu.orchestrator.console.ConsoleTarget;
import dev.enshu.orchestrator.console.ConsoleUser;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseLifecycle;
import dev.enshu.orchestrator.exercise.ExerciseRequest;
import dev.enshu.orchestrator.exercise.ExerciseTeams;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.journal.WholeMessages;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint against every role: exercise {@code acl} has team 1 at venue tokyo and team 2 at
 * venue osaka. A table row per endpoint says which roles may; the others get 403 and the anonymous
 * 401. An endpoint without a row fails the test, so a new endpoint must say who may call it.
 */
@ServerTest
@TestPropertySource(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:acl;DB_CLOSE_DELAY=-1",
      "enshu.data-dir=target/acl-it",
      "enshu.online.max-runs-per-user-per-day=1",
      "enshu.online.max-runs-per-scenario=1"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlIT {
  static final String EX = "acl";
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Who calls. */
  enum Who {
    INSTRUCTOR,
    ASSISTANT_OF_TEAM,
    ASSISTANT_ELSEWHERE,
    TRAINEE_OF_TEAM,
    TRAINEE_ELSEWHERE,
    OBSERVER,
    ANONYMOUS
  }

  static final Set<Who> EVERYONE = EnumSet.complementOf(EnumSet.of(Who.ANONYMOUS));
  static final Set<Who> INSTRUCTORS = EnumSet.of(Who.INSTRUCTOR);
  static final Set<Who> VIEWERS = EnumSet.of(Who.INSTRUCTOR, Who.ASSISTANT_OF_TEAM, Who.OBSERVER);
  static final Set<Who> HELPERS = EnumSet.of(Who.INSTRUCTOR, Who.ASSISTANT_OF_TEAM);
  static final Set<Who> WORKERS = EnumSet.of(Who.INSTRUCTOR, Who.TRAINEE_OF_TEAM);
  static final Set<Who> TEAM_READERS =
      EnumSet.of(Who.INSTRUCTOR, Who.ASSISTANT_OF_TEAM, Who.OBSERVER, Who.TRAINEE_OF_TEAM);
  static final Set<Who> EXERCISE_READERS = EnumSet.complementOf(EnumSet.of(Who.ANONYMOUS));
  static final Set<Who> PUBLIC = EnumSet.allOf(Who.class);

  /**
   * One endpoint: the mapping it covers, the request made, and who may. Anything else than 401 and
   * 403 (and no server error) counts as allowed: a 404 or 409 says the request got past access.
   */
  record Row(
      String method, String pattern, String path, Function<Who, String> body, Set<Who> allowed) {}

  static Row row(String method, String pattern, String path, String body, Set<Who> allowed) {
    return new Row(method, pattern, path, who -> body, allowed);
  }

  @LocalServerPort int port;
  @Autowired Accounts accounts;
  @Autowired ExerciseTeams exerciseTeams;
  @Autowired ExerciseLifecycle exerciseLifecycle;
  @Autowired Journal journal;

  @Autowired
  @Qualifier("consoleRecordings")
  ConsoleSessionListener recordings;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  final Map<Who, String> auth = new EnumMap<>(Who.class);
  final Map<Who, String> names = new EnumMap<>(Who.class);

  @BeforeAll
  void exerciseAndUsers() {
    exerciseTeams.create(
        new ExerciseRequest(
            EX,
            "phishing-ransomware",
            7L,
            Exercise.Mode.SATELLITE,
            "memory",
            1.0,
            List.of(new Exercise.Venue("tokyo", "Tokyo"), new Exercise.Venue("osaka", "Osaka")),
            List.of(
                new ExerciseRequest.TeamRequest("One", "tokyo", List.of("member1")),
                new ExerciseRequest.TeamRequest("Two", "osaka", List.of()))),
        "setup");
    TestAccounts users = new TestAccounts(accounts);
    user(Who.INSTRUCTOR, "sensei", users.instructor("sensei"));
    user(Who.ASSISTANT_OF_TEAM, "tanaka", users.assistant("tanaka", "tokyo"));
    user(Who.ASSISTANT_ELSEWHERE, "suzuki", users.assistant("suzuki", "osaka"));
    user(Who.TRAINEE_OF_TEAM, "sato", users.trainee("sato", EX, 1));
    user(Who.TRAINEE_ELSEWHERE, "kato", users.trainee("kato", EX, 2));
    user(Who.OBSERVER, "mori", users.observer("mori"));
    // the instructor and the trainee of team 1 may train online, the others may not
    users.allowOnline("sensei");
    users.allowOnline("sato");
  }

  private void user(Who who, String name, String header) {
    auth.put(who, header);
    names.put(who, name);
  }

  List<Row> table() {
    String ex = "/api/exercises/" + EX;
    String team = ex + "/teams/1";
    return List.of(
        // access
        new Row(
            "POST",
            "/api/login",
            "/api/login",
            who ->
                "{\"username\":\""
                    + names.getOrDefault(who, "nobody")
                    + "\",\"password\":\"wrong\"}",
            Set.of()),
        row("GET", "/api/me", "/api/me", null, EVERYONE),
        row("GET", "/api/login/options", "/api/login/options", null, PUBLIC),
        row("GET", "/api/csrf", "/api/csrf", null, PUBLIC),
        row("GET", "/api/users", "/api/users", null, INSTRUCTORS),
        new Row(
            "POST",
            "/api/users",
            "/api/users",
            who ->
                "{\"name\":\"made-by-"
                    + who.name().toLowerCase(Locale.ROOT)
                    + "\",\"role\":\"observer\"}",
            INSTRUCTORS),
        row("DELETE", "/api/users/{name}", "/api/users/nobody", null, INSTRUCTORS),
        row("POST", "/api/users/{name}/password", "/api/users/nobody/password", null, INSTRUCTORS),
        row(
            "POST",
            "/api/users/{name}/online",
            "/api/users/nobody/online?allowed=true",
            null,
            INSTRUCTORS),
        // exercises
        row(
            "POST",
            "/api/exercises",
            "/api/exercises",
            "{\"id\":\"acl-made\",\"scenario\":\"phishing-ransomware\",\"provider\":\"memory\"}",
            INSTRUCTORS),
        row("GET", "/api/exercises", "/api/exercises", null, EVERYONE),
        row("GET", "/api/exercises/{id}", ex, null, EXERCISE_READERS),
        row(
            "POST",
            "/api/exercises/{id}/teams",
            ex + "/teams",
            "{\"name\":\"Three\",\"venue\":\"tokyo\",\"members\":[]}",
            INSTRUCTORS),
        row(
            "POST",
            "/api/exercises/{id}/venues",
            ex + "/venues",
            "{\"id\":\"nagoya\",\"name\":\"Nagoya\"}",
            INSTRUCTORS),
        row("POST", "/api/exercises/{id}/provision", ex + "/provision", null, INSTRUCTORS),
        row("POST", "/api/exercises/{id}/start", ex + "/start?team=1", null, INSTRUCTORS),
        row("POST", "/api/exercises/{id}/pause", ex + "/pause?team=1", null, HELPERS),
        row("POST", "/api/exercises/{id}/resume", ex + "/resume?team=1", null, HELPERS),
        row(
            "POST",
            "/api/exercises/{id}/finish",
            "/api/exercises/missing/finish",
            null,
            INSTRUCTORS),
        row(
            "POST",
            "/api/exercises/{id}/teardown",
            "/api/exercises/missing/teardown",
            null,
            INSTRUCTORS),
        row(
            "POST",
            "/api/exercises/{id}/teams/{team}/hosts/{host}/reset",
            team + "/hosts/nohost/reset",
            null,
            HELPERS),
        // timeline
        row("GET", "/api/exercises/{id}/teams/{team}/timeline", team + "/timeline", null, VIEWERS),
        row(
            "POST",
            "/api/exercises/{id}/teams/{team}/timeline/{item}/skip",
            team + "/timeline/noitem/skip",
            null,
            INSTRUCTORS),
        row(
            "POST",
            "/api/exercises/{id}/teams/{team}/timeline/{item}/refire",
            team + "/timeline/noitem/refire",
            null,
            INSTRUCTORS),
        // scoring
        row(
            "POST",
            "/api/exercises/{id}/teams/{team}/findings",
            team + "/findings",
            "{\"objective\":\"none\",\"answer\":\"x\",\"note\":\"\"}",
            WORKERS),
        row(
            "POST",
            "/api/exercises/{id}/teams/{team}/hints/{hint}",
            team + "/hints/nohint",
            null,
            WORKERS),
        row(
            "POST",
            "/api/exercises/{id}/teams/{team}/report",
            team + "/report",
            "{\"r-summary\":\"text\"}",
            WORKERS),
        row("GET", "/api/exercises/{id}/teams/{team}/report", team + "/report", null, TEAM_READERS),
        row(
            "POST",
            "/api/exercises/{id}/teams/{team}/report/grades",
            team + "/report/grades",
            "{\"scores\":{},\"feedback\":\"\"}",
            INSTRUCTORS),
        // 0 points is refused (400) past access, so the table moves no score
        row(
            "POST",
            "/api/exercises/{id}/teams/{team}/adjustments",
            team + "/adjustments",
            "{\"points\":0,\"reason\":\"access table\"}",
            INSTRUCTORS),
        row(
            "GET",
            "/api/exercises/{id}/scoreboard",
            ex + "/scoreboard",
            null,
            EnumSet.of(
                Who.INSTRUCTOR,
                Who.ASSISTANT_OF_TEAM,
                Who.ASSISTANT_ELSEWHERE,
                Who.TRAINEE_OF_TEAM,
                Who.TRAINEE_ELSEWHERE,
                Who.OBSERVER)),
        // journal
        row("GET", "/api/exercises/{id}/journal", ex + "/journal?team=1", null, TEAM_READERS),
        row(
            "GET",
            "/api/exercises/{id}/journal/export",
            ex + "/journal/export",
            null,
            EXERCISE_READERS),
        // course features
        row("GET", "/api/scenarios", "/api/scenarios", null, EVERYONE),
        row(
            "POST",
            "/api/exercises/{id}/teams/{team}/messages",
            team + "/messages",
            "{\"text\":\"check the proxy log\",\"severity\":\"info\"}",
            HELPERS),
        row(
            "POST",
            "/api/exercises/{id}/teams/{team}/timeline/{item}/fire",
            team + "/timeline/noitem/fire",
            null,
            INSTRUCTORS),
        row(
            "GET",
            "/api/exercises/{id}/teams/{team}/topology",
            team + "/topology",
            null,
            TEAM_READERS),
        row(
            "GET",
            "/api/exercises/{id}/teams/{team}/workspace",
            team + "/workspace",
            null,
            WORKERS),
        // a trainee reads their team's review only once the exercise is over; this one is not
        row("GET", "/api/exercises/{id}/review", ex + "/review?team=1", null, VIEWERS),
        row("GET", "/api/exercises/{id}/review.html", ex + "/review.html?team=1", null, VIEWERS),
        row("GET", "/api/online/runs", "/api/online/runs", null, EVERYONE),
        // only users allowed to train online, and of those only trainees and instructors
        row(
            "POST",
            "/api/online/runs",
            "/api/online/runs",
            "{\"scenario\":\"no-such-scenario\"}",
            WORKERS),
        // not a member of the run: only an instructor ends someone else's
        row("DELETE", "/api/online/runs/{exercise}", "/api/online/runs/" + EX, null, INSTRUCTORS),
        // consoles
        row("GET", "/api/console/sessions", "/api/console/sessions", null, EVERYONE),
        row(
            "POST",
            "/api/console/sessions/{id}/control",
            "/api/console/sessions/nosession/control?user=tanaka",
            null,
            INSTRUCTORS),
        row(
            "GET",
            "/api/console/recordings/{id}",
            "/api/console/recordings/norecording",
            null,
            EVERYONE),
        // the OpenAPI document
        row("GET", "/api/openapi", "/api/openapi", null, EVERYONE),
        row("GET", "/api/openapi.yaml", "/api/openapi.yaml", null, EVERYONE));
  }

  /** Mappings that are not API endpoints of their own. */
  static final Set<String> NOT_ENDPOINTS =
      Set.of(
          // Spring Boot's error page, reached only by forwarding a failed request
          "GET /error",
          "POST /error",
          "PUT /error",
          "DELETE /error",
          "PATCH /error",
          "HEAD /error",
          "OPTIONS /error",
          "TRACE /error",
          "* /error");

  @Test
  void everyMappedEndpointHasARow() {
    Set<String> rows = new TreeSet<>();
    table().forEach(r -> rows.add(r.method() + " " + r.pattern()));
    Set<String> missing = new TreeSet<>();
    Set<String> seen = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<String> patterns = info.getPatternValues();
      var methods = info.getMethodsCondition().getMethods();
      for (String pattern : patterns) {
        if (methods.isEmpty()) {
          if (!NOT_ENDPOINTS.contains("* " + pattern)
              && rows.stream().noneMatch(r -> r.endsWith(" " + pattern))) {
            missing.add("* " + pattern);
          }
        }
        for (var method : methods) {
          String key = method.name() + " " + pattern;
          seen.add(key);
          if (!rows.contains(key) && !NOT_ENDPOINTS.contains(key)) {
            missing.add(key);
          }
        }
      }
    }
    assertThat(seen)
        .as("the mappings were enumerated")
        .contains("GET /api/exercises", "POST /api/login");
    assertThat(missing).as("endpoints with no row in AccessControlIT's table").isEmpty();
  }

  @Test
  void everyRoleGetsWhatItsRowSays() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Row row : table()) {
      for (Who who : Who.values()) {
        TestApi.Response response = call(row, who);
        int status = response.status();
        String expected;
        boolean ok;
        if (row.allowed().contains(who)) {
          expected = "allowed";
          ok = status != 401 && status != 403 && status < 500;
        } else if (who == Who.ANONYMOUS) {
          // an anonymous login is refused for its missing CSRF token, before any password check
          expected = row.pattern().equals("/api/login") ? "403" : "401";
          ok = status == Integer.parseInt(expected);
        } else if (row.pattern().equals("/api/login")) {
          expected = "401 (wrong password)";
          ok = status == 401;
        } else {
          expected = "403";
          ok = status == 403 && response.body().contains("refused");
        }
        if (!ok) {
          wrong.add(
              row.method()
                  + " "
                  + row.path()
                  + " as "
                  + who
                  + ": expected "
                  + expected
                  + ", got "
                  + status
                  + " "
                  + response.body());
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  TestApi.Response call(Row row, Who who) {
    TestApi api = TestApi.at(port);
    return (auth.containsKey(who) ? api.as(auth.get(who)) : api)
        .send(row.method(), row.path(), row.body().apply(who));
  }

  @Test
  void listsShowOnlyWhatTheRoleMaySee() throws Exception {
    assertThat(get(Who.TRAINEE_OF_TEAM, "/api/exercises"))
        .contains("\"id\":\"acl\"")
        .contains("\"name\":\"One\"")
        .doesNotContain("\"name\":\"Two\"")
        .contains("\"seed\":0");
    assertThat(get(Who.ASSISTANT_ELSEWHERE, "/api/exercises/" + EX))
        .contains("\"name\":\"Two\"")
        .doesNotContain("\"name\":\"One\"");
    assertThat(get(Who.OBSERVER, "/api/exercises/" + EX)).contains("One").contains("Two");
    // a trainee bound to no exercise is a member of the teams whose members list holds the name
    String member = new TestAccounts(accounts).basic("member1", "trainee", null, null, null);
    TestApi.Response own = TestApi.at(port).as(member).get("/api/exercises");
    assertThat(own.body()).contains("\"name\":\"One\"").doesNotContain("\"name\":\"Two\"");
  }

  String get(Who who, String path) throws Exception {
    return call(row("GET", path, path, null, Set.of()), who).body();
  }

  @Test
  void anInstructorsAdjustmentMovesTheScoreShowsInTheReviewAndKeepsTheJournalVerifiable()
      throws Exception {
    String team = "/api/exercises/" + EX + "/teams/2";
    TestApi.Response adjusted =
        call(
            row(
                "POST",
                team + "/adjustments",
                team + "/adjustments",
                "{\"points\":-5,\"reason\":\"left the mail relay open\"}",
                Set.of()),
            Who.INSTRUCTOR);
    assertThat(adjusted.status()).as(adjusted.body()).isEqualTo(201);
    assertThat(adjusted.body()).contains("\"type\":\"score.adjusted\"", "\"actor\":\"sensei\"");
    TestApi.Response blank =
        call(
            row(
                "POST",
                team + "/adjustments",
                team + "/adjustments",
                "{\"points\":5,\"reason\":\" \"}",
                Set.of()),
            Who.INSTRUCTOR);
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.body()).contains("adjustment reason");

    assertThat(get(Who.INSTRUCTOR, "/api/exercises/" + EX + "/scoreboard"))
        .contains("\"adjustments\":-5")
        .contains("adjusted by sensei: left the mail relay open");
    assertThat(get(Who.INSTRUCTOR, "/api/exercises/" + EX + "/review.html?team=2"))
        .contains("講師による調整 -5 点：left the mail relay open");

    String export = get(Who.INSTRUCTOR, "/api/exercises/" + EX + "/journal/export");
    dev.enshu.orchestrator.journal.JournalChain.Verdict verdict =
        dev.enshu.orchestrator.journal.JournalChain.verify(
            new java.io.BufferedReader(new java.io.StringReader(export)));
    assertThat(verdict.ok()).as(verdict.describe()).isTrue();
    assertThat(export).contains("\"hash\":\"");
    // a trainee's export is filtered, and carries no hashes to test guesses of hidden events with
    assertThat(get(Who.TRAINEE_OF_TEAM, "/api/exercises/" + EX + "/journal/export"))
        .doesNotContain("\"hash\"");
  }

  @Test
  void feedHandshakeIsAuthorisedAndATraineeNeverSeesGroundTruth() throws Exception {
    Set<Who> allowed = TEAM_READERS;
    for (Who who : Who.values()) {
      int status = handshake("/api/feed?exercise=" + EX + "&team=1", who);
      int expected = allowed.contains(who) ? 101 : who == Who.ANONYMOUS ? 401 : 403;
      assertThat(status).as("feed handshake as " + who).isEqualTo(expected);
    }
    Feed trainee =
        Feed.open(port, "/api/feed?exercise=" + EX + "&team=1", auth.get(Who.TRAINEE_OF_TEAM));
    Feed instructor = Feed.open(port, "/api/feed?exercise=" + EX, auth.get(Who.INSTRUCTOR));
    journal.append(
        JournalEvent.of(EX, 1, Instant.now(), "inject.fired", "timeline", Map.of("item", "x")));
    journal.append(
        JournalEvent.of(EX, 2, Instant.now(), "message.sent", "timeline", Map.of("item", "t2")));
    journal.append(
        JournalEvent.of(EX, 1, Instant.now(), "message.sent", "timeline", Map.of("item", "t1")));
    assertThat(instructor.next()).contains("inject.fired");
    assertThat(instructor.next()).contains("\"t2\"");
    assertThat(instructor.next()).contains("\"t1\"");
    assertThat(trainee.next()).contains("message.sent").contains("\"t1\"");
    journal.append(
        JournalEvent.of(EX, 1, Instant.now(), "message.sent", "timeline", Map.of("item", "end")));
    assertThat(trainee.next()).as("nothing came between").contains("\"end\"");
    trainee.close();
    instructor.close();
  }

  @Test
  void terminalHandshakeNeedsALoginAndOpensOnlyOwnTeamsHosts() throws Exception {
    String path = "/api/console/terminal?exercise=" + EX + "&team=1&host=pc";
    assertThat(handshake(path, Who.ANONYMOUS)).isEqualTo(401);
    for (Who who : EVERYONE) {
      Feed socket = Feed.open(port, path, auth.get(who));
      String close = socket.closed.get(15, TimeUnit.SECONDS);
      if (WORKERS.contains(who)) {
        // past access: the range of this exercise was never provisioned, so no such host
        assertThat(close).as(who.name()).doesNotStartWith("4403").doesNotStartWith("4401");
      } else {
        assertThat(close).as(who.name()).startsWith("4403 refused:");
      }
    }
  }

  @Test
  void aTraineeSeesEveryTeamsTotalButTheReasonsOfTheirOwnOnly() throws Exception {
    for (int team : List.of(1, 2)) {
      journal.append(
          JournalEvent.of(
              EX, team, Instant.now(), "hint.taken", "test", Map.of("hint", "proxy-log")));
    }
    String path = "/api/exercises/" + EX + "/scoreboard";
    JsonNode all = JSON.readTree(get(Who.INSTRUCTOR, path));
    assertThat(line(all, 2).get("points").toString()).contains("hint 'proxy-log' taken");

    JsonNode board = JSON.readTree(get(Who.TRAINEE_OF_TEAM, path));
    assertThat(board.size()).isEqualTo(2);
    JsonNode other = line(board, 2);
    assertThat(other.get("total").asInt())
        .isEqualTo(line(all, 2).get("total").asInt())
        .isNegative();
    assertThat(other.get("breakdown")).isEqualTo(line(all, 2).get("breakdown"));
    assertThat(other.get("reasons").asBoolean()).isFalse();
    assertThat(other.get("points").size()).isZero();
    assertThat(other.get("overTime").size()).isZero();
    assertThat(other.get("flags").size()).isZero();
    assertThat(other.toString()).doesNotContain("proxy-log");
    JsonNode own = line(board, 1);
    assertThat(own.get("reasons").asBoolean()).isTrue();
    assertThat(own.get("points").toString()).contains("hint 'proxy-log' taken");

    assertThat(line(JSON.readTree(get(Who.OBSERVER, path)), 2).get("reasons").asBoolean()).isTrue();
    JsonNode osaka = JSON.readTree(get(Who.ASSISTANT_ELSEWHERE, path));
    assertThat(osaka.valueStream().map(t -> t.get("team").asInt()).toList()).containsExactly(2);
    assertThat(line(osaka, 2).get("reasons").asBoolean()).isTrue();
    JsonNode tokyo = JSON.readTree(get(Who.ASSISTANT_OF_TEAM, path));
    assertThat(tokyo.valueStream().map(t -> t.get("team").asInt()).toList()).containsExactly(1);

    String nagoya = new TestAccounts(accounts).assistant("kudo", "nagoya");
    TestApi.Response none = TestApi.at(port).as(nagoya).get(path);
    assertThat(none.status()).isEqualTo(403);
    assertThat(none.body()).contains("refused").contains("has none of them");
  }

  static JsonNode line(JsonNode board, int team) {
    return board
        .valueStream()
        .filter(t -> t.get("team").asInt() == team)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no team " + team + " on the board " + board));
  }

  @Test
  void onlineRunsAreForUsersAllowedToTrainOnlineWithinTheirQuotas() throws Exception {
    Row start =
        row(
            "POST",
            "/api/online/runs",
            "/api/online/runs",
            "{\"scenario\":\"phishing-ransomware\"}",
            Set.of());
    TestApi.Response observer = call(start, Who.OBSERVER);
    assertThat(observer.status()).isEqualTo(403);
    assertThat(observer.body())
        .contains("mori (observer) may not train online: online runs are for trainees");
    TestApi.Response notAllowed = call(start, Who.TRAINEE_ELSEWHERE);
    assertThat(notAllowed.status()).isEqualTo(403);
    assertThat(notAllowed.body()).contains("kato is not allowed to train online");

    // a draft run of sato's holds its place: no range is made for it
    exerciseTeams.create(onlineRun("acl-online-1", "sato"), "sato");
    try {
      TestApi.Response atOnce = call(start, Who.TRAINEE_OF_TEAM);
      assertThat(atOnce.status()).as(atOnce.body()).isEqualTo(409);
      assertThat(atOnce.body()).contains("enshu.online.max-runs-per-user=1");

      exerciseLifecycle.teardown("acl-online-1", "test", "ended");
      TestApi.Response perDay = call(start, Who.TRAINEE_OF_TEAM);
      assertThat(perDay.status()).as(perDay.body()).isEqualTo(429);
      assertThat(perDay.body())
          .contains("sato started 1 online runs in the last 24 hours")
          .contains("enshu.online.max-runs-per-user-per-day=1");

      exerciseTeams.create(onlineRun("acl-online-2", "someone"), "someone");
      TestApi.Response perScenario = call(start, Who.INSTRUCTOR);
      assertThat(perScenario.status()).as(perScenario.body()).isEqualTo(429);
      assertThat(perScenario.body())
          .contains("1 online runs of scenario phishing-ransomware")
          .contains("enshu.online.max-runs-per-scenario=1");
    } finally {
      for (String id : List.of("acl-online-1", "acl-online-2")) {
        try {
          exerciseLifecycle.teardown(id, "test", "test over");
        } catch (RuntimeException e) {
          // not made, or already torn down
        }
      }
    }
  }

  static ExerciseRequest onlineRun(String id, String member) {
    return new ExerciseRequest(
        id,
        "phishing-ransomware",
        3L,
        Exercise.Mode.ONLINE,
        "memory",
        1.0,
        List.of(),
        List.of(new ExerciseRequest.TeamRequest(member, null, List.of(member))));
  }

  @Test
  void aTraineeNeitherListsNorPlaysBackAStaffMembersRecording() throws Exception {
    Path dir = Files.createDirectories(Path.of("target/acl-it/recordings-test"));
    ConsoleTarget pc = new ConsoleTarget(EX, 1, "pc");
    String staff = record(dir, pc, new ConsoleUser("sensei", ConsoleUser.Role.INSTRUCTOR, 0, null));
    String helped =
        record(dir, pc, new ConsoleUser("tanaka", ConsoleUser.Role.ASSISTANT, 0, "tokyo"));
    String trainee = record(dir, pc, new ConsoleUser("member1", ConsoleUser.Role.TRAINEE, 0, null));

    for (String recording : List.of(staff, helped)) {
      TestApi.Response refused = play(recording, Who.TRAINEE_OF_TEAM);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.body())
          .contains("may play back only trainees' sessions of their own team");
      assertThat(play(recording, Who.INSTRUCTOR).status()).isEqualTo(200);
      assertThat(play(recording, Who.ASSISTANT_OF_TEAM).status()).isEqualTo(200);
    }
    assertThat(play(trainee, Who.TRAINEE_OF_TEAM).status()).isEqualTo(200);
    assertThat(play(trainee, Who.TRAINEE_ELSEWHERE).status()).isEqualTo(403);

    String journalOfTeam = "/api/exercises/" + EX + "/journal?team=1";
    assertThat(get(Who.TRAINEE_OF_TEAM, journalOfTeam))
        .contains(trainee)
        .doesNotContain(staff)
        .doesNotContain(helped);
    assertThat(get(Who.INSTRUCTOR, journalOfTeam))
        .contains(trainee)
        .contains(staff)
        .contains(helped);
  }

  TestApi.Response play(String recording, Who who) throws Exception {
    String path = "/api/console/recordings/" + recording;
    return call(row("GET", path, path, null, Set.of()), who);
  }

  String record(Path dir, ConsoleTarget target, ConsoleUser owner) throws Exception {
    String id = UUID.randomUUID().toString();
    Path file = dir.resolve(id + ".cast");
    Files.writeString(file, "{\"version\":2,\"width\":80,\"height\":24}\n[0.1,\"o\",\"$ \"]\n");
    Instant now = Instant.now();
    recordings.recorded(
        new ConsoleSessionListener.Recording(id, target, owner, now, now, file, Files.size(file)));
    return id;
  }

  int handshake(String path, Who who) {
    try {
      Feed feed = Feed.open(port, path, auth.get(who));
      feed.close();
      return 101;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  /** A WebSocket client keeping text messages and the close status. */
  static final class Feed extends WholeMessages {
    final BlockingQueue<String> received;
    final CompletableFuture<String> closed = new CompletableFuture<>();
    WebSocket socket;

    private Feed(BlockingQueue<String> received) {
      super(received);
      this.received = received;
    }

    static Feed open(int port, String path, String authorization) {
      Feed feed = new Feed(new LinkedBlockingQueue<>());
      TestApi api = TestApi.at(port);
      feed.socket =
          (authorization == null ? api : api.as(authorization)).webSocket(path, feed).join();
      return feed;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      closed.complete(code + " " + reason);
      return null;
    }

    String next() throws InterruptedException {
      String text = received.poll(10, TimeUnit.SECONDS);
      assertThat(text).as("a feed message").isNotNull();
      return text;
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
    }
  }
}
