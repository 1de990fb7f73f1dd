package dev.enshu.orchestrator.console;

import java.security.Principal;
import java.util.Optional;

/**
 * Who a console connection belongs to and what it may do. Called on the server when a connection is
 * opened, before any byte reaches a host. Implementations are thread-safe and do not block long.
 *
 * <p>{@link AccessConsoleAuthorizer} decides with the access rules every REST endpoint applies.
 */
public interface ConsoleAuthorizer {

  /**
   * The user who logged in for a connection (the principal of its handshake: session cookie or HTTP
   * Basic), or empty when no one did.
   */
  Optional<ConsoleUser> identify(Principal principal);

  /**
   * Whether {@code user} may have {@code access} to {@code target}; a refusal says why, in words
   * the user can act on.
   */
  Decision decide(ConsoleUser user, ConsoleTarget target, ConsoleAccess access);

  /** Like {@link #decide}, but a refusal is a FORBIDDEN {@code EnshuException} with its reason. */
  default void require(ConsoleUser user, ConsoleTarget target, ConsoleAccess access) {
    Decision decision = decide(user, target, access);
    if (!decision.allowed()) {
      throw new dev.enshu.orchestrator.EnshuException(
          dev.enshu.orchestrator.EnshuException.Status.FORBIDDEN, "refused: " + decision.reason());
    }
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
