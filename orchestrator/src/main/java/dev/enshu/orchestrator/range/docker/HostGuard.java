package dev.enshu.orchestrator.range.docker;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps range traffic off the host machine. The engine gives each internal network's bridge an
 * address on the host, so a range host could open connections to services listening on the host; a
 * rule in the host's INPUT chain drops everything that comes from a range's address block. It is
 * added once per block and left in place (it matches nothing when no range uses the block).
 */
final class HostGuard {
  private HostGuard() {}

  static synchronized void protect(String block) {
    List<String> rule =
        List.of(
            "INPUT", "-s", block, "-m", "comment", "--comment", "enshu range guard", "-j", "DROP");
    if (run(prepend("-C", rule)) == 0) {
      return;
    }
    if (run(prepend("-I", rule)) != 0) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "cannot add the host guard for "
              + block
              + " to iptables' INPUT chain; run as root with iptables installed (scripts/setup.sh)");
    }
  }

  private static List<String> prepend(String op, List<String> rule) {
    List<String> command = new java.util.ArrayList<>(List.of("iptables", "-w", op));
    command.addAll(rule);
    return command;
  }

  private static int run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
