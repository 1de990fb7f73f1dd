package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.access.Permission;
import dev.enshu.orchestrator.access.SecurityAccess;
import dev.enshu.template.SegmentPurpose;
import java.security.Principal;
import java.util.Optional;

/**
 * Console decisions on the access rules: an instructor opens, observes and controls every host; an
 * assistant observes the hosts of their venues' teams (help) and controls them when the instructor
 * has granted it (the gateway checks the grant); a trainee opens only their own team's hosts (work)
 * — except the hosts of the simulated internet (the attacker, the C2, public services: every
 * interface in a segment of purpose {@code internet}), which belong to the exercise, not to the
 * team's organisation, and the hidden checker hosts, which are in no list of the team's hosts — and
 * observes or controls a session of their own team only with the instructor's grant; an observer
 * reaches no console.
 */
final class AccessConsoleAuthorizer implements ConsoleAuthorizer {
  private final SecurityAccess access;
  private final ConsoleRangePlans plans;

  AccessConsoleAuthorizer(SecurityAccess access, ConsoleRangePlans plans) {
    this.access = access;
    this.plans = plans;
  }

  /** Whether the host lives only on the simulated internet (attacker, C2, public services). */
  private boolean outsideTheOrganisation(ConsoleTarget target) {
    return plans
        .plan(target)
        .flatMap(
            plan ->
                plan.host(target.hostId())
                    .map(
                        host ->
                            !host.interfaces().isEmpty()
                                && host.interfaces().stream()
                                    .allMatch(
                                        i ->
                                            plan.segments().stream()
                                                .anyMatch(
                                                    s ->
                                                        s.id().equals(i.segment())
                                                            && s.purpose()
                                                                == SegmentPurpose.INTERNET))))
        .orElse(false);
  }

  /** Whether the host is one of the range's hidden checker hosts, which are no host of the team. */
  private boolean aChecker(ConsoleTarget target) {
    return plans
        .plan(target)
        .map(plan -> plan.checkers().stream().anyMatch(c -> c.id().equals(target.hostId())))
        .orElse(false);
  }

  @Override
  public Optional<ConsoleUser> identify(Principal principal) {
    return access.actorOf(principal).map(ConsoleUser::of);
  }

  @Override
  public Decision decide(ConsoleUser user, ConsoleTarget target, ConsoleAccess wanted) {
    Permission permission;
    switch (user.role()) {
      case INSTRUCTOR -> {
        return Decision.allow("instructors reach every team");
      }
      case ASSISTANT -> {
        if (wanted == ConsoleAccess.OPEN) {
          Access.Decision help =
              access.decide(user.actor(), Permission.HELP_TEAM, target.exerciseId(), target.team());
          return Decision.refuse(
              help.allowed()
                  ? user + " may watch a trainee's session on " + target + " but not open one"
                  : help.reason());
        }
        permission = Permission.HELP_TEAM;
      }
      case TRAINEE -> {
        if (aChecker(target)) {
          return Decision.refuse(
              target.hostId()
                  + " is a checker of the exercise, not one of team "
                  + target.team()
                  + "'s hosts");
        }
        if (outsideTheOrganisation(target)) {
          return Decision.refuse(
              target.hostId()
                  + " is on the simulated internet (the attacker's side of the exercise), not one of"
                  + " team "
                  + target.team()
                  + "'s hosts");
        }
        permission = Permission.WORK_TEAM;
      }
      default -> {
        return Decision.refuse(user + " does not reach consoles");
      }
    }
    Access.Decision d = access.decide(user.actor(), permission, target.exerciseId(), target.team());
    return d.allowed() ? Decision.allow(d.reason()) : Decision.refuse(d.reason());
  }
}
