package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.access.Actor;
import java.util.Objects;
import java.util.Set;

/**
 * Who opens or watches a console: the logged-in user as the console gateway sees them.
 *
 * @param exercise the exercise a trainee is bound to, empty otherwise
 * @param team the trainee's bound team number, 0 for other roles
 * @param venues the assistant's venues, empty for other roles
 */
public record ConsoleUser(String name, Role role, String exercise, int team, Set<String> venues) {
  public ConsoleUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    exercise = exercise == null ? "" : exercise;
    venues = venues == null ? Set.of() : Set.copyOf(venues);
  }

  /** A user of one venue (or none), bound to no exercise. */
  public ConsoleUser(String name, Role role, int team, String venue) {
    this(name, role, "", team, venue == null || venue.isEmpty() ? Set.of() : Set.of(venue));
  }

  static ConsoleUser of(Actor actor) {
    return new ConsoleUser(
        actor.name(),
        Role.valueOf(actor.role().name()),
        actor.exercise(),
        actor.team(),
        actor.venues());
  }

  /** The access actor this user is. */
  public Actor actor() {
    return new Actor(name, Actor.Role.valueOf(role.name()), exercise, team, venues);
  }

  /** What a user is in an exercise. */
  public enum Role {
    /** Sees and controls every team. */
    INSTRUCTOR,
    /** Helps the teams of their venues: watches them, controls when the instructor allows it. */
    ASSISTANT,
    /** Works in the hosts of one team. */
    TRAINEE,
    /** Watches nothing through consoles (scoreboard and feed only). */
    OBSERVER
  }

  @Override
  public String toString() {
    return actor().toString();
  }
}
