package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A live session others may join (a terminal, a VNC display): what the instructor's session list
 * shows, where control grants go, and the one rule for who may join it and act in it. Thread-safe.
 */
abstract class SharedConsole {
  private final Set<String> controlGrants = ConcurrentHashMap.newKeySet();

  abstract String id();

  abstract ConsoleTarget target();

  abstract Map<String, Object> summary();

  /** Lets {@code userName} type (or point and click) when they join with control. */
  final void grantControl(String userName) {
    controlGrants.add(userName);
  }

  final void revokeControl(String userName) {
    controlGrants.remove(userName);
  }

  /** Whether {@code user}, joined with control, may act: instructors always, others if granted. */
  final boolean controlGranted(ConsoleUser user) {
    return user.role() == ConsoleUser.Role.INSTRUCTOR || controlGrants.contains(user.name());
  }

  /** The users granted control, for the session list. */
  final List<String> controlGrants() {
    return List.copyOf(controlGrants);
  }

  /** Whether a viewer's input goes to the host now: asked for every input. */
  final boolean mayAct(Viewer viewer) {
    return switch (viewer.access()) {
      case OPEN -> true;
      case CONTROL -> controlGranted(viewer.user());
      case OBSERVE -> false;
    };
  }

  /**
   * How {@code user} joins this session ({@code mode=observe|control}, observe by default), after
   * the authorizer's decision; a trainee joins a teammate's session only with the instructor's
   * grant.
   */
  final ConsoleAccess requireJoin(
      ConsoleAuthorizer authorizer, ConsoleUser user, Map<String, String> params) {
    ConsoleAccess access =
        "control".equals(params.getOrDefault("mode", "observe").toLowerCase(Locale.ROOT))
            ? ConsoleAccess.CONTROL
            : ConsoleAccess.OBSERVE;
    authorizer.require(user, target(), access);
    if (user.role() == ConsoleUser.Role.TRAINEE && !controlGranted(user)) {
      throw new EnshuException(
          Status.FORBIDDEN,
          "refused: " + user + " may join a teammate's session only when the instructor allows it");
    }
    return access;
  }
}
