package dev.enshu.orchestrator.timeline.actions;

import static dev.enshu.orchestrator.timeline.actions.ActionSteps.env;

import dev.enshu.scenario.Action;
import java.util.Map;

/**
 * Plants the account's memo and steals it; the C2 and proxy are the scenario's {@code c2Domain} and
 * the host {@code proxy}, when the team has them.
 */
final class CredentialTheftHandler extends ScriptedHandler<Action.CredentialTheft> {
  CredentialTheftHandler(String script) {
    super(Action.CredentialTheft.class, script);
  }

  @Override
  public Map<String, Object> run(Action.CredentialTheft a, ActionSteps steps) {
    String host = steps.text(a.host());
    String account = steps.text(a.account());
    steps.exec(
        host,
        script,
        env(
            "OWNER",
            steps.owner(host),
            "SOURCE",
            steps.text(a.source()),
            "ACCOUNT",
            account,
            "PASSWORD",
            steps.password(account),
            "C2",
            steps.variable("c2Domain"),
            "PROXY",
            steps.proxyUrl("proxy")));
    return Map.of();
  }
}
