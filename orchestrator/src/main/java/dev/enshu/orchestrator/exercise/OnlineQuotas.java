package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The quotas of {@link OnlineProperties} on starting one more online run: per user at once and per
 * 24 hours, per scenario (a course) and for the whole server, each refusal naming the quota, its
 * setting and its value. Pure: decides on the runs it is given.
 */
final class OnlineQuotas {
  static final Duration DAY = Duration.ofHours(24);

  private final OnlineProperties settings;

  OnlineQuotas(OnlineProperties settings) {
    this.settings = settings;
  }

  /**
   * Throws when {@code user} may not start a run of {@code scenario} (catalogue id, file {@code
   * source}) now: CONFLICT when the user has as many runs at once as allowed (they can end one),
   * TOO_MANY_REQUESTS for the daily, scenario and server quotas (they can wait).
   *
   * @param online every online run, torn down ones included
   * @param live the runs of {@code online} that hold or are about to hold a range
   */
  void check(
      String user,
      String scenario,
      String source,
      List<Exercise> online,
      List<Exercise> live,
      Instant now) {
    List<String> mine =
        live.stream().filter(e -> OnlineRuns.isMember(e, user)).map(Exercise::id).toList();
    if (mine.size() >= settings.maxRunsPerUser()) {
      throw new EnshuException(
          Status.CONFLICT,
          user
              + " has "
              + mine.size()
              + " online run(s) "
              + mine
              + " and may have "
              + settings.maxRunsPerUser()
              + " at once (enshu.online.max-runs-per-user="
              + settings.maxRunsPerUser()
              + "); end one first (DELETE /api/online/runs/{exercise})");
    }
    Instant since = now.minus(DAY);
    List<Exercise> today =
        online.stream()
            .filter(e -> OnlineRuns.isMember(e, user) && e.createdAt().isAfter(since))
            .sorted(Comparator.comparing(Exercise::createdAt))
            .toList();
    int perDay = settings.maxRunsPerUserPerDay();
    if (today.size() >= perDay) {
      throw new EnshuException(
          Status.TOO_MANY_REQUESTS,
          user
              + " started "
              + today.size()
              + " online runs in the last 24 hours, the most one user may"
              + " (enshu.online.max-runs-per-user-per-day="
              + perDay
              + ")"
              + (perDay > 0
                  ? "; the next may start after "
                      + today.get(today.size() - perDay).createdAt().plus(DAY)
                  : ""));
    }
    long ofScenario = live.stream().filter(e -> e.scenario().equals(source)).count();
    if (ofScenario >= settings.maxRunsPerScenario()) {
      throw new EnshuException(
          Status.TOO_MANY_REQUESTS,
          "the server already runs "
              + ofScenario
              + " online runs of scenario "
              + scenario
              + ", the most one scenario may have at once (enshu.online.max-runs-per-scenario="
              + settings.maxRunsPerScenario()
              + "); try again when one ends");
    }
    if (live.size() >= settings.maxRuns()) {
      throw new EnshuException(
          Status.TOO_MANY_REQUESTS,
          "the server already runs "
              + live.size()
              + " online runs, its limit (enshu.online.max-runs="
              + settings.maxRuns()
              + "); try again when one ends");
    }
  }
}
