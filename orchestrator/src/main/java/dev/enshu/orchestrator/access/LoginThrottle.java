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
 * Failed logins counted over a sliding window per user name, per client address and per (address,
 * name) pair, and decided so that neither a classroom nor an instructor can be locked out by
 * someone else's failures. A login is refused (before its password is checked) when:
 *
 * <ol>
 *   <li>its pair has {@code perName} failures: a guesser at one address gets that many tries per
 *       name per window, wherever the name is trusted;
 *   <li>its name has {@code perName} failures from anywhere, unless the address is trusted for the
 *       name: loopback (the server's own machine), or an address this name logged in from
 *       successfully within {@code trustPeriod}. So an attacker failing as the instructor elsewhere
 *       does not lock the instructor out where they usually log in, while guesses spread over many
 *       addresses still stop at the name's limit everywhere else;
 *   <li>its address has {@code perAddress} failures and its pair has {@code perNameAtBusyAddress}:
 *       a class behind one NAT that fails often does not lock out its members who have not
 *       themselves failed (more than once), while guessing many names from one address gets fewer
 *       tries each.
 * </ol>
 *
 * A successful login clears its pair's failures and trusts the pair. What it cannot tell apart: two
 * people at one address (a trainee in the classroom failing as the instructor locks the instructor
 * out of that pair for the window; loopback and other trusted addresses still work). Behind a
 * reverse proxy every client has the proxy's address: set {@code server.forward-headers-strategy}
 * so the real one is seen. Trust is kept in memory (a restart forgets it; loopback stays trusted).
 * Thread-safe; keys whose failures have all left the window are forgotten, and at most {@code
 * MAX_TRUSTED} pairs are trusted at once.
 */
final class LoginThrottle {
  static final int MAX_TRUSTED = 10_000;

  private final int perName;
  private final int perAddress;
  private final int perNameAtBusyAddress;
  private final Duration window;
  private final Duration trustPeriod;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Map<String, Instant> trusted = new ConcurrentHashMap<>();

  LoginThrottle(
      int perName,
      int perAddress,
      int perNameAtBusyAddress,
      Duration window,
      Duration trustPeriod,
      Clock clock) {
    this.perName = perName;
    this.perAddress = perAddress;
    this.perNameAtBusyAddress = perNameAtBusyAddress;
    this.window = window;
    this.trustPeriod = trustPeriod;
    this.clock = clock;
  }

  /** How long to wait when a login for {@code name} from {@code address} is refused now. */
  Optional<Duration> blocked(String name, String address) {
    Instant now = clock.instant();
    Optional<Duration> byPair = wait(pair(name, address), perName, now);
    if (byPair.isPresent()) {
      return byPair;
    }
    if (!trusted(name, address, now)) {
      Optional<Duration> byName = wait("name:" + name, perName, now);
      if (byName.isPresent()) {
        return byName;
      }
    }
    if (wait("address:" + address, perAddress, now).isPresent()) {
      return wait(pair(name, address), perNameAtBusyAddress, now);
    }
    return Optional.empty();
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
    add(pair(name, address), now);
  }

  /** A login that succeeded: its pair's failures are forgotten and the pair is trusted. */
  void succeeded(String name, String address) {
    Instant now = clock.instant();
    failures.remove(pair(name, address));
    if (trusted.size() >= MAX_TRUSTED) {
      trusted.values().removeIf(at -> !at.plus(trustPeriod).isAfter(now));
      if (trusted.size() >= MAX_TRUSTED) {
        // still full of live trust: the oldest goes
        trusted.entrySet().stream()
            .min(Map.Entry.comparingByValue())
            .ifPresent(oldest -> trusted.remove(oldest.getKey(), oldest.getValue()));
      }
    }
    trusted.put(pair(name, address), now);
  }

  private boolean trusted(String name, String address, Instant now) {
    if (loopback(address)) {
      return true;
    }
    Instant at = trusted.get(pair(name, address));
    return at != null && at.plus(trustPeriod).isAfter(now);
  }

  /** Whether {@code address}, an IP literal as the servlet container gives it, is loopback. */
  static boolean loopback(String address) {
    return address != null
        && (address.startsWith("127.")
            || address.equals("::1")
            || address.equals("0:0:0:0:0:0:0:1")
            || address.startsWith("::ffff:127."));
  }

  private static String pair(String name, String address) {
    return "pair:" + address + "\n" + name;
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
            // the window reopens when enough of the oldest failures have left it
            Instant freeing = times.stream().skip(times.size() - limit).findFirst().orElseThrow();
            out[0] = Duration.between(now, freeing.plus(window));
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
