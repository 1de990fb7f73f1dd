package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.range.RangeProvider;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The ranges a command makes, removed when it is stopped part-way (SIGTERM, Ctrl-C; SIGKILL cannot
 * be caught) or exits without having removed them. While it is armed, a shutdown hook refuses new
 * provisioning and removes every range whose id starts with the command's prefix, again and again
 * until none is left and no provisioning that had begun is still running, so a range finished after
 * the first sweep goes too. {@link #close()} disarms it once the command has removed its ranges
 * itself.
 */
final class StopCleanup implements AutoCloseable {
  /** How long the hook keeps sweeping at most; a stop usually gives a process no more. */
  private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(120);

  private final String prefix;
  private final Supplier<RangeProvider> provider;
  private final PrintWriter err;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object quiet = new Object();
  private final Thread hook;
  private volatile java.util.function.BooleanSupplier elsewhere = () -> false;

  /**
   * @param prefix the ids of the command's ranges start with it (its exercise id and "-")
   * @param provider a provider on a connection of the hook's own (the command's may be closing)
   */
  StopCleanup(String prefix, Supplier<RangeProvider> provider, PrintWriter err) {
    this.prefix = prefix;
    this.provider = provider;
    this.err = err;
    this.hook = new Thread(this::sweep, "enshu-stop-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Runs one provisioning, unless the command is being stopped. */
  void provisioning(Runnable provision) {
    inFlight.incrementAndGet();
    try {
      if (stopping.get()) {
        throw new IllegalStateException("stopped: no more ranges are made");
      }
      provision.run();
    } finally {
      synchronized (quiet) {
        inFlight.decrementAndGet();
        quiet.notifyAll();
      }
    }
  }

  boolean stopping() {
    return stopping.get();
  }

  /** Provisioning the command started elsewhere (a server's) counts as running while this holds. */
  void alsoBusyWhile(java.util.function.BooleanSupplier running) {
    this.elsewhere = running;
  }

  private boolean busy() {
    return inFlight.get() > 0 || elsewhere.getAsBoolean();
  }

  private void sweep() {
    stopping.set(true);
    err.println("exiting: removing the ranges " + prefix + "* this command made");
    err.flush();
    long deadline = System.nanoTime() + SWEEP_NANOS;
    try {
      RangeProvider ranges = provider.get();
      while (true) {
        List<String> left = left(ranges);
        String failed = null;
        for (String range : left) {
          try {
            ranges.destroy(range);
          } catch (RuntimeException e) {
            // a network still in use by a container being made: the next sweep gets both
            failed = range + ": " + e.getMessage();
          }
        }
        if (left.isEmpty() && !busy()) {
          err.println("exiting: nothing of " + prefix + "* is left");
          err.flush();
          return;
        }
        if (System.nanoTime() > deadline) {
          err.println(
              "exiting: gave up with "
                  + left(ranges)
                  + " still there"
                  + (failed == null ? "" : " (last: " + failed + ")"));
          err.flush();
          return;
        }
        synchronized (quiet) {
          if (busy() || failed != null) {
            // woken when a provisioning ends; the timeout sweeps what it made part-way meanwhile
            quiet.wait(2000);
          }
        }
      }
    } catch (RuntimeException | InterruptedException e) {
      err.println("exiting: could not remove the ranges " + prefix + "*: " + e);
      err.flush();
    }
  }

  private List<String> left(RangeProvider ranges) {
    return ranges.list().stream()
        .map(RangeProvider.ProviderResource::rangeId)
        .filter(id -> id != null && id.startsWith(prefix))
        .distinct()
        .toList();
  }

  /** The command removed its ranges itself: the hook is not needed any more. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs and finds nothing left
    }
  }
}
