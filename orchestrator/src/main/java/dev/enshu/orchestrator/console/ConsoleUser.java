package dev.enshu.orchestrator.console;

import java.util.Objects;

/**
 * Who opens or watches a console.
 *
 * @param team the trainee's team number, 0 for other roles
 * @param venue the assistant's venue, empty for other roles
 */
public record ConsoleUser(String name, Role role, int team, String venue) {
  public ConsoleUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    venue = venue == null ? "" : venue;
  }

  /** What a user is in an exercise. */
  public enum Role {
    /** Sees and controls every team. */
    INSTRUCTOR,
    /** Helps the teams of one venue: watches them, controls when the instructor allows it. */
    ASSISTANT,
    /** Works in the hosts of one team. */
    TRAINEE,
    /** Watches nothing through consoles (scoreboard and feed only). */
    OBSERVER
  }

  @Override
  public String toString() {
    return switch (role) {
      case TRAINEE -> name + " (trainee of team " + team + ")";
      case ASSISTANT -> name + " (assistant of venue '" + venue + "')";
      default -> name + " (" + role.name().toLowerCase(java.util.Locale.ROOT) + ")";
    };
  }
}
