package dev.enshu.orchestrator.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One team's score: the total, the breakdown by category (detection, response, service, report,
 * penalties, adjustments by instructors), every point with the journal event behind it, the total
 * over time, and report grades whose graders disagree.
 *
 * <p>{@code points}, {@code overTime} and {@code flags} are the score's reasons: which answers were
 * right, which checks passed, how the graders marked. Each step of {@code overTime} is one point's
 * value, which names the objective or check as surely as its reason does. {@code reasons} says
 * whether they are there: false in {@link #withoutReasons()}, the view of a team that is not one's
 * own.
 */
public record TeamScore(
    int team,
    int total,
    Map<String, Integer> breakdown,
    List<Point> points,
    List<Step> overTime,
    List<String> flags,
    boolean reasons) {

  /** The score with its reasons: every point, the total over time, the graders' flags. */
  public TeamScore(
      int team,
      int total,
      Map<String, Integer> breakdown,
      List<Point> points,
      List<Step> overTime,
      List<String> flags) {
    this(team, total, breakdown, points, overTime, flags, true);
  }

  /** The total and the breakdown by category only: what another team may know of this one. */
  public TeamScore withoutReasons() {
    return new TeamScore(team, total, breakdown, List.of(), List.of(), List.of(), false);
  }

  /** Points earned or lost, and why. {@code seq} is the journal event that earned them. */
  public record Point(String category, int points, long seq, Instant at, String reason) {}

  /** A change of the total: after the event {@code seq}, by {@code delta} in {@code part}. */
  public record Change(long seq, Instant at, int total, int delta, String part, String reason) {}

  /** The points in journal order as changes of the running total. */
  public List<Change> changes() {
    List<Change> changes = new java.util.ArrayList<>();
    int total = 0;
    for (Point p : points) {
      total += p.points();
      changes.add(new Change(p.seq(), p.at(), total, p.points(), p.category(), p.reason()));
    }
    return changes;
  }

  /** The total after a point. */
  public record Step(Instant at, int total) {}
}
