package dev.enshu.orchestrator.access;

import dev.enshu.orchestrator.EnshuException;
import java.util.Optional;

/**
 * Who acts, and whether they may. Controllers call {@link #require} before they act; WebSocket
 * handlers call {@link #decide} with the actor of their handshake. A refusal is a FORBIDDEN {@link
 * EnshuException} whose message says why, in words the user can act on.
 */
public interface Access {

  /** The user the current request acts for; UNAUTHORIZED when the request carries no one. */
  Actor current();

  /** The user the current request acts for, or empty. */
  Optional<Actor> currentIfAny();

  /** Whether {@code actor} holds {@code permission} on the exercise (and team, when not null). */
  Decision decide(Actor actor, Permission permission, String exercise, Integer team);

  /** The current actor, after checking that they hold {@code permission}. */
  default Actor require(Permission permission, String exercise, Integer team) {
    Actor actor = current();
    Decision decision = decide(actor, permission, exercise, team);
    if (!decision.allowed()) {
      throw new EnshuException(EnshuException.Status.FORBIDDEN, "refused: " + decision.reason());
    }
    return actor;
  }

  /** An answer with its reason. */
  record Decision(boolean allowed, String reason) {
    public static Decision allow(String reason) {
      return new Decision(true, reason);
    }

    public static Decision refuse(String reason) {
      return new Decision(false, reason);
    }
  }
}
