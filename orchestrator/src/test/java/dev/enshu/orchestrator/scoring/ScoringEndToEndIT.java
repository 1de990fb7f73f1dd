package dev.enshu.orchestrator.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.ServerTest;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseLifecycle;
import dev.enshu.orchestrator.exercise.ExerciseProvisioning;
import dev.enshu.orchestrator.exercise.ExerciseRequest;
import dev.enshu.orchestrator.exercise.ExerciseTeams;
import dev.enshu.orchestrator.exercise.Plans;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.TeamScope;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.orchestrator.range.RangePlan;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.orchestrator.range.RangeProvider.HostRef;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import dev.enshu.orchestrator.timeline.TimelineEngine;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two teams on real ranges: one defends (blocks the C2 at the proxy, stops the implant, names the
 * C2), the other does nothing. The defender earns those points, keeps its documents, and avoids the
 * ransomware branch; the idle team gets the ransomware, loses service points and scores lower. The
 * scoreboard is the same when recomputed, and every point names its event.
 */
@ServerTest
class ScoringEndToEndIT {
  @Autowired ExerciseTeams exerciseTeams;
  @Autowired ExerciseProvisioning exerciseProvisioning;
  @Autowired ExerciseLifecycle exerciseLifecycle;
  @Autowired ScoringService scoring;
  @Autowired Plans plans;
  @Autowired Journal journal;
  @Autowired DockerRangeProvider docker;

  @Test
  void aDefendingTeamOutscoresAnIdleOne() throws Exception {
    docker.images().buildAll();
    String id = "sc" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    exerciseTeams.create(
        new ExerciseRequest(
            id,
            "src/test/resources/scenarios/e2e-mini.yaml",
            9L,
            Exercise.Mode.CENTRAL,
            "docker",
            12.0,
            List.of(),
            List.of(
                new ExerciseRequest.TeamRequest("defenders", null, List.of()),
                new ExerciseRequest.TeamRequest("idle", null, List.of()))),
        "test");
    Exercise ready = exerciseProvisioning.provision(id, "test").get(5, TimeUnit.MINUTES);
    assertThat(ready.state()).as(ready.reason()).isEqualTo(State.READY);
    try {
      exerciseLifecycle.start(id, TeamScope.ALL, "test");
      RangePlan defended = plans.plan(ready, ready.team(1).orElseThrow());
      awaitEvent(id, 1, TimelineEngine.COMPLETED, "implant", 60);
      String c2 = defended.variables().get("c2Domain");
      assertThat(
              sh(
                      defended,
                      "proxy",
                      "echo '" + c2 + "' >> /etc/squid/enshu-deny.txt && squid -k reconfigure")
                  .exitCode())
          .isZero();
      assertThat(sh(defended, "pc", "pkill -f '[.]cache/'").exitCode()).isZero();
      ScoreCalculator.Verdict verdict =
          scoring.submit(
              id,
              1,
              new ScoringService.Finding(
                  "c2",
                  "http://" + c2.toUpperCase(Locale.ROOT) + "/beacon",
                  "seen in the proxy log"),
              "trainee1");
      assertThat(verdict.outcome()).isEqualTo("accepted");
      assertThat(
              scoring
                  .submit(id, 2, new ScoringService.Finding("c2", "example.com", ""), "trainee2")
                  .outcome())
          .isEqualTo("rejected");

      awaitEvent(id, 2, TimelineEngine.COMPLETED, "ransomware", 120);
      awaitEvent(id, 1, TimelineEngine.COMPLETED, "deface", 120);
      // the service checks keep running: wait until the defended team's uptime shows
      for (int i = 0; i < 240 && !serviceAhead(id); i++) {
        Thread.sleep(500);
      }
      assertThat(journal.read(id, 1, TimelineEngine.SKIPPED))
          .extracting(e -> e.data().get("item"))
          .contains("ransomware");

      List<TeamScore> board = scoring.scoreboard(id);
      TeamScore defenders = board.get(0);
      TeamScore idle = board.get(1);
      assertThat(defenders.breakdown().get("response")).isGreaterThanOrEqualTo(150);
      assertThat(defenders.breakdown().get("detection")).isEqualTo(100);
      assertThat(idle.breakdown().get("response")).isZero();
      assertThat(defenders.breakdown().get("service"))
          .isGreaterThan(idle.breakdown().get("service"));
      assertThat(defenders.total()).isGreaterThan(idle.total());
      // every point names the journal event that earned it, and recomputing gives the same board
      List<Long> seqs = journal.read(id, null, 0).stream().map(JournalEvent::seq).toList();
      assertThat(defenders.points()).allSatisfy(p -> assertThat(seqs).contains(p.seq()));
      assertThat(scoring.scoreboard(id).get(0).points()).isEqualTo(defenders.points());
    } finally {
      exerciseLifecycle.finish(id, "test");
      exerciseLifecycle.teardown(id, "test");
    }
  }

  /** Whether team 1 (defended) has more service points than team 2 (idle). */
  private boolean serviceAhead(String id) {
    Map<Integer, Integer> service = new java.util.HashMap<>();
    scoring
        .scoreboard(id)
        .forEach(t -> service.put(t.team(), t.breakdown().getOrDefault("service", 0)));
    return service.getOrDefault(1, 0) > service.getOrDefault(2, 0);
  }

  private void awaitEvent(String id, int team, String type, String item, int seconds)
      throws InterruptedException {
    for (int i = 0; i < seconds * 2; i++) {
      if (journal.read(id, team, type).stream().anyMatch(e -> item.equals(e.data().get("item")))) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        type + " of " + item + " for team " + team + " did not come in " + seconds + " s");
  }

  private ExecResult sh(RangePlan plan, String host, String script) {
    return docker.exec(
        new HostRef(plan.rangeId(), host), List.of("bash", "-c", script), Duration.ofSeconds(20));
  }
}
