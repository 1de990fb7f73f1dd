package dev.enshu.orchestrator.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A user who logs in, without the password hash.
 *
 * @param exercise the exercise a trainee is bound to, empty when unbound or not a trainee
 * @param team the team a bound trainee works in, 0 otherwise
 * @param venues the venues an assistant helps, empty for other roles
 * @param disabled whether the user is refused at login
 * @param online whether the user may start online self-paced runs (trainees and instructors only)
 */
public record User(
    String name,
    Actor.Role role,
    String exercise,
    int team,
    Set<String> venues,
    Instant createdAt,
    boolean disabled,
    boolean online) {
  public User {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    exercise = exercise == null ? "" : exercise;
    venues = venues == null ? Set.of() : Set.copyOf(venues);
  }

  /** The actor this user is when they act. */
  public Actor actor() {
    return new Actor(name, role, exercise, team, venues, online);
  }
}
