package dev.enshu.orchestrator.timeline.actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell programs the attack actions run on range hosts, read from {@code /actions/NAME.sh} on
 * the class path (checked by shellcheck in the build). Each is a benign simulation confined to the
 * range: it leaves the files, processes and log lines a real attack would, and nothing else. Every
 * script that is asked for and missing is remembered, so that {@link #requireAll} names them all in
 * one error.
 */
final class ActionScripts {
  private static final String FOLDER = "/actions/";
  private final List<String> missing = new ArrayList<>();

  /** The text of script {@code name}, or null (remembered as missing) when there is none. */
  String get(String name) {
    String resource = FOLDER + name + ".sh";
    try (InputStream in = ActionScripts.class.getResourceAsStream(resource)) {
      if (in == null) {
        missing.add(resource);
        return null;
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read action script " + resource, e);
    }
  }

  /** Fails, naming every one, when a script that was asked for is missing. */
  void requireAll() {
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "action scripts missing from the class path: "
              + String.join(", ", missing)
              + " (they are built from orchestrator/src/main/resources/actions)");
    }
  }
}
