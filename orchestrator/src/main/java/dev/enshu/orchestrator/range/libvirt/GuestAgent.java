package dev.enshu.orchestrator.range.libvirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Exec through the QEMU guest agent ({@code guest-exec}, {@code guest-exec-status}) over libvirt's
 * agent channel. Chosen over a serial-console protocol because the agent separates stdout, stderr
 * and the exit code, needs no prompt parsing, and leaves the serial console free for trainees.
 */
final class GuestAgent {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int AGENT_TIMEOUT_SECONDS = 10;

  private GuestAgent() {}

  /** Whether the agent answers now. */
  static boolean ping(Domain domain) {
    try {
      call(domain, command("guest-ping"), 2);
      return true;
    } catch (LibvirtException | RuntimeException e) {
      return false;
    }
  }

  /** Runs {@code command} and waits at most {@code timeout}; a command still running is killed. */
  static ExecResult exec(Domain domain, List<String> command, Duration timeout)
      throws LibvirtException {
    long start = System.nanoTime();
    ObjectNode request = command("guest-exec");
    ObjectNode args = request.putObject("arguments");
    args.put("path", command.get(0));
    command.subList(1, command.size()).forEach(args.withArray("arg")::add);
    args.put("capture-output", true);
    long pid = call(domain, request, AGENT_TIMEOUT_SECONDS).path("pid").asLong();
    long deadline = start + timeout.toNanos();
    long pause = 20;
    while (true) {
      ObjectNode status = command("guest-exec-status");
      status.putObject("arguments").put("pid", pid);
      JsonNode result = call(domain, status, AGENT_TIMEOUT_SECONDS);
      if (result.path("exited").asBoolean()) {
        int code =
            result.has("exitcode")
                ? result.get("exitcode").asInt()
                : 128 + result.path("signal").asInt();
        return new ExecResult(
            code,
            decode(result, "out-data"),
            decode(result, "err-data"),
            false,
            Duration.ofNanos(System.nanoTime() - start));
      }
      if (System.nanoTime() > deadline) {
        kill(domain, pid);
        return new ExecResult(
            -1,
            "",
            "command did not finish in " + timeout.toMillis() + " ms",
            true,
            Duration.ofNanos(System.nanoTime() - start));
      }
      sleep(pause);
      pause = Math.min(pause * 2, 200);
    }
  }

  private static void kill(Domain domain, long pid) {
    try {
      ObjectNode request = command("guest-exec");
      ObjectNode args = request.putObject("arguments");
      args.put("path", "/bin/kill");
      args.withArray("arg").add("-KILL").add(Long.toString(pid));
      call(domain, request, AGENT_TIMEOUT_SECONDS);
    } catch (LibvirtException | RuntimeException e) {
      // the guest is gone or the process already ended
    }
  }

  private static ObjectNode command(String name) {
    ObjectNode node = JSON.createObjectNode();
    node.put("execute", name);
    return node;
  }

  private static JsonNode call(Domain domain, ObjectNode request, int timeoutSeconds)
      throws LibvirtException {
    String answer = domain.qemuAgentCommand(request.toString(), timeoutSeconds, 0);
    try {
      return JSON.readTree(answer).path("return");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the guest agent answered something that is not JSON", e);
    }
  }

  private static String decode(JsonNode result, String field) {
    return result.has(field)
        ? new String(Base64.getDecoder().decode(result.get(field).asText()), StandardCharsets.UTF_8)
        : "";
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
