package dev.enshu.orchestrator.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.TestApi;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.TestAccounts;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseLifecycle;
import dev.enshu.orchestrator.exercise.ExerciseProvisioning;
import dev.enshu.orchestrator.exercise.ExerciseRequest;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.ExerciseTeams;
import dev.enshu.orchestrator.exercise.Plans;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.TeamScope;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import dev.enshu.orchestrator.range.docker.EngineImages;
import dev.enshu.orchestrator.timeline.TimelineEngine;
import dev.enshu.orchestrator.timeline.TimelineService;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cheating trainee on real ranges: two teams of the fair-play scenario on Docker, trainees
 * working through the API as the console does. Each step tries what a trainee who knows the product
 * would try, and shows that the score does not move (or that the copy is flagged).
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FairPlayIT {
  static final String SCENARIO = "src/test/resources/scenarios/fair-play.yaml";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired ExerciseTeams exerciseTeams;
  @Autowired ExerciseProvisioning exerciseProvisioning;
  @Autowired ExerciseLifecycle exerciseLifecycle;
  @Autowired ExerciseStore store;
  @Autowired ScoringService scoring;
  @Autowired TimelineService timeline;
  @Autowired Plans plans;
  @Autowired Journal journal;
  @Autowired Accounts accounts;
  @Autowired DockerRangeProvider docker;
  @LocalServerPort int port;

  String id;
  RangePlan one;
  RangePlan two;
  String instructor;
  String trainee1;
  String trainee2;

  @BeforeAll
  void twoTeamsOnRealRanges() throws Exception {
    EngineImages.ensureBuilt();
    id = "fp" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    exerciseTeams.create(
        new ExerciseRequest(
            id,
            SCENARIO,
            // no seed: the server draws it, as the console's form leaves it out
            null,
            Exercise.Mode.CENTRAL,
            "docker",
            1.0,
            List.of(),
            List.of(
                new ExerciseRequest.TeamRequest("one", null, List.of()),
                new ExerciseRequest.TeamRequest("two", null, List.of()))),
        "sensei");
    Exercise ready = exerciseProvisioning.provision(id, "sensei").get(10, TimeUnit.MINUTES);
    assertThat(ready.state()).as(ready.reason()).isEqualTo(State.READY);
    one = plans.plan(ready, ready.team(1).orElseThrow());
    two = plans.plan(ready, ready.team(2).orElseThrow());
    TestAccounts users = new TestAccounts(accounts);
    instructor = users.instructor("fp-sensei");
    trainee1 = users.trainee("fp-sato", id, 1);
    trainee2 = users.trainee("fp-kato", id, 2);
  }

  @AfterAll
  void tearDown() {
    Exercise now = store.require(id);
    if (now.state() == State.RUNNING || now.state() == State.PAUSED) {
      exerciseLifecycle.finish(id, "sensei");
    }
    exerciseLifecycle.teardown(id, "sensei");
  }

  @Test
  @Order(1)
  void thePlanCannotBeRecomputedFromWhatATraineeCanLearn() throws Exception {
    JsonNode seen = JSON.readTree(get(trainee1, "/api/exercises/" + id).body());
    assertThat(seen.get("seed").asLong()).isZero();
    long seed = JSON.readTree(get(instructor, "/api/exercises/" + id).body()).get("seed").asLong();
    assertThat(seed).isNotIn(0L, 1L);
    // even a leaked seed does not give the answers: `enshu plan SCENARIO --seed S` compiles this
    var loaded = ScenarioLoader.byIdOrFile(SCENARIO);
    Map<String, String> recomputed =
        new PlanCompiler(loaded.scenario(), loaded.template())
            .compile(id, 1, seed, Cidr.parse(store.require(id).team(1).get().addressBlock()))
            .variables();
    assertThat(recomputed.get("lockSuffix")).isNotEqualTo(one.variables().get("lockSuffix"));
    assertThat(recomputed).isNotEqualTo(one.variables());
    // nor does the journal, which assistants, observers and exports read
    assertThat(journal.read(id, null, 0))
        .allSatisfy(e -> assertThat(e.data().toString()).doesNotContain(Long.toString(seed)));
  }

  @Test
  @Order(2)
  void theRangeDoesNotTellWhichCandidateWasDrawn() throws Exception {
    String c2 = one.requireHost("c2").address();
    String attacker = one.requireHost("attacker").address();
    List<String> candidates =
        List.of(
            "sync-check.example.net",
            "cdn-edge.example.com",
            "status-feed.example.org",
            "relay-api.example.net");
    // as root on the team's terminal: every candidate resolves, to the same host
    ExecResult lookups =
        docker.exec(
            new HostRef(one.rangeId(), "pc"),
            List.of(
                "sh",
                "-c",
                "for d in " + String.join(" ", candidates) + "; do getent hosts $d; done"),
            Duration.ofSeconds(20));
    assertThat(lookups.stdout().lines().toList())
        .hasSize(candidates.size())
        .allSatisfy(line -> assertThat(line).startsWith(c2 + " "));
    // and a reverse lookup of the C2's address answers the same in both teams, whatever they drew
    String reverseOne = reverse(one, c2);
    assertThat(reverseOne).isEqualTo(reverse(two, two.requireHost("c2").address()));
    // the team's topology and page show the simulated internet as one host, nothing of who is on it
    for (String path : List.of("/topology", "/workspace")) {
      TestApi.Response seen = get(trainee1, "/api/exercises/" + id + "/teams/1" + path);
      assertThat(seen.status()).as(seen.body()).isEqualTo(200);
      JsonNode hosts = JSON.readTree(seen.body()).get("hosts");
      assertThat(hosts.findValuesAsString("id"))
          .contains("internet")
          .doesNotContain("c2", "attacker");
      assertThat(hosts.findValuesAsString("role")).doesNotContain("c2", "attacker");
      assertThat(hosts.toString()).doesNotContain(c2 + "\"", attacker + "\"");
    }
    // staff see the whole picture
    assertThat(get(instructor, "/api/exercises/" + id + "/teams/1/topology").body())
        .contains("\"c2\"", "\"attacker\"");
  }

  private String reverse(RangePlan plan, String address) {
    ExecResult result =
        docker.exec(
            new HostRef(plan.rangeId(), "pc"),
            List.of("getent", "hosts", address),
            Duration.ofSeconds(20));
    return result.stdout().strip().replace(address, "").strip();
  }

  @Test
  @Order(3)
  void nothingIsTakenBeforeTheStart() throws Exception {
    TestApi.Response early = finding(trainee1, 1, "c2", one.variables().get("c2Domain"));
    assertThat(early.status()).as(early.body()).isEqualTo(409);
    assertThat(early.body()).contains("while the team's exercise runs");
    assertThat(post(trainee1, "/api/exercises/" + id + "/teams/1/hints/proxy-log", "").status())
        .isEqualTo(409);
    assertThat(
            post(trainee1, "/api/exercises/" + id + "/teams/1/report", "{\"summary\":\"early\"}")
                .status())
        .isEqualTo(409);
    assertThat(journal.read(id, 1, 0))
        .extracting(JournalEvent::type)
        .doesNotContain(ScoreCalculator.FINDING, ScoreCalculator.HINT, ScoringService.REPORT);
    assertThat(scoring.teamScore(id, 1).total()).isZero();
  }

  @Test
  @Order(4)
  void aRightAnswerBeforeWhatItAsksAboutHappenedEarnsNothing() throws Exception {
    exerciseLifecycle.start(id, TeamScope.ALL, "sensei");
    TestApi.Response precomputed = finding(trainee1, 1, "c2", one.variables().get("c2Domain"));
    // the implant is due at 50 minutes of scenario time; the test fires it itself below
    assertThat(journal.read(id, 1, TimelineEngine.FIRED)).isEmpty();
    assertThat(precomputed.status()).as(precomputed.body()).isEqualTo(409);
    assertThat(precomputed.body()).contains("has not happened").doesNotContain("implant");
    assertThat(scoring.teamScore(id, 1).total()).isZero();
    assertThat(scoring.progress(id, 1))
        .filteredOn(p -> p.objective().equals("c2"))
        .singleElement()
        .satisfies(p -> assertThat(p.attemptsLeft()).isEqualTo(3));
  }

  @Test
  @Order(5)
  void sendingAnotherTeamsValueIsFlaggedToTheInstructor() throws Exception {
    timeline.fireNow(id, 1, "implant", "sensei");
    timeline.fireNow(id, 2, "implant", "sensei");
    String theirs = one.variables().get("c2Domain");
    assertThat(theirs).isNotEqualTo(two.variables().get("c2Domain"));
    TestApi.Response copied = finding(trainee2, 2, "c2", "http://" + theirs + "/beacon");
    assertThat(copied.status()).as(copied.body()).isEqualTo(200);
    assertThat(JSON.readTree(copied.body()).get("outcome").asString()).isEqualTo("rejected");
    assertThat(journal.read(id, 2, ScoringService.COPIED))
        .singleElement()
        .satisfies(
            flag -> {
              assertThat(flag.data())
                  .containsEntry("team", 2)
                  .containsEntry("answerOfTeam", 1)
                  .containsEntry("objective", "c2")
                  .containsEntry("by", "fp-kato");
            });
    assertThat(scoring.teamScore(id, 2).breakdown().getOrDefault("detection", 0)).isZero();
    // sending it again is not flagged again: repeats cannot grow the journal
    assertThat(finding(trainee2, 2, "c2", theirs).status()).isEqualTo(200);
    assertThat(journal.read(id, 2, ScoringService.COPIED)).hasSize(1);
    // the team's own answer is never flagged
    TestApi.Response own =
        finding(trainee2, 2, "implant-process", two.variables().get("implantName"));
    assertThat(JSON.readTree(own.body()).get("outcome").asString()).isEqualTo("accepted");
    assertThat(journal.read(id, 2, ScoringService.COPIED)).hasSize(1);
    // the flag is the instructor's: team 2's trainee is not told it was seen
    assertThat(get(trainee2, "/api/exercises/" + id + "/journal?team=2").body())
        .contains(ScoringService.ACCEPTED)
        .doesNotContain(ScoringService.COPIED);
  }

  @Test
  @Order(6)
  void replacingTheToolsAChecksUsesDoesNotMakeItPass() throws Exception {
    // team 2 leaves its implant running and fakes every tool a check inside the host would use
    String fake = "#!/bin/sh\nexit 1\n";
    ExecResult faked =
        docker.exec(
            new HostRef(two.rangeId(), "pc"),
            List.of(
                "sh",
                "-c",
                "for t in pgrep pidof ps; do printf '"
                    + fake
                    + "' > /usr/local/bin/$t; chmod +x /usr/local/bin/$t; done;"
                    + " pgrep -x anything; echo fooled=$?"),
            Duration.ofSeconds(20));
    assertThat(faked.stdout()).contains("fooled=1");
    long after = journal.read(id, 2, 0).stream().mapToLong(JournalEvent::seq).max().orElse(0);
    JournalEvent result = awaitCheck(2, "implant-stopped", after);
    assertThat(result.data()).containsEntry("passed", false).containsEntry("probe", "observe");
    // nothing of the answer is in what the check journalled
    assertThat(result.data().toString()).doesNotContain(two.variables().get("implantName"));
    assertThat(scoring.teamScore(id, 2).breakdown().getOrDefault("response", 0)).isZero();
  }

  /** The first result of {@code check} for {@code team} journalled after {@code afterSeq}. */
  private JournalEvent awaitCheck(int team, String check, long afterSeq) throws Exception {
    java.util.concurrent.CompletableFuture<JournalEvent> seen =
        new java.util.concurrent.CompletableFuture<>();
    Runnable stop =
        journal.subscribe(
            e -> {
              if (e.seq() > afterSeq
                  && e.team() != null
                  && e.team() == team
                  && e.type().equals(TimelineEngine.CHECK_RESULT)
                  && check.equals(e.data().get("check"))) {
                seen.complete(e);
              }
            });
    try {
      // the check runs every 30 s of scenario time; a loaded machine may take longer
      return seen.get(5, TimeUnit.MINUTES);
    } finally {
      stop.run();
    }
  }

  @Test
  @Order(7)
  void aTraineeReadsOtherTeamsTotalsButNotTheirReasons() throws Exception {
    TestApi.Response board = get(trainee1, "/api/exercises/" + id + "/scoreboard");
    assertThat(board.status()).as(board.body()).isEqualTo(200);
    JsonNode teams = JSON.readTree(board.body());
    assertThat(teams).hasSize(2);
    for (JsonNode team : teams) {
      boolean own = team.get("team").asInt() == 1;
      assertThat(team.get("reasons").asBoolean()).isEqualTo(own);
      assertThat(team.has("total") && team.has("breakdown")).isTrue();
      if (!own) {
        // team 2 answered its implant: the total shows it, nothing says which answer or why
        assertThat(team.get("total").asInt()).isEqualTo(scoring.teamScore(id, 2).total());
        assertThat(team.get("points")).isEmpty();
        assertThat(team.get("overTime")).isEmpty();
        assertThat(team.toString()).doesNotContain("implant-process", "answered correctly");
      }
    }
  }

  @Test
  @Order(8)
  void afterTheEndTheScoreDoesNotMove() throws Exception {
    TestApi.Response right = finding(trainee1, 1, "c2", one.variables().get("c2Domain"));
    assertThat(JSON.readTree(right.body()).get("outcome").asString()).isEqualTo("accepted");
    exerciseLifecycle.finish(id, "sensei");
    int total = scoring.teamScore(id, 1).total();
    assertThat(total).isPositive();
    // the timeline and checks may still journal (an inject completing); the team's work may not
    List<String> work =
        List.of(ScoreCalculator.FINDING, ScoreCalculator.HINT, ScoringService.REPORT);
    long submitted = journal.read(id, 1, 0).stream().filter(e -> work.contains(e.type())).count();
    TestApi.Response late =
        finding(trainee1, 1, "implant-process", one.variables().get("implantName"));
    assertThat(late.status()).as(late.body()).isEqualTo(409);
    assertThat(late.body()).contains("finished");
    assertThat(post(trainee1, "/api/exercises/" + id + "/teams/1/hints/proxy-log", "").status())
        .isEqualTo(409);
    assertThat(
            post(trainee1, "/api/exercises/" + id + "/teams/1/report", "{\"summary\":\"late\"}")
                .status())
        .isEqualTo(409);
    assertThat(scoring.teamScore(id, 1).total()).isEqualTo(total);
    assertThat(journal.read(id, 1, 0).stream().filter(e -> work.contains(e.type())).count())
        .isEqualTo(submitted);
  }

  private TestApi.Response finding(String who, int team, String objective, String answer)
      throws Exception {
    return post(
        who,
        "/api/exercises/" + id + "/teams/" + team + "/findings",
        JSON.writeValueAsString(Map.of("objective", objective, "answer", answer, "note", "")));
  }

  private TestApi.Response get(String who, String path) {
    return TestApi.at(port).as(who).get(path);
  }

  private TestApi.Response post(String who, String path, String body) {
    return TestApi.at(port).as(who).post(path, body);
  }
}
