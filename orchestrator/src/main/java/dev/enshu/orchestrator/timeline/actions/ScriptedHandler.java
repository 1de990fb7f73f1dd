package dev.enshu.orchestrator.timeline.actions;

import dev.enshu.scenario.Action;

/**
 * A handler whose action runs one script of {@code /actions/} in the range: what it is built with,
 * the kind of action and the script's text, is the same for every such handler.
 *
 * @param <A> the kind of action it runs
 */
abstract class ScriptedHandler<A extends Action> implements ActionHandler<A> {
  private final Class<A> type;

  /** The script's text, run with {@code bash -c} on the action's host. */
  protected final String script;

  ScriptedHandler(Class<A> type, String script) {
    this.type = type;
    this.script = script;
  }

  @Override
  public final Class<A> type() {
    return type;
  }
}
