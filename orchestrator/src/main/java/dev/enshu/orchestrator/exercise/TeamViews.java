package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.access.Actor;
import dev.enshu.orchestrator.access.Permission;

/**
 * How much of a team the current user may see. Instructors, observers and the venue's assistant
 * hold {@link Permission#VIEW_TEAM} and see the whole picture; the team's own trainees hold only
 * {@link Permission#WORK_TEAM} and see what their organisation would see. Endpoints that serve both
 * (topology, after-action review) ask here: VIEW_TEAM first, then WORK_TEAM, and refuse with both
 * reasons when neither holds.
 */
public final class TeamViews {
  private TeamViews() {}

  /** The whole picture, or the team member's own view. */
  public enum Scope {
    WHOLE,
    OWN
  }

  /** Who asks, and what they may see of the team. */
  public record View(Actor actor, Scope scope) {}

  public static View require(Access access, String exercise, int team) {
    Actor actor = access.current();
    Access.Decision whole = access.decide(actor, Permission.VIEW_TEAM, exercise, team);
    if (whole.allowed()) {
      return new View(actor, Scope.WHOLE);
    }
    Access.Decision own = access.decide(actor, Permission.WORK_TEAM, exercise, team);
    if (own.allowed()) {
      return new View(actor, Scope.OWN);
    }
    throw new EnshuException(
        EnshuException.Status.FORBIDDEN, "refused: " + whole.reason() + "; " + own.reason());
  }
}
