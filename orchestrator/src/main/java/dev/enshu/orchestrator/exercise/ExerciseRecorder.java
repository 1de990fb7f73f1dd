package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The one place exercise changes are written: a state change of the exercise, checked against the
 * lifecycle and journalled with who made it, and the journal events of what instructors and the
 * orchestrator do to teams and ranges.
 */
@Component
class ExerciseRecorder {
  private final ExerciseStore store;
  private final Journal journal;
  private final Clock clock;

  ExerciseRecorder(ExerciseStore store, Journal journal, Clock clock) {
    this.store = store;
    this.journal = journal;
    this.clock = clock;
  }

  /** Moves {@code exercise} to {@code next}; {@code reason} (may be null) goes into the event. */
  void transition(Exercise exercise, State next, String reason, String actor) {
    exercise.state().requireCanGoTo(next, "exercise " + exercise.id());
    store.setState(exercise.id(), next, reason);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("from", exercise.state().label());
    data.put("to", next.label());
    if (reason != null) {
      data.put("reason", reason);
    }
    record(exercise.id(), null, "exercise.state", actor, data);
  }

  void record(String id, Integer team, String type, String actor, Map<String, Object> data) {
    journal.append(JournalEvent.of(id, team, clock.instant(), type, actor, data));
  }
}
