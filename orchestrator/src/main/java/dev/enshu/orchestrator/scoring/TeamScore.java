package dev.enshu.orchestrator.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One team's score: the total, the breakdown by category (detection, response, service, report,
 * penalties, adjustments by instructors), every point with the journal event behind it, the total
 * over time, and report grades whose graders disagree.
 */
public record TeamScore(
    int team,
    int total,
    Map<String, Integer> breakdown,
    List<Point> points,
    List<Step> overTime,
    List<String> flags) {

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
