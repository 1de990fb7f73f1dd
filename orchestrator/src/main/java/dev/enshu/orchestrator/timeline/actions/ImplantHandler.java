package dev.enshu.orchestrator.timeline.actions;

import static dev.enshu.orchestrator.timeline.actions.ActionSteps.env;

import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.scenario.Action;
import java.util.LinkedHashMap;
import java.util.Map;

/** Drops and starts the beaconing program as the host's user; records the program's digest. */
final class ImplantHandler extends ScriptedHandler<Action.Implant> {
  ImplantHandler(String script) {
    super(Action.Implant.class, script);
  }

  @Override
  public Map<String, Object> run(Action.Implant a, ActionSteps steps) {
    String host = steps.text(a.host());
    ExecResult dropped =
        steps.exec(
            host,
            script,
            env(
                "OWNER",
                steps.owner(host),
                "IMPLANT_PATH",
                steps.text(a.path()),
                "PROCESS",
                steps.text(a.process()),
                "C2",
                steps.text(a.c2()),
                "UA",
                steps.text(a.userAgent()),
                "ID",
                host,
                "INTERVAL",
                Long.toString(a.interval().duration().toSeconds()),
                "PROXY",
                steps.proxyUrl(a.proxy())));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("implantSha256", ActionSteps.lastLine(dropped));
    return details;
  }
}
