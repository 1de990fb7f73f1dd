package dev.enshu.orchestrator.range.libvirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
  private static final int READ_CHUNK = 48 * 1024;

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
    return exec(domain, command, null, timeout);
  }

  /**
   * Like {@link #exec(Domain, List, Duration)}, with {@code input} on the command's standard input:
   * it travels over the agent channel, on no command line and in no environment of the guest.
   */
  static ExecResult exec(Domain domain, List<String> command, byte[] input, Duration timeout)
      throws LibvirtException {
    long start = System.nanoTime();
    ObjectNode request = command("guest-exec");
    ObjectNode args = request.putObject("arguments");
    args.put("path", command.get(0));
    command.subList(1, command.size()).forEach(args.withArray("arg")::add);
    args.put("capture-output", true);
    if (input != null) {
      args.put("input-data", java.util.Base64.getEncoder().encodeToString(input));
    }
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

  /**
   * Up to {@code maxBytes} of a file, read by the agent ({@code guest-file-open}, {@code
   * guest-file-read}, {@code guest-file-close}); empty when the agent cannot open it because it
   * does not exist. The path travels over the agent channel and never appears on a command line in
   * the guest; the agent itself runs in the guest, though, so the guest's root can replace it.
   */
  static Optional<byte[]> readFile(Domain domain, String path, int maxBytes)
      throws LibvirtException {
    ObjectNode open = command("guest-file-open");
    open.putObject("arguments").put("path", path).put("mode", "r");
    long handle;
    try {
      handle = call(domain, open, AGENT_TIMEOUT_SECONDS).asLong();
    } catch (LibvirtException e) {
      if (String.valueOf(e.getMessage()).contains("No such file or directory")) {
        return Optional.empty();
      }
      throw e;
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    try {
      while (content.size() < maxBytes) {
        ObjectNode read = command("guest-file-read");
        read.putObject("arguments")
            .put("handle", handle)
            .put("count", Math.min(READ_CHUNK, maxBytes - content.size()));
        JsonNode chunk = call(domain, read, AGENT_TIMEOUT_SECONDS);
        content.writeBytes(Base64.getDecoder().decode(chunk.path("buf-b64").asText("")));
        if (chunk.path("eof").asBoolean() || chunk.path("count").asInt() == 0) {
          break;
        }
      }
    } finally {
      ObjectNode close = command("guest-file-close");
      close.putObject("arguments").put("handle", handle);
      call(domain, close, AGENT_TIMEOUT_SECONDS);
    }
    return Optional.of(content.toByteArray());
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
