package dev.enshu.orchestrator.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations of one kind of operation as a bench measured them, and their percentiles. */
final class Latencies {
  private final List<Long> nanos = new ArrayList<>();

  synchronized void add(long duration) {
    nanos.add(duration);
  }

  synchronized int count() {
    return nanos.size();
  }

  /** The durations from {@code from} (inclusive) to {@code to} (exclusive), in measured order. */
  synchronized Latencies slice(int from, int to) {
    Latencies part = new Latencies();
    part.nanos.addAll(nanos.subList(Math.max(0, from), Math.min(to, nanos.size())));
    return part;
  }

  /** The nearest-rank percentile, in milliseconds; 0 when nothing was measured. */
  synchronized double percentile(double p) {
    if (nanos.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)) / 1e6;
  }

  synchronized double maxMillis() {
    return nanos.isEmpty() ? 0 : Collections.max(nanos) / 1e6;
  }
}
