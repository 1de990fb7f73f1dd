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
   * Blocks until every guest of {@code guests} (host id to domain) is ready, or until no guest made
   * progress (its agent answered for the first time, or it became ready) for {@code timeout}, or
   * three times {@code timeout} passed in all: a range booting guest by guest on a loaded machine
   * is given the time, a stuck guest is not. The error names each guest that is not ready and what
   * it said last.
   */
  void await(String rangeId, Map<String, Domain> guests, Duration timeout) {
    await(rangeId, guests, Map.of(), timeout);
  }

  /**
   * Like {@link #await(String, Map, Duration)}, handing each guest of {@code secrets} (host id to
   * the shell file of its passwords) its secrets as soon as its agent answers: the guest's init
   * waits for them before it starts the host's services.
   */
  void await(
      String rangeId, Map<String, Domain> guests, Map<String, String> secrets, Duration timeout) {
    Map<String, String> undelivered = new java.util.concurrent.ConcurrentHashMap<>(secrets);
    Instant start = clock.instant();
    Instant last = start.plus(timeout.multipliedBy(3));
    Instant deadline = start.plus(timeout);
    Map<String, String> waiting = new LinkedHashMap<>();
    guests.keySet().forEach(h -> waiting.put(h, NOT_ANSWERED));
    int progress = 0;
    while (!waiting.isEmpty()) {
      for (String host : List.copyOf(waiting.keySet())) {
        Domain domain = guests.get(host);
        String state = deliver(domain, host, undelivered);
        if (state == null) {
          state = check(domain);
        }
        if (state == null) {
          waiting.remove(host);
        } else {
          waiting.put(host, state);
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      int now = progress(guests.size(), waiting);
      if (now > progress) {
        progress = now;
        deadline = clock.instant().plus(timeout);
      }
      if (clock.instant().isAfter(deadline) || clock.instant().isAfter(last)) {
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
                + " did not become ready: "
                + (guests.size() - waiting.size())
                + " of "
                + guests.size()
                + " guests ready after "
                + Duration.between(start, clock.instant()).toSeconds()
                + " s, none making progress for "
                + timeout.toSeconds()
                + " s (or "
                + timeout.multipliedBy(3).toSeconds()
                + " s in all): "
                + message);
      }
      GuestAgent.sleep(500);
    }
  }

  private static final String NOT_ANSWERED = "the guest agent has not answered yet";

  /** How far the guests are: two steps each, its agent answering and its being ready. */
  private static int progress(int guests, Map<String, String> waiting) {
    int answered =
        (int) waiting.values().stream().filter(why -> !why.startsWith(NOT_ANSWERED)).count();
    return 2 * (guests - waiting.size()) + answered;
  }

  /** The script that receives a guest's secrets on its standard input. */
  static final List<String> RECEIVE_SECRETS =
      List.of(
          "/bin/sh",
          "-c",
          "umask 077 && cat > /etc/enshu/secrets.part && mv /etc/enshu/secrets.part"
              + " /etc/enshu/secrets && mkdir -p /var/lib/enshu"
              + " && : > /var/lib/enshu/secrets-received");

  /** Hands over the guest's secrets if it still waits for them; null once done, else why not. */
  private static String deliver(Domain domain, String host, Map<String, String> undelivered) {
    String secrets = undelivered.get(host);
    if (secrets == null) {
      return null;
    }
    try {
      if (domain.isActive() != 1 || !GuestAgent.ping(domain)) {
        return NOT_ANSWERED + " (still booting)";
      }
      ExecResult received =
          GuestAgent.exec(
              domain,
              RECEIVE_SECRETS,
              secrets.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              Duration.ofSeconds(15));
      if (!received.succeeded()) {
        return "the guest did not take its secrets: " + (received.stdout() + received.stderr());
      }
      undelivered.remove(host);
      return null;
    } catch (LibvirtException | RuntimeException e) {
      return "the guest agent failed: " + e.getMessage();
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
        return NOT_ANSWERED + " (still booting)";
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
