package dev.enshu.orchestrator.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.journal.JournalEvent;
import dev.enshu.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The score as a series of changes, and each objective's progress, from the journal alone. */
class ScoreSeriesTest {
  private static final Instant T = Instant.parse("2026-11-30T01:00:00Z");
  private final ScoreCalculator calculator =
      new ScoreCalculator(
          ScenarioLoader.load(Path.of("src/test/resources/scenarios/e2e-mini.yaml")).scenario());
  private final Map<String, String> variables = Map.of("c2Domain", "sync-check.example.net");
  private final List<JournalEvent> events = new ArrayList<>();

  private void add(String type, Map<String, Object> data) {
    long seq = events.size() + 1L;
    events.add(new JournalEvent(seq, "ex1", 1, T.plusSeconds(seq), type, "t", null, data));
  }

  private void answer(String answer) {
    add(
        ScoreCalculator.FINDING,
        Map.of("objective", "c2", "answer", answer, "scenarioMillis", 60_000));
  }

  @Test
  void changesCarryTheRunningTotalTheDeltaAndThePartAfterTheEventThatCausedThem() {
    add("inject.fired", Map.of("item", "implant", "scenarioMillis", 60_000));
    answer("sync-check.example.net");
    add("hint.taken", Map.of("hint", "none-such"));
    add("check.result", Map.of("check", "c2-blocked", "passed", true, "scenarioMillis", 90_000));
    List<TeamScore.Change> changes = calculator.score(1, events, variables).changes();
    assertThat(changes)
        .extracting(TeamScore.Change::seq, TeamScore.Change::delta, TeamScore.Change::total)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, 100, 100),
            org.assertj.core.groups.Tuple.tuple(4L, 100, 200));
    assertThat(changes).extracting(TeamScore.Change::part).containsExactly("detection", "response");
  }

  @Test
  void progressCountsAnswersLeftUntilTheObjectiveIsAnswered() {
    assertThat(calculator.progress(1, events, variables))
        .containsExactly(new ScoreCalculator.Progress("c2", 3, false));
    answer("wrong.example");
    answer("also-wrong.example");
    assertThat(calculator.progress(1, events, variables))
        .containsExactly(new ScoreCalculator.Progress("c2", 1, false));
    answer("sync-check.example.net");
    assertThat(calculator.progress(1, events, variables))
        .containsExactly(new ScoreCalculator.Progress("c2", 0, true));
    // another team's answers are not this team's
    assertThat(calculator.progress(2, events, variables))
        .containsExactly(new ScoreCalculator.Progress("c2", 3, false));
  }
}
