package dev.enshu.orchestrator.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins counted per user name and per client address over a sliding window. Past the limit
 * a login is refused, even with the right password, until the oldest failure leaves the window. The
 * address limit is higher than the name limit: a class behind one NAT shares an address.
 * Thread-safe; keys whose failures have all left the window are forgotten.
 */
final class LoginThrottle {
  private final int perName;
  private final int perAddress;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  LoginThrottle(int perName, int perAddress, Duration window, Clock clock) {
    this.perName = perName;
    this.perAddress = perAddress;
    this.window = window;
    this.clock = clock;
  }

  /** How long to wait when a login for {@code name} from {@code address} is refused now. */
  Optional<Duration> blocked(String name, String address) {
    Instant now = clock.instant();
    Optional<Duration> byName = wait("name:" + name, perName, now);
    Optional<Duration> byAddress = wait("address:" + address, perAddress, now);
    if (byName.isEmpty()) {
      return byAddress;
    }
    if (byAddress.isEmpty()) {
      return byName;
    }
    return Optional.of(
        byName.get().compareTo(byAddress.get()) > 0 ? byName.get() : byAddress.get());
  }

  void failed(String name, String address) {
    Instant now = clock.instant();
    if (failures.size() > 10_000) {
      // many names tried once each: forget every key whose failures have left the window
      failures.forEach(
          (key, times) ->
              failures.computeIfPresent(
                  key,
                  (k, d) -> {
                    prune(d, now);
                    return d.isEmpty() ? null : d;
                  }));
    }
    add("name:" + name, now);
    add("address:" + address, now);
  }

  private void add(String key, Instant now) {
    failures.compute(
        key,
        (k, times) -> {
          Deque<Instant> d = times == null ? new ArrayDeque<>() : times;
          prune(d, now);
          d.addLast(now);
          return d;
        });
  }

  private Optional<Duration> wait(String key, int limit, Instant now) {
    Duration[] out = {null};
    failures.computeIfPresent(
        key,
        (k, times) -> {
          prune(times, now);
          if (times.size() >= limit) {
            Instant oldest = times.peekFirst();
            out[0] = Duration.between(now, oldest.plus(window));
          }
          return times.isEmpty() ? null : times;
        });
    return Optional.ofNullable(out[0]);
  }

  private void prune(Deque<Instant> times, Instant now) {
    while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
      times.pollFirst();
    }
  }
}
