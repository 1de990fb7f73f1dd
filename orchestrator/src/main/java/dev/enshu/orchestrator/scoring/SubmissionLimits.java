package dev.enshu.orchestrator.scoring;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.journal.JournalEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Applies {@link ScoringLimits} to a submission before anything of it is journalled: sizes give 400
 * naming the field, quotas 429 with the reason. Pure: it judges from the team's journal events it
 * is given.
 */
final class SubmissionLimits {
  private final ScoringLimits limits;

  SubmissionLimits(ScoringLimits limits) {
    this.limits = limits;
  }

  void checkFinding(ScoringService.Finding finding) {
    length("finding answer", finding.answer(), limits.answerChars());
    length("finding note", finding.note(), limits.noteChars());
  }

  /** Refuses a team's finding past the wrong answers of one objective or past the rate. */
  void checkFindingQuota(int team, String objective, List<JournalEvent> before, Instant now) {
    long wrong =
        before.stream()
            .filter(e -> ours(e, team) && ScoringService.REJECTED.equals(e.type()))
            .filter(e -> objective.equals(e.data().get("objective")))
            .count();
    if (wrong >= limits.rejectedPerObjective()) {
      throw new EnshuException(
          Status.TOO_MANY_REQUESTS,
          "team "
              + team
              + " has sent "
              + wrong
              + " wrong answers to objective '"
              + objective
              + "' (at most "
              + limits.rejectedPerObjective()
              + "): no more are taken for it");
    }
    Instant since = now.minus(limits.findingWindow());
    List<Instant> recent =
        before.stream()
            .filter(e -> ours(e, team) && ScoreCalculator.FINDING.equals(e.type()))
            .map(JournalEvent::at)
            .filter(at -> at.isAfter(since))
            .sorted()
            .toList();
    if (recent.size() >= limits.findingsPerWindow()) {
      Duration wait = Duration.between(since, recent.get(0));
      throw new EnshuException(
          Status.TOO_MANY_REQUESTS,
          "team "
              + team
              + " has sent "
              + recent.size()
              + " findings in the last "
              + limits.findingWindow().toSeconds()
              + " s (at most "
              + limits.findingsPerWindow()
              + "): try again in "
              + Math.max(1, wait.toSeconds() + 1)
              + " s");
    }
  }

  /** Refuses a report too large, or one past the team's number of reports. */
  void checkReport(int team, Map<String, String> sections, List<JournalEvent> before) {
    if (sections == null) {
      throw new EnshuException(
          Status.BAD_REQUEST, "send the report as {\"section id\": \"text\", ...}");
    }
    if (sections.size() > limits.sections()) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "report sections: "
              + sections.size()
              + " sent, at most "
              + limits.sections()
              + " are taken");
    }
    sections.forEach(
        (id, text) -> length("report section '" + id + "'", text, limits.sectionChars()));
    long sent =
        before.stream()
            .filter(e -> ours(e, team) && ScoringService.REPORT.equals(e.type()))
            .count();
    if (sent >= limits.reportsPerTeam()) {
      throw new EnshuException(
          Status.TOO_MANY_REQUESTS,
          "team "
              + team
              + " has submitted "
              + sent
              + " reports (at most "
              + limits.reportsPerTeam()
              + "): no more are taken; the latest is graded");
    }
  }

  void checkAdjustment(ScoringService.Adjustment adjustment) {
    Integer points = adjustment.points();
    int max = limits.adjustmentPoints();
    if (points == null || points == 0 || Math.abs((long) points) > max) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "adjustment points: expected a whole number from -"
              + max
              + " to "
              + max
              + ", not 0, found "
              + points);
    }
    if (adjustment.reason() == null || adjustment.reason().isBlank()) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "adjustment reason: required (it is journalled and shown in the team's review)");
    }
    length("adjustment reason", adjustment.reason(), limits.reasonChars());
  }

  private static void length(String field, String text, int max) {
    if (text != null && text.length() > max) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          field + ": " + text.length() + " characters sent, at most " + max + " are taken");
    }
  }

  private static boolean ours(JournalEvent e, int team) {
    return e.team() != null && e.team() == team;
  }
}
