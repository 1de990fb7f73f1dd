package dev.enshu.orchestrator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which events a team's review holds, and where the score changes go. */
class ReviewTest {
  private static final Instant T = Instant.parse("2026-11-30T01:00:00Z");

  private static JournalEvent event(long seq, Integer team, String type, Map<String, Object> data) {
    return new JournalEvent(seq, "ex1", team, T.plusSeconds(seq), type, "someone", null, data);
  }

  private final List<JournalEvent> journal =
      List.of(
          event(1, null, "exercise.state", Map.of("from", "ready", "to", "running")),
          event(2, 1, "inject.fired", Map.of("item", "implant", "groundTruth", Map.of())),
          event(3, 1, "inject.completed", Map.of("item", "ransomware", "key", "secret")),
          event(4, 1, "message.sent", Map.of("text", "look at the proxy")),
          event(5, 1, "check.result", Map.of("check", "c2-blocked", "passed", true)),
          event(6, 1, "finding.submitted", Map.of("objective", "c2", "answer", "x.example")),
          event(7, 2, "finding.submitted", Map.of("objective", "c2", "answer", "other team")),
          event(
              8,
              1,
              "console.recorded",
              Map.of("recording", "/api/console/recordings/s1", "role", "trainee")),
          event(9, 1, "hint.taken", Map.of("hint", "proxy-log", "penalty", 20)),
          event(
              10,
              1,
              "console.recorded",
              Map.of("recording", "/api/console/recordings/s2", "role", "instructor")),
          // journalled before recordings named their owner's role: may be staff's
          event(11, 1, "console.recorded", Map.of("recording", "/api/console/recordings/s3")));

  private final List<Review.ScoreChange> changes =
      List.of(
          new Review.ScoreChange(5, T.plusSeconds(5), 100, 100, "response", "blocked"),
          new Review.ScoreChange(9, T.plusSeconds(9), 80, -20, "penalties", "hint"));

  private static List<String> types(List<JournalEvent> events) {
    return events.stream().map(e -> e.seq() + ":" + e.type()).toList();
  }

  @Test
  void theWholeViewHasEveryEventOfTheTeamWithScoreChangesAfterTheirCause() {
    List<JournalEvent> review = Review.events("ex1", 1, journal, changes, Set.of(), false);
    assertThat(types(review))
        .containsExactly(
            "1:exercise.state",
            "2:inject.fired",
            "3:inject.completed",
            "4:message.sent",
            "5:check.result",
            "5:score.changed",
            "6:finding.submitted",
            "8:console.recorded",
            "9:hint.taken",
            "9:score.changed",
            "10:console.recorded",
            "11:console.recorded");
    assertThat(review.get(5).data())
        .containsEntry("total", 100)
        .containsEntry("delta", 100)
        .containsEntry("part", "response");
    assertThat(review.get(5).team()).isEqualTo(1);
  }

  @Test
  void aTraineeSeesWhatTheyMaySeePlusTheInjectsButNoOutcomesChecksOrStaffRecordings() {
    List<JournalEvent> review = Review.events("ex1", 1, journal, changes, Set.of(), true);
    assertThat(types(review))
        .containsExactly(
            "1:exercise.state",
            "2:inject.fired",
            "4:message.sent",
            "5:score.changed",
            "6:finding.submitted",
            "8:console.recorded",
            "9:hint.taken",
            "9:score.changed");
    assertThat(review).noneMatch(e -> e.data().containsValue("secret"));
    assertThat(review).noneMatch(e -> e.team() != null && e.team() == 2);
  }

  @Test
  void filtersByTheTypesAskedFor() {
    Set<String> asked = Review.types("finding.submitted, score.changed,");
    assertThat(asked).containsExactly("finding.submitted", "score.changed");
    assertThat(types(Review.events("ex1", 1, journal, changes, asked, false)))
        .containsExactly("5:score.changed", "6:finding.submitted", "9:score.changed");
    assertThat(types(Review.events("ex1", 1, journal, changes, Set.of("hint.taken"), false)))
        .containsExactly("9:hint.taken");
  }

  @Test
  void aTraineeSeesTheirTeamsAdjustmentWithItsReasonAndScoreChange() {
    List<JournalEvent> adjusted = new java.util.ArrayList<>(journal);
    adjusted.add(event(10, 1, "score.adjusted", Map.of("points", -5, "reason", "late report")));
    adjusted.add(event(11, 2, "score.adjusted", Map.of("points", 9, "reason", "other team")));
    List<Review.ScoreChange> withAdjustment = new java.util.ArrayList<>(changes);
    withAdjustment.add(
        new Review.ScoreChange(
            10, T.plusSeconds(10), 75, -5, "adjustments", "adjusted by someone: late report"));
    List<JournalEvent> review = Review.events("ex1", 1, adjusted, withAdjustment, Set.of(), true);
    assertThat(types(review)).endsWith("10:score.adjusted", "10:score.changed");
    assertThat(review.get(review.size() - 1).data())
        .containsEntry("part", "adjustments")
        .containsEntry("reason", "adjusted by someone: late report");
    assertThat(review).noneMatch(e -> e.data().containsValue("other team"));
  }
}
