package dev.enshu.orchestrator.access;

import dev.enshu.orchestrator.EnshuException;
import java.security.Principal;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The access rules of {@link Permission}, applied to the user Spring Security authenticated. The
 * user is read from the database on each request, so a deleted or disabled user loses access at
 * once. A trainee is a member of a team when bound to it or when the team's members list holds
 * their name; an assistant reaches the teams whose venue is one of theirs. Members and venues are
 * the exercises' own, asked through {@link Memberships}.
 */
public final class SecurityAccess implements Access {
  private final Accounts accounts;
  private final Memberships memberships;

  public SecurityAccess(Accounts accounts, Memberships memberships) {
    this.accounts = accounts;
    this.memberships = memberships;
  }

  @Override
  public Actor current() {
    return currentIfAny()
        .orElseThrow(
            () ->
                new EnshuException(
                    EnshuException.Status.UNAUTHORIZED,
                    "log in first: POST /api/login, or send HTTP Basic credentials"));
  }

  @Override
  public Optional<Actor> currentIfAny() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || authentication instanceof AnonymousAuthenticationToken
        || !authentication.isAuthenticated()) {
      return Optional.empty();
    }
    return accounts.actor(authentication.getName());
  }

  /** The actor of a WebSocket handshake's principal, or empty when no one logged in. */
  public Optional<Actor> actorOf(Principal principal) {
    if (principal == null
        || principal instanceof AnonymousAuthenticationToken
        || (principal instanceof Authentication a && !a.isAuthenticated())) {
      return Optional.empty();
    }
    return accounts.actor(principal.getName());
  }

  /** The team a trainee works in within an exercise: bound to it, or named among its members. */
  public Optional<Integer> teamOf(Actor actor, String exerciseId) {
    if (actor.role() != Actor.Role.TRAINEE) {
      return Optional.empty();
    }
    if (!actor.exercise().isEmpty() && actor.exercise().equals(exerciseId)) {
      return Optional.of(actor.team());
    }
    return memberships.teamListing(exerciseId, actor.name());
  }

  @Override
  public Decision decide(Actor actor, Permission permission, String exercise, Integer team) {
    if (permission == Permission.TRAIN_ONLINE) {
      return online(actor);
    }
    return switch (actor.role()) {
      case INSTRUCTOR -> Decision.allow("instructors run every exercise");
      case OBSERVER ->
          permission == Permission.VIEW_EXERCISE
                  || permission == Permission.VIEW_TEAM
                  || permission == Permission.VIEW_SCOREBOARD
              ? Decision.allow("observers read everything")
              : Decision.refuse(actor + " reads but changes nothing and opens no console");
      case ASSISTANT -> assistant(actor, permission, exercise, team);
      default -> trainee(actor, permission, exercise, team);
    };
  }

  /** Online runs cost a range each: only for trainees and instructors allowed them one by one. */
  private static Decision online(Actor actor) {
    if (actor.role() != Actor.Role.TRAINEE && actor.role() != Actor.Role.INSTRUCTOR) {
      return Decision.refuse(
          actor + " may not train online: online runs are for trainees and instructors");
    }
    return actor.online()
        ? Decision.allow(actor.name() + " is allowed to train online")
        : Decision.refuse(
            actor.name()
                + " is not allowed to train online; an instructor allows it (enshu users online "
                + actor.name()
                + " --allow, or POST /api/users/"
                + actor.name()
                + "/online?allowed=true)");
  }

  private Decision assistant(Actor actor, Permission permission, String exercise, Integer team) {
    switch (permission) {
      case RUN_EXERCISE -> {
        return Decision.refuse(actor + " helps teams; running the exercise is the instructor's");
      }
      case WORK_TEAM -> {
        return Decision.refuse(actor + " helps teams but does not work as one");
      }
      default -> {}
    }
    if (team == null) {
      if (permission != Permission.VIEW_EXERCISE && permission != Permission.VIEW_SCOREBOARD) {
        return Decision.refuse(actor + " helps single teams: name the team");
      }
      boolean atVenue =
          memberships.venues(exercise).stream().anyMatch(v -> actor.venues().contains(v));
      return atVenue
          ? Decision.allow("exercise " + exercise + " has one of the venues " + actor.venues())
          : Decision.refuse(
              actor
                  + " helps at venues "
                  + actor.venues()
                  + "; exercise "
                  + exercise
                  + " has none of them");
    }
    Optional<String> venue = memberships.venueOf(exercise, team);
    if (venue.isEmpty()) {
      return Decision.refuse(
          actor
              + " helps the teams of their venues; exercise "
              + exercise
              + " has no team "
              + team
              + " at them");
    }
    return actor.venues().contains(venue.get())
        ? Decision.allow("team " + team + " is at venue '" + venue.get() + "'")
        : Decision.refuse(
            actor
                + " helps the teams of venues "
                + actor.venues()
                + " only; team "
                + team
                + " of "
                + exercise
                + " is at venue '"
                + venue.get()
                + "'");
  }

  private Decision trainee(Actor actor, Permission permission, String exercise, Integer team) {
    if (permission == Permission.RUN_EXERCISE
        || permission == Permission.VIEW_TEAM
        || permission == Permission.HELP_TEAM) {
      return Decision.refuse(
          actor
              + " works in their own team only; that needs "
              + (permission == Permission.RUN_EXERCISE
                  ? "an instructor"
                  : "an instructor or assistant"));
    }
    Optional<Integer> own = teamOf(actor, exercise);
    if (own.isEmpty()) {
      return Decision.refuse(
          actor.name() + " (trainee) is not a member of any team of exercise " + exercise);
    }
    if (permission == Permission.VIEW_SCOREBOARD) {
      // every team's line of the board, totals only: the reasons need WORK_TEAM (own team)
      return Decision.allow("member of team " + own.get() + " of " + exercise);
    }
    if (team == null) {
      return permission == Permission.WORK_TEAM
          ? Decision.refuse(
              actor.name() + " (trainee) works as team " + own.get() + ": name the team")
          : Decision.allow("member of team " + own.get() + " of " + exercise);
    }
    return own.get().equals(team)
        ? Decision.allow("own team")
        : Decision.refuse(
            actor.name()
                + " (trainee of team "
                + own.get()
                + " in "
                + exercise
                + ") may reach only their own team; team "
                + team
                + " is not theirs");
  }
}
