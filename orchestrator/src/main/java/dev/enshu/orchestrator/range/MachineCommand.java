package dev.enshu.orchestrator.range;

import dev.enshu.orchestrator.EnshuException.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program of this machine for a provider, with a bound on its time and a clear error. */
public final class MachineCommand {
  private MachineCommand() {}

  /** Runs {@code command}; its output (stdout and stderr) when it exits 0. */
  public static String run(List<String> command, String what, int timeoutSeconds) {
    return run(command, null, what, timeoutSeconds);
  }

  /**
   * Runs {@code command} with {@code input} on its standard input (none when null); its output when
   * it exits 0, otherwise an error saying what could not be done and how the program ended.
   */
  public static String run(List<String> command, String input, String what, int timeoutSeconds) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (OutputStream stdin = p.getOutputStream()) {
        if (input != null) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ProviderException(
            Status.TIMEOUT, "could not " + what + " in " + timeoutSeconds + " s");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new ProviderException(
            Status.UNAVAILABLE,
            "could not "
                + what
                + ": "
                + command.get(0)
                + " exited with "
                + p.exitValue()
                + ": "
                + tail(text));
      }
      return text;
    } catch (IOException e) {
      throw new ProviderException(
          Status.UNAVAILABLE, "could not " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(Status.INTERNAL, "interrupted while trying to " + what, e);
    }
  }

  private static String tail(String text) {
    String t = text.strip();
    return t.length() > 600 ? "..." + t.substring(t.length() - 600) : t;
  }
}
