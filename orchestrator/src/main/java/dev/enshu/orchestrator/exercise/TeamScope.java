package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import java.util.List;
import java.util.function.Predicate;

/** Which teams an instructor's action applies to: one team, one venue's teams, or all. */
public record TeamScope(Integer team, String venue) {
  public static final TeamScope ALL = new TeamScope(null, null);

  List<Team> select(Exercise exercise) {
    Predicate<Team> chosen =
        t -> (team == null || t.number() == team) && (venue == null || venue.equals(t.venue()));
    List<Team> teams = exercise.teams().stream().filter(chosen).toList();
    if (teams.isEmpty()) {
      throw new EnshuException(
          Status.NOT_FOUND, "no team of " + exercise.id() + " matches " + describe());
    }
    return teams;
  }

  String describe() {
    return team != null ? "team " + team : venue != null ? "venue " + venue : "all";
  }
}
