package dev.enshu.orchestrator.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.journal.JournalEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** What teams and instructors may write: sizes name the field (400), quotas give 429. */
class SubmissionLimitsTest {
  private static final Instant T = Instant.parse("2026-11-30T01:00:00Z");
  private final ScoringLimits settings =
      new ScoringLimits(10, 20, 30, 2, 3, 2, 5, Duration.ofMinutes(1), 100, 15);
  private final SubmissionLimits limits = new SubmissionLimits(settings);
  private final List<JournalEvent> events = new ArrayList<>();

  private void add(int team, String type, Instant at, Map<String, Object> data) {
    events.add(new JournalEvent(events.size() + 1, "ex", team, at, type, "t", null, data));
  }

  private static void refused(ThrowingCallable call, int http, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            EnshuException.class, e -> assertThat(e.status().http()).isEqualTo(http))
        .hasMessageContaining(message);
  }

  @Test
  void findingsTooLongAreRefusedNamingTheField() {
    assertThatNoException()
        .isThrownBy(
            () -> limits.checkFinding(new ScoringService.Finding("c2", "x".repeat(10), null)));
    refused(
        () -> limits.checkFinding(new ScoringService.Finding("c2", "x".repeat(11), "")),
        400,
        "finding answer: 11 characters sent, at most 10 are taken");
    refused(
        () -> limits.checkFinding(new ScoringService.Finding("c2", "a", "n".repeat(21))),
        400,
        "finding note: 21 characters sent, at most 20");
  }

  @Test
  void reportsTooLargeOrTooManyAreRefused() {
    Map<String, String> three = new LinkedHashMap<>();
    three.put("a", "1");
    three.put("b", "2");
    three.put("c", "3");
    refused(() -> limits.checkReport(1, three, events), 400, "report sections: 3 sent, at most 2");
    refused(
        () -> limits.checkReport(1, Map.of("summary", "s".repeat(31)), events),
        400,
        "report section 'summary': 31 characters sent, at most 30");
    refused(() -> limits.checkReport(1, null, events), 400, "send the report as");
    for (int i = 0; i < 3; i++) {
      add(1, ScoringService.REPORT, T, Map.of());
    }
    add(2, ScoringService.REPORT, T, Map.of());
    refused(
        () -> limits.checkReport(1, Map.of("summary", "ok"), events),
        429,
        "team 1 has submitted 3 reports (at most 3)");
    assertThatNoException().isThrownBy(() -> limits.checkReport(2, Map.of("s", "ok"), events));
  }

  @Test
  void wrongAnswersPastTheCapOfAnObjectiveAreRefused() {
    Instant long_ago = T.minus(Duration.ofHours(1));
    add(1, ScoringService.REJECTED, long_ago, Map.of("objective", "c2"));
    assertThatNoException().isThrownBy(() -> limits.checkFindingQuota(1, "c2", events, T));
    add(1, ScoringService.REJECTED, long_ago, Map.of("objective", "c2"));
    refused(
        () -> limits.checkFindingQuota(1, "c2", events, T),
        429,
        "team 1 has sent 2 wrong answers to objective 'c2' (at most 2)");
    // other objectives and other teams are not held back
    assertThatNoException().isThrownBy(() -> limits.checkFindingQuota(1, "victim", events, T));
    assertThatNoException().isThrownBy(() -> limits.checkFindingQuota(2, "c2", events, T));
  }

  @Test
  void findingsPastTheRateAreRefusedUntilTheOldestLeavesTheWindow() {
    for (int i = 0; i < 5; i++) {
      add(1, ScoreCalculator.FINDING, T.plusSeconds(10 + i), Map.of("objective", "x" + i));
    }
    refused(
        () -> limits.checkFindingQuota(1, "c2", events, T.plusSeconds(30)),
        429,
        "team 1 has sent 5 findings in the last 60 s (at most 5): try again in 41 s");
    assertThatNoException()
        .isThrownBy(() -> limits.checkFindingQuota(1, "c2", events, T.plusSeconds(71)));
  }

  @Test
  void adjustmentsNeedBoundedNonZeroPointsAndAReason() {
    assertThatNoException()
        .isThrownBy(() -> limits.checkAdjustment(new ScoringService.Adjustment(-100, "why")));
    for (Integer points : new Integer[] {null, 0, 101, -101, Integer.MIN_VALUE}) {
      refused(
          () -> limits.checkAdjustment(new ScoringService.Adjustment(points, "why")),
          400,
          "adjustment points: expected a whole number from -100 to 100, not 0, found " + points);
    }
    refused(
        () -> limits.checkAdjustment(new ScoringService.Adjustment(5, "  ")),
        400,
        "adjustment reason: required");
    refused(
        () -> limits.checkAdjustment(new ScoringService.Adjustment(5, "r".repeat(16))),
        400,
        "adjustment reason: 16 characters sent, at most 15");
  }
}
