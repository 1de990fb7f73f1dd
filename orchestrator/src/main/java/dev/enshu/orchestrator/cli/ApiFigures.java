package dev.enshu.orchestrator.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code bench api} measured per endpoint (method and path template): latencies, and how many
 * answers were server errors (5xx), other errors (4xx) or no answer at all. Thread-safe.
 */
final class ApiFigures {
  /** The status recorded for a request that got no HTTP answer (refused, reset, timed out). */
  static final int NO_ANSWER = -1;

  private final Map<String, Endpoint> endpoints = new ConcurrentSkipListMap<>();

  private static final class Endpoint {
    final Latencies latencies = new Latencies();
    final Map<Integer, AtomicLong> errors = new ConcurrentSkipListMap<>();

    long errors(int from, int to) {
      return errors.entrySet().stream()
          .filter(e -> e.getKey() >= from && e.getKey() < to)
          .mapToLong(e -> e.getValue().get())
          .sum();
    }
  }

  void record(String endpoint, long nanos, int status) {
    Endpoint e = endpoints.computeIfAbsent(endpoint, k -> new Endpoint());
    e.latencies.add(nanos);
    if (status >= 400 || status == NO_ANSWER) {
      e.errors.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }
  }

  long serverErrors() {
    return endpoints.values().stream().mapToLong(e -> e.errors(500, 600)).sum();
  }

  long unanswered() {
    return endpoints.values().stream().mapToLong(e -> e.errors(NO_ANSWER, NO_ANSWER + 1)).sum();
  }

  /** One line per endpoint of the load, with the same endpoint's baseline beside it. */
  void print(PrintWriter out, ApiFigures baseline) {
    for (Map.Entry<String, Endpoint> entry : endpoints.entrySet()) {
      Endpoint e = entry.getValue();
      Endpoint base = baseline.endpoints.get(entry.getKey());
      out.printf(
          "endpoint %-52s count=%-6d p50=%7.1f ms p99=%7.1f ms max=%7.1f ms 5xx=%d errors=%d%s"
              + " | baseline %s%n",
          entry.getKey(),
          e.latencies.count(),
          e.latencies.percentile(50),
          e.latencies.percentile(99),
          e.latencies.maxMillis(),
          e.errors(500, 600),
          e.errors(NO_ANSWER, 500),
          statuses(e),
          base == null
              ? "none"
              : String.format(
                  "count=%d p50=%.1f ms p99=%.1f ms max=%.1f ms",
                  base.latencies.count(),
                  base.latencies.percentile(50),
                  base.latencies.percentile(99),
                  base.latencies.maxMillis()));
    }
  }

  /** The statuses of the other errors, such as {@code (409x3)}; 0 stands for no answer. */
  private static String statuses(Endpoint e) {
    Map<Integer, Long> other = new TreeMap<>();
    e.errors.forEach(
        (status, n) -> {
          if (status < 500) {
            other.put(Math.max(0, status), n.get());
          }
        });
    if (other.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder(" (");
    other.forEach((status, n) -> s.append(s.length() > 2 ? " " : "").append(status + "x" + n));
    return s.append(')').toString();
  }
}
