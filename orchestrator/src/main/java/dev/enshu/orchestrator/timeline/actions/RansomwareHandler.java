package dev.enshu.orchestrator.timeline.actions;

import static dev.enshu.orchestrator.timeline.actions.ActionSteps.env;

import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import dev.enshu.scenario.Action;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encrypts the folder on every target with a fresh key, which goes to the journal so that an
 * instructor can undo it ({@link #restore}).
 */
final class RansomwareHandler extends ScriptedHandler<Action.Ransomware> {
  private final SecureRandom random = new SecureRandom();

  RansomwareHandler(String script) {
    super(Action.Ransomware.class, script);
  }

  @Override
  public Map<String, Object> run(Action.Ransomware a, ActionSteps steps) {
    String key = HexFormat.of().formatHex(random.generateSeed(16));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("key", key);
    details.put("extension", steps.text(a.extension()));
    List<String> encrypted = new ArrayList<>();
    for (String target : a.targets()) {
      ExecResult result =
          steps.exec(
              steps.text(target),
              script,
              ransomEnv(
                  key,
                  steps.text(a.path()),
                  steps.text(a.extension()),
                  steps.text(a.note()),
                  "encrypt"));
      encrypted.add(result.stdout().strip());
    }
    details.put("encrypted", encrypted);
    return details;
  }

  /** Decrypts what {@link #run} encrypted on one host, with the key the journal recorded. */
  ExecResult restore(ActionSteps steps, String host, String key, String path, String extension) {
    return steps.exec(host, script, ransomEnv(key, path, extension, "", "decrypt"));
  }

  private static Map<String, String> ransomEnv(
      String key, String path, String extension, String note, String mode) {
    return env("KEY", key, "FOLDER", path, "EXTENSION", extension, "NOTE", note, "MODE", mode);
  }
}
