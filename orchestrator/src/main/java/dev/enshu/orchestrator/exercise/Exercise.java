package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An exercise: a scenario run with a seed for teams, at venues, in a delivery mode, on a provider,
 * at a speed (scenario seconds per real second).
 *
 * @param keyedDraws whether the teams' variables are drawn from the seed and the installation's
 *     {@link DrawKey} (every exercise made since the key exists) or from the seed alone
 */
public record Exercise(
    String id,
    String scenario,
    long seed,
    boolean keyedDraws,
    Mode mode,
    String provider,
    double speed,
    State state,
    String reason,
    Instant createdAt,
    List<Venue> venues,
    List<Team> teams) {

  public Optional<Team> team(int number) {
    return teams.stream().filter(t -> t.number() == number).findFirst();
  }

  /** Team {@code number}, or a not-found error naming the exercise. */
  public Team requireTeam(int number) {
    return team(number)
        .orElseThrow(
            () ->
                new EnshuException(Status.NOT_FOUND, "exercise " + id + " has no team " + number));
  }

  /** How the exercise is delivered. */
  public enum Mode {
    /** One room, the instructor present. */
    CENTRAL,
    /** Several venues on one clock, a remote assistant at each. */
    SATELLITE,
    /** One person, self-paced. */
    ONLINE
  }

  /** A place where teams sit, with its assistant. */
  public record Venue(String id, String name) {}
}
