package dev.enshu.orchestrator.exercise;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A team and its range: its state, the address block its range uses, and its scenario clock (when
 * it started, when it was paused, how long it has been paused in all).
 */
public record Team(
    int number,
    String name,
    String venue,
    List<String> members,
    State state,
    String reason,
    String addressBlock,
    Instant startedAt,
    Instant pausedAt,
    long pausedMillis) {

  /** The id of this team's range, as providers label it. */
  public String rangeId(String exerciseId) {
    return exerciseId + "-t" + number;
  }

  /**
   * Scenario time at {@code now}: real time since the start less the pauses, times {@code speed}.
   * Zero before the team starts.
   */
  public Duration scenarioTime(Instant now, double speed) {
    if (startedAt == null) {
      return Duration.ZERO;
    }
    Instant end = pausedAt != null ? pausedAt : now;
    long realMillis = Math.max(0, Duration.between(startedAt, end).toMillis() - pausedMillis);
    return Duration.ofMillis((long) (realMillis * speed));
  }

  /** The real instant at which the scenario clock reaches {@code scenario}, if running. */
  public Instant realInstantOf(Duration scenario, double speed) {
    return startedAt
        .plusMillis(pausedMillis)
        .plusMillis((long) Math.ceil(scenario.toMillis() / speed));
  }
}
