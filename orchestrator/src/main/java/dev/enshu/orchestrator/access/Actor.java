package dev.enshu.orchestrator.access;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The user a request acts for.
 *
 * @param exercise the exercise a trainee belongs to, empty for other roles
 * @param team the trainee's team number in that exercise, 0 for other roles
 * @param venues the venues an assistant helps, empty for other roles
 * @param online whether an instructor allowed the user to start online self-paced runs
 */
public record Actor(
    String name, Role role, String exercise, int team, Set<String> venues, boolean online) {
  public Actor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    exercise = exercise == null ? "" : exercise;
    venues = venues == null ? Set.of() : Set.copyOf(venues);
  }

  /** An actor not allowed to train online. */
  public Actor(String name, Role role, String exercise, int team, Set<String> venues) {
    this(name, role, exercise, team, venues, false);
  }

  /** What a user is. */
  public enum Role {
    /** Runs courses: sees and controls every exercise and team. */
    INSTRUCTOR,
    /** Helps the teams of their venues: watches them, sends messages, resets hosts. */
    ASSISTANT,
    /** Works in the hosts of one team of one exercise. */
    TRAINEE,
    /** Reads everything, changes nothing, opens no console. */
    OBSERVER;

    /** The lower-case name used in the API and the configuration. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Override
  public String toString() {
    return switch (role) {
      case TRAINEE ->
          exercise.isEmpty()
              ? name + " (trainee)"
              : name + " (trainee of team " + team + " in " + exercise + ")";
      case ASSISTANT -> name + " (assistant of venues " + venues + ")";
      default -> name + " (" + role.id() + ")";
    };
  }
}
