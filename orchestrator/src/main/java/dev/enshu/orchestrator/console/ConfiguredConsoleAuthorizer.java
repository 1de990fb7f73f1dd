package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.console.ConsoleUser.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stand-in authorizer: users and their tokens from {@code enshu.console.users}, venues from
 * {@code enshu.console.venues}. Rules: an instructor opens, observes and controls every host; an
 * assistant observes the hosts of their venue's teams and controls them when the instructor has
 * granted it (the gateway checks the grant); a trainee opens only their own team's hosts, and
 * observes or controls a session of their own team only with the instructor's grant; an observer
 * reaches no console.
 */
final class ConfiguredConsoleAuthorizer implements ConsoleAuthorizer {
  private final Map<String, ConsoleUser> byToken = new HashMap<>();
  private final Map<String, List<Integer>> venues;

  ConfiguredConsoleAuthorizer(ConsoleProperties properties) {
    for (ConsoleProperties.User u : properties.users()) {
      if (u.token() == null || u.token().isBlank() || u.name() == null || u.role() == null) {
        throw new IllegalArgumentException(
            "enshu.console.users: every user needs token, name and role; got " + u);
      }
      Role role = Role.valueOf(u.role().trim().toUpperCase(Locale.ROOT));
      if (role == Role.TRAINEE && (u.team() == null || u.team() < 1)) {
        throw new IllegalArgumentException(
            "enshu.console.users: trainee '" + u.name() + "' needs a team (1 or more)");
      }
      if (role == Role.ASSISTANT && !properties.venues().containsKey(String.valueOf(u.venue()))) {
        throw new IllegalArgumentException(
            "enshu.console.users: assistant '"
                + u.name()
                + "' names venue '"
                + u.venue()
                + "', which is not under enshu.console.venues "
                + properties.venues().keySet());
      }
      byToken.put(
          u.token(), new ConsoleUser(u.name(), role, u.team() == null ? 0 : u.team(), u.venue()));
    }
    this.venues = properties.venues();
  }

  @Override
  public Optional<ConsoleUser> identify(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    // constant-time comparison: the token is a secret
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    ConsoleUser found = null;
    for (Map.Entry<String, ConsoleUser> e : byToken.entrySet()) {
      if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.UTF_8), given)) {
        found = e.getValue();
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public Decision decide(ConsoleUser user, ConsoleTarget target, ConsoleAccess access) {
    switch (user.role()) {
      case INSTRUCTOR:
        return Decision.allow("instructors reach every team");
      case ASSISTANT:
        List<Integer> teams = venues.getOrDefault(user.venue(), List.of());
        if (!teams.contains(target.team())) {
          return Decision.refuse(
              user
                  + " helps teams "
                  + teams
                  + " only; "
                  + target
                  + " belongs to team "
                  + target.team());
        }
        if (access == ConsoleAccess.OPEN) {
          return Decision.refuse(
              user + " may watch a trainee's session on " + target + " but not open one");
        }
        return Decision.allow("team " + target.team() + " is at venue '" + user.venue() + "'");
      case TRAINEE:
        if (user.team() != target.team()) {
          return Decision.refuse(
              user + " may open only team " + user.team() + "'s hosts; " + target + " is not");
        }
        return Decision.allow("own team");
      default:
        return Decision.refuse(user + " does not reach consoles");
    }
  }
}
