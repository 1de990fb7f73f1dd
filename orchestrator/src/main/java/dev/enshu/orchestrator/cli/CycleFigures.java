package dev.enshu.orchestrator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@code bench cycles} measures: the census before the first cycle and after the last, each
 * cycle's provision and teardown time, and the bench's own file descriptors and heap.
 */
final class CycleFigures {
  /** Cycles at each end compared: the first ones are the baseline of the last ones. */
  static final int ENDS = 10;

  private final RangeCensus census;
  private final Latencies provision = new Latencies();
  private final Latencies teardown = new Latencies();
  private Map<String, Long> before;
  private long fdsBefore;
  private long heapBefore;
  private long fdsWarm = -1;
  private long heapWarm = -1;

  CycleFigures(RangeCensus census) {
    this.census = census;
  }

  void before() {
    before = census.count();
    fdsBefore = openFiles();
    heapBefore = heapAfterGc();
  }

  void provisioned(long nanos, String rangeId) {
    provision.add(nanos);
    census.provisioned(rangeId);
  }

  void tornDown(long nanos) {
    teardown.add(nanos);
    if (teardown.count() == ENDS) {
      // the connections and threads a first few cycles open are no leak: later growth is
      fdsWarm = openFiles();
      heapWarm = heapAfterGc();
    }
  }

  /** Prints every figure; answers the leftovers summed over every kind. */
  long print(PrintWriter out) {
    Map<String, Long> after = census.count();
    long fdsAfter = openFiles();
    long heapAfter = heapAfterGc();
    int n = provision.count();
    out.printf("%d cycles%n", n);
    times(out, "provision", provision, n);
    times(out, "teardown", teardown, n);
    String warm = " after " + ENDS + " cycles, ";
    out.printf(
        "open file descriptors of the bench: %d before, %s%d after the last (%+d)%n",
        fdsBefore, fdsWarm < 0 ? "" : fdsWarm + warm, fdsAfter, fdsAfter - fdsBefore);
    out.printf(
        "heap used after a GC: %.1f MiB before, %s%.1f MiB after the last (%+.1f MiB)%n",
        mib(heapBefore),
        heapWarm < 0 ? "" : String.format("%.1f MiB", mib(heapWarm)) + warm,
        mib(heapAfter),
        mib(heapAfter - heapBefore));
    StringBuilder line = new StringBuilder("leftovers:");
    long total = 0;
    for (Map.Entry<String, Long> kind : after.entrySet()) {
      long was = before.getOrDefault(kind.getKey(), 0L);
      long left = kind.getValue() - was;
      total += Math.max(0, left);
      out.printf("  %-32s before %4d, after %4d%n", kind.getKey(), was, kind.getValue());
      line.append(' ').append(kind.getKey()).append('=').append(left);
    }
    out.println(line + (total == 0 ? "  (all 0)" : "  (must all be 0)"));
    return total;
  }

  private static void times(PrintWriter out, String what, Latencies all, int n) {
    int ends = Math.min(ENDS, n);
    row(out, what + ", all cycles", all);
    row(out, what + ", first " + ends + " (baseline)", all.slice(0, ends));
    row(out, what + ", last " + ends, all.slice(n - ends, n));
  }

  private static void row(PrintWriter out, String label, Latencies l) {
    out.printf(
        "%-32s p50 %7.2f s   p95 %7.2f s   max %7.2f s%n",
        label, l.percentile(50) / 1000, l.percentile(95) / 1000, l.maxMillis() / 1000);
  }

  private static double mib(long bytes) {
    return bytes / 1048576.0;
  }

  private static long openFiles() {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    try (Stream<Path> open = Files.list(fds)) {
      return open.count();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + fds, e);
    }
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
