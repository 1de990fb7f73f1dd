package dev.enshu.orchestrator.timeline.actions;

import static dev.enshu.orchestrator.timeline.actions.ActionSteps.env;

import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.scenario.Action;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends the mail from the attacker's host; records the attachment's digest. */
final class PhishingMailHandler extends ScriptedHandler<Action.PhishingMail> {
  PhishingMailHandler(String script) {
    super(Action.PhishingMail.class, script);
  }

  @Override
  public Map<String, Object> run(Action.PhishingMail a, ActionSteps steps) {
    ExecResult sent =
        steps.exec(
            steps.text(a.from()),
            script,
            env(
                "SERVER",
                steps.address(steps.text(a.server())),
                "SENDER",
                steps.text(a.sender()),
                "RECIPIENT",
                steps.text(a.recipient()),
                "SUBJECT",
                encodedWord(steps.text(a.subject())),
                "BODY",
                steps.text(a.body()),
                "ATTACHMENT",
                a.attachment() == null ? "" : steps.text(a.attachment())));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("attachmentSha256", ActionSteps.lastLine(sent));
    return details;
  }

  /** A mail header in UTF-8 as RFC 2047 wants it. */
  private static String encodedWord(String text) {
    return "=?UTF-8?B?"
        + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
        + "?=";
  }
}
