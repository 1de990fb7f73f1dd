package dev.enshu.orchestrator.timeline.actions;

import static dev.enshu.orchestrator.timeline.actions.ActionSteps.env;

import dev.enshu.scenario.Action;
import java.util.Map;

/** Replaces the web host's front page with the message. */
final class DefaceHandler extends ScriptedHandler<Action.Deface> {
  DefaceHandler(String script) {
    super(Action.Deface.class, script);
  }

  @Override
  public Map<String, Object> run(Action.Deface a, ActionSteps steps) {
    steps.exec(steps.text(a.host()), script, env("MESSAGE", steps.text(a.message())));
    return Map.of();
  }
}
