package dev.enshu.orchestrator.timeline.actions;

import dev.enshu.scenario.Action;
import java.util.Map;

/**
 * Runs one kind of action in a team's range. Implementations are stateless apart from what they
 * were built with, so one instance serves every team at once (thread-safe).
 *
 * @param <A> the kind of action it runs
 */
public interface ActionHandler<A extends Action> {

  /** The kind of action this handler runs; exactly one handler exists for each kind. */
  Class<A> type();

  /**
   * Runs the action's commands through {@code steps} and returns what the journal should record
   * beyond the commands' output, in the order it should appear (empty if nothing). Blocks until the
   * commands have finished; a host the plan does not have fails before anything runs on it.
   */
  Map<String, Object> run(A action, ActionSteps steps);
}
