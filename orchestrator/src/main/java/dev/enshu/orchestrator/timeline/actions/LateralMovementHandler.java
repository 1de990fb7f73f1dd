package dev.enshu.orchestrator.timeline.actions;

import static dev.enshu.orchestrator.timeline.actions.ActionSteps.env;

import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.scenario.Action;
import java.util.Map;

/**
 * Over SSH, leaves the trace of the log-on on the target; otherwise (SMB) logs on to the target's
 * first share from the source host with the stolen account.
 */
final class LateralMovementHandler implements ActionHandler<Action.LateralMovement> {
  private final String smbScript;
  private final String sshTraceScript;

  LateralMovementHandler(String smbScript, String sshTraceScript) {
    this.smbScript = smbScript;
    this.sshTraceScript = sshTraceScript;
  }

  @Override
  public Class<Action.LateralMovement> type() {
    return Action.LateralMovement.class;
  }

  @Override
  public Map<String, Object> run(Action.LateralMovement a, ActionSteps steps) {
    String from = steps.text(a.from());
    String to = steps.text(a.to());
    String account = steps.text(a.account());
    if ("ssh".equals(a.protocol())) {
      steps.exec(to, sshTraceScript, env("ACCOUNT", account, "FROM_ADDRESS", steps.address(from)));
    } else {
      PlannedHost target = steps.plan().requireHost(to);
      String share =
          target.settings().getOrDefault("shares", "share:/srv/share").split(";")[0].split(":")[0];
      steps.exec(
          from,
          smbScript,
          env(
              "TARGET",
              target.fqdn(),
              "SHARE",
              share,
              "ACCOUNT",
              account,
              "PASSWORD",
              steps.password(account)));
    }
    return Map.of();
  }
}
