package dev.enshu.orchestrator.timeline;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A real cyder-mini range, a scenario run at twelve times real speed: every inject fires once and
 * leaves its artifacts exactly where its ground truth says; the ransomware can be undone with the
 * key the journal kept.
 */
@ServerTest
class TimelineEndToEndIT {
  @Autowired ExerciseTeams exerciseTeams;
  @Autowired ExerciseProvisioning exerciseProvisioning;
  @Autowired ExerciseLifecycle exerciseLifecycle;
  @Autowired Plans plans;
  @Autowired Journal journal;
  @Autowired DockerRangeProvider docker;

  @Test
  void everyInjectLeavesItsArtifactsWhereTheGroundTruthSays() throws Exception {
    docker.images().buildAll();
    String id = "e2e" + Long.toHexString(System.nanoTime() & 0xFFFFF);
    exerciseTeams.create(
        new ExerciseRequest(
            id,
            "src/test/resources/scenarios/e2e-mini.yaml",
            3L,
            Exercise.Mode.ONLINE,
            "docker",
            12.0,
            List.of(),
            List.of(new ExerciseRequest.TeamRequest("solo", null, List.of("trainee1")))),
        "test");
    Exercise ready = exerciseProvisioning.provision(id, "test").get(5, TimeUnit.MINUTES);
    assertThat(ready.state()).as(ready.reason()).isEqualTo(State.READY);
    try {
      exerciseLifecycle.start(id, TeamScope.ALL, "test");
      List<String> injects =
          List.of(
              "implant", "discovery", "credential-theft", "exfiltration", "ransomware", "deface");
      List<JournalEvent> outcomes = awaitOutcomes(id, injects.size());
      assertThat(outcomes)
          .extracting(e -> (String) e.data().get("item"))
          .containsExactlyInAnyOrderElementsOf(injects);
      assertThat(outcomes)
          .allSatisfy(
              e ->
                  assertThat(e.type())
                      .as("%s: %s", e.data().get("item"), e.data())
                      .isEqualTo(TimelineEngine.COMPLETED));
      assertThat(journal.read(id, 1, TimelineEngine.FIRED)).hasSize(injects.size());
      assertThat(journal.read(id, 1, TimelineEngine.SENT))
          .extracting(e -> e.data().get("item"))
          .containsExactly("soc-alert");

      RangePlan plan = plans.plan(ready, ready.team(1).orElseThrow());
      String c2 = plan.variables().get("c2Domain");
      String implant = plan.variables().get("implantName");
      assertThat(
              sh(
                      plan,
                      "pc",
                      "pgrep -x "
                          + implant
                          + " >/dev/null && test -x /home/tanaka/.cache/"
                          + implant)
                  .exitCode())
          .as("implant running from its file")
          .isZero();
      assertThat(
              sh(plan, "proxy", "grep -cF '" + c2 + "/beacon' /var/log/squid/access.log")
                  .stdout()
                  .strip())
          .isNotEqualTo("0");
      assertThat(sh(plan, "c2", "grep -c 'EnshuE2E/1.0' /var/log/c2/beacons.log").stdout().strip())
          .isNotEqualTo("0");
      assertThat(sh(plan, "pc", "grep -x hostname /home/tanaka/.bash_history").exitCode())
          .as("discovery in the shell history")
          .isZero();
      assertThat(sh(plan, "pc", "cat /home/tanaka/Desktop/memo.txt").stdout()).contains("adm-test");
      assertThat(sh(plan, "c2", "ls /srv/c2/loot/").stdout())
          .contains("memo.txt")
          .contains("backup-pc.tgz");
      String extension = ".locked-" + plan.variables().get("lockSuffix");
      assertThat(
              sh(plan, "pc", "find /home/tanaka/Documents -name '*" + extension + "' | wc -l")
                  .stdout()
                  .strip())
          .isNotEqualTo("0");
      assertThat(
              sh(plan, "pc", "test -f /home/tanaka/Documents/README_RESTORE_FILES.txt").exitCode())
          .isZero();
      assertThat(sh(plan, "web", "cat /var/www/html/index.html").stdout())
          .contains("Hacked by the exercise");

      // the instructor can undo the ransomware with the key the journal kept
      JournalEvent ransom =
          outcomes.stream()
              .filter(e -> "ransomware".equals(e.data().get("item")))
              .findFirst()
              .orElseThrow();
      ExecResult restored =
          new ActionRunner(docker)
              .restore(
                  plan,
                  "pc",
                  (String) ransom.data().get("key"),
                  "/home/tanaka/Documents",
                  extension);
      assertThat(restored.exitCode()).as(restored.stderr()).isZero();
      assertThat(
              sh(plan, "pc", "find /home/tanaka/Documents -name '*" + extension + "' | wc -l")
                  .stdout()
                  .strip())
          .isEqualTo("0");
    } finally {
      exerciseLifecycle.finish(id, "test");
      exerciseLifecycle.teardown(id, "test");
    }
  }

  private List<JournalEvent> awaitOutcomes(String id, int count) throws InterruptedException {
    List<JournalEvent> outcomes = List.of();
    for (int i = 0; i < 240 && outcomes.size() < count; i++) {
      Thread.sleep(500);
      outcomes =
          journal.read(id, 1, 0).stream()
              .filter(
                  e ->
                      e.type().equals(TimelineEngine.COMPLETED)
                          || e.type().equals(TimelineEngine.FAILED))
              .toList();
    }
    return outcomes;
  }

  private ExecResult sh(RangePlan plan, String host, String script) {
    return docker.exec(
        new HostRef(plan.rangeId(), host), List.of("bash", "-c", script), Duration.ofSeconds(20));
  }
}
