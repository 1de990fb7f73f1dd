package dev.enshu.orchestrator.timeline.actions;

import static dev.enshu.orchestrator.timeline.actions.ActionSteps.env;

import dev.enshu.scenario.Action;
import java.util.Map;

/** Runs the discovery commands as the host's user, one a line. */
final class DiscoveryHandler extends ScriptedHandler<Action.Discovery> {
  DiscoveryHandler(String script) {
    super(Action.Discovery.class, script);
  }

  @Override
  public Map<String, Object> run(Action.Discovery a, ActionSteps steps) {
    String host = steps.text(a.host());
    steps.exec(
        host,
        script,
        env(
            "OWNER",
            steps.owner(host),
            "COMMANDS",
            String.join("\n", a.commands().stream().map(steps::text).toList())));
    return Map.of();
  }
}
