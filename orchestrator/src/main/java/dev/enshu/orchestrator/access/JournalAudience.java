package dev.enshu.orchestrator.access;

import dev.enshu.orchestrator.journal.EventVisibility;
import dev.enshu.orchestrator.journal.JournalEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Which events of an exercise's journal one user sees, alike in the journal API and the live feed:
 * instructors and observers everything; an assistant the exercise-wide events and those of their
 * venues' teams; a trainee what {@link EventVisibility} lets them see of their own team. Access
 * answers it for the journal ({@link AccessJournalReaders}).
 */
final class JournalAudience {
  private JournalAudience() {}

  static Predicate<JournalEvent> of(Actor actor, String exercise, SecurityAccess access) {
    switch (actor.role()) {
      case INSTRUCTOR, OBSERVER -> {
        return e -> true;
      }
      case ASSISTANT -> {
        Map<Integer, Boolean> teams = new ConcurrentHashMap<>();
        return e ->
            e.team() == null
                || teams.computeIfAbsent(
                    e.team(),
                    t -> access.decide(actor, Permission.VIEW_TEAM, exercise, t).allowed());
      }
      default -> {
        Optional<Integer> own = access.teamOf(actor, exercise);
        return e -> own.isPresent() && EventVisibility.traineeMay(e, own.get());
      }
    }
  }
}
