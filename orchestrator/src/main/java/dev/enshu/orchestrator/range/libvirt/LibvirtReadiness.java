package dev.enshu.orchestrator.range.libvirt;

import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Waits until guests are ready: the guest agent answers (started by the guest's init once its
 * network is configured) and the image's own {@code enshu-ready} exits 0, as for containers.
 */
final class LibvirtReadiness {
  private final Clock clock;

  LibvirtReadiness(Clock clock) {
    this.clock = clock;
  }

  /**
   * Blocks until every guest of {@code guests} (host id to domain) is ready or {@code timeout}
   * passed; the error names each guest that is not ready and what it said last.
   */
  void await(String rangeId, Map<String, Domain> guests, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    Map<String, String> waiting = new LinkedHashMap<>();
    guests.keySet().forEach(h -> waiting.put(h, "the guest agent has not answered yet"));
    while (!waiting.isEmpty()) {
      for (String host : List.copyOf(waiting.keySet())) {
        Domain domain = guests.get(host);
        String state = check(domain);
        if (state == null) {
          waiting.remove(host);
        } else {
          waiting.put(host, state);
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      if (clock.instant().isAfter(deadline)) {
        StringBuilder message = new StringBuilder();
        waiting.forEach(
            (h, why) ->
                message
                    .append(message.length() == 0 ? "" : "; ")
                    .append("host '")
                    .append(h)
                    .append("': ")
                    .append(why));
        throw new ProviderException(
            Status.TIMEOUT,
            "range "
                + rangeId
                + " did not become ready in "
                + timeout.toSeconds()
                + " s: "
                + message);
      }
      GuestAgent.sleep(500);
    }
  }

  /** Null when ready, else why not. */
  private static String check(Domain domain) {
    try {
      if (domain.isActive() != 1) {
        return "the guest is not running (it stopped or crashed; its serial console is logged next to its"
            + " disk, <host>.console.log)";
      }
      if (!GuestAgent.ping(domain)) {
        return "the guest agent has not answered yet (still booting)";
      }
      ExecResult ready =
          GuestAgent.exec(domain, List.of("/usr/local/bin/enshu-ready"), Duration.ofSeconds(15));
      return ready.succeeded()
          ? null
          : "enshu-ready exited with "
              + ready.exitCode()
              + ": "
              + (ready.stdout() + ready.stderr()).strip();
    } catch (LibvirtException | RuntimeException e) {
      return "the guest agent failed: " + e.getMessage();
    }
  }
}
