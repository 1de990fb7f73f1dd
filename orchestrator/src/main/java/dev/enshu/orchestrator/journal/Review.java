package dev.enshu.orchestrator.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The after-action review of one team: its journal events (and the exercise-wide ones) in order,
 * with a {@code score.changed} event after each event that earned or cost points. Pure: the same
 * journal and score changes give the same review.
 *
 * <p>Who sees what: instructors, observers and the venue's assistant see every event. A trainee
 * sees their own team's review once the exercise is finished: what {@link EventVisibility} lets
 * them see during the exercise, plus the injects that were fired (with their ground truth: the
 * review is where the team learns what really happened) and their score changes. Check results,
 * inject outcomes (the ransomware key) and other teams stay with the instructors.
 */
public final class Review {
  public static final String SCORE_CHANGED = "score.changed";
  static final String FIRED = "inject.fired";

  private Review() {}

  /** One team's review. */
  public record TeamReview(int number, String name, List<JournalEvent> events) {}

  /** A change of a team's score, as a review event placed right after the event behind it. */
  public record ScoreChange(
      long seq, Instant at, int total, int delta, String part, String reason) {}

  /**
   * The review events of {@code team}: its journal events filtered by {@code types} (all when
   * empty) and, for a trainee ({@code memberView}), by what a trainee may see after the exercise;
   * with the score changes merged in after the events that caused them.
   */
  public static List<JournalEvent> events(
      String exerciseId,
      int team,
      List<JournalEvent> journal,
      List<ScoreChange> scoreChanges,
      Set<String> types,
      boolean memberView) {
    List<JournalEvent> out = new ArrayList<>();
    for (JournalEvent e : journal) {
      boolean ours = e.team() == null || e.team() == team;
      if (ours && wanted(e.type(), types) && (!memberView || memberMay(e, team))) {
        out.add(e);
      }
    }
    if (wanted(SCORE_CHANGED, types)) {
      for (ScoreChange change : scoreChanges) {
        out.add(event(exerciseId, team, change));
      }
    }
    // a score change follows the event that caused it (same seq)
    out.sort(
        Comparator.comparingLong(JournalEvent::seq)
            .thenComparing(e -> SCORE_CHANGED.equals(e.type())));
    return out;
  }

  /** Whether a trainee of {@code team} sees {@code event} in the review of a finished exercise. */
  public static boolean memberMay(JournalEvent event, int team) {
    if (EventVisibility.traineeMay(event, team)) {
      return true;
    }
    return event.team() != null && event.team() == team && FIRED.equals(event.type());
  }

  /** The types asked for as {@code a,b,c}; empty means all. */
  public static Set<String> types(String list) {
    if (list == null || list.isBlank()) {
      return Set.of();
    }
    Set<String> types = new java.util.LinkedHashSet<>();
    for (String type : list.split(",")) {
      if (!type.isBlank()) {
        types.add(type.strip());
      }
    }
    return types;
  }

  private static boolean wanted(String type, Set<String> types) {
    return types.isEmpty() || types.contains(type);
  }

  private static JournalEvent event(String exerciseId, int team, ScoreChange change) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("total", change.total());
    data.put("delta", change.delta());
    data.put("part", change.part());
    data.put("reason", change.reason());
    return new JournalEvent(
        change.seq(), exerciseId, team, change.at(), SCORE_CHANGED, "scoring", null, data);
  }
}
