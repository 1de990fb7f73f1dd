package dev.enshu.orchestrator.timeline.actions;

import dev.enshu.scenario.Action;
import java.util.Map;

/**
 * Runs the scenario's own command on the host. The command is the scenario author's shell text,
 * with the team's drawn variables put in; nothing a trainee sends reaches it.
 */
final class CommandHandler implements ActionHandler<Action.Command> {

  @Override
  public Class<Action.Command> type() {
    return Action.Command.class;
  }

  @Override
  public Map<String, Object> run(Action.Command a, ActionSteps steps) {
    steps.exec(steps.text(a.host()), steps.text(a.run()), Map.of());
    return Map.of();
  }
}
