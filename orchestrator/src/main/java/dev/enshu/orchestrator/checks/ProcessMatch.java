package dev.enshu.orchestrator.checks;

import dev.enshu.orchestrator.range.RangeProvider.ProcessInfo;
import java.util.Set;

/**
 * Whether a process, as the engine lists it, goes by a name: its kernel short name (which the
 * kernel cuts to 15 characters), the base name of its command, or, for a script run by an
 * interpreter ({@code /bin/bash /home/u/.cache/agent}), the base name of the script. A name is
 * compared whole, never as part of a longer one.
 */
final class ProcessMatch {
  /** The kernel keeps at most this many characters of a process's short name. */
  static final int SHORT_NAME = 15;

  private static final Set<String> INTERPRETERS =
      Set.of("sh", "bash", "dash", "ash", "zsh", "busybox", "python", "python3", "perl", "ruby");

  private ProcessMatch() {}

  static boolean matches(ProcessInfo process, String name) {
    if (name.equals(process.name())
        || (name.length() > SHORT_NAME && name.substring(0, SHORT_NAME).equals(process.name()))) {
      return true;
    }
    String[] words = process.commandLine().strip().split("\\s+");
    if (words.length == 0 || words[0].isEmpty()) {
      return false;
    }
    String command = baseName(words[0]);
    if (command.equals(name)) {
      return true;
    }
    if (INTERPRETERS.contains(command.replaceFirst("^(python3|python)\\.\\d+$", "$1"))) {
      for (int i = 1; i < words.length; i++) {
        if (words[i].equals("-c") || words[i].equals("-e")) {
          return false; // a program given inline: there is no script file to name it
        }
        if (!words[i].startsWith("-")) {
          return baseName(words[i]).equals(name);
        }
      }
    }
    return false;
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
