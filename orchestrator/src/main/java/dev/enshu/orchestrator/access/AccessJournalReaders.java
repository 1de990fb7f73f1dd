package dev.enshu.orchestrator.access;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.journal.JournalReaders;
import java.security.Principal;
import java.util.Optional;

/**
 * Access's answer to the journal's question: a reader is an {@link Actor}; they may read an
 * exercise's journal when they hold {@link Permission#VIEW_EXERCISE} on it (and the team), and see
 * of it what {@link JournalAudience} lets them.
 */
final class AccessJournalReaders implements JournalReaders {
  private final SecurityAccess access;

  AccessJournalReaders(SecurityAccess access) {
    this.access = access;
  }

  @Override
  public Reader current() {
    return reader(access.current());
  }

  @Override
  public Optional<Reader> of(Principal principal) {
    return access.actorOf(principal).map(this::reader);
  }

  private Reader reader(Actor actor) {
    return (exercise, team) -> {
      Access.Decision decision = access.decide(actor, Permission.VIEW_EXERCISE, exercise, team);
      if (!decision.allowed()) {
        throw new EnshuException(EnshuException.Status.FORBIDDEN, "refused: " + decision.reason());
      }
      return JournalAudience.of(actor, exercise, access);
    };
  }
}
