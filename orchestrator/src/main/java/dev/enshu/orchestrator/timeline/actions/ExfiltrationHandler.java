package dev.enshu.orchestrator.timeline.actions;

import static dev.enshu.orchestrator.timeline.actions.ActionSteps.env;

import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.scenario.Action;
import java.util.LinkedHashMap;
import java.util.Map;

/** Packs the source and sends it to the C2; records how much was sent. */
final class ExfiltrationHandler extends ScriptedHandler<Action.Exfiltration> {
  ExfiltrationHandler(String script) {
    super(Action.Exfiltration.class, script);
  }

  @Override
  public Map<String, Object> run(Action.Exfiltration a, ActionSteps steps) {
    String host = steps.text(a.host());
    ExecResult sent =
        steps.exec(
            host,
            script,
            env(
                "OWNER",
                steps.owner(host),
                "SOURCE",
                steps.text(a.source()),
                "C2",
                steps.text(a.c2()),
                "PROXY",
                steps.proxyUrl(a.proxy()),
                "NAME",
                "backup-" + host + ".tgz"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sent", ActionSteps.lastLine(sent));
    return details;
  }
}
