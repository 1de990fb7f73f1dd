package dev.enshu.yaml;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a loader on many broken files and fails unless every one either loads or is rejected with
 * the project's own problem report: an {@link InvalidDocumentException} whose every problem names
 * one of the files written, a line of it, and says what is wrong. Anything else (another exception,
 * an error, a problem without a line) fails, and so does a try that takes longer than {@link
 * #TIMEOUT_SECONDS}.
 *
 * <p>The seed is fixed so that CI runs the same tries every time; a failure prints the seed, the
 * try, the steps that broke the file and where the file was saved. {@code -Denshu.fuzz.seed=N}
 * draws other files, {@code -Denshu.fuzz.tries=N} changes how many, {@code -Denshu.fuzz.try=N} runs
 * only try N.
 */
public final class LoaderFuzz {
  /** The seed CI runs with. */
  public static final long SEED = Long.getLong("enshu.fuzz.seed", 20_250_611L);

  /** How long one try may take: the slowest real try takes well under a second. */
  public static final long TIMEOUT_SECONDS = 5;

  private static final Long ONLY = Long.getLong("enshu.fuzz.try");
  private static final int MAX_REPORTED = 8;
  private static final String TIMED_OUT = "timed out after " + TIMEOUT_SECONDS + " s";

  private LoaderFuzz() {}

  /**
   * What one try writes into the folder, and which of those files it loads.
   *
   * @param files file name to content, written side by side
   * @param load the name of the file handed to the loader
   * @param steps how the content was broken
   */
  public record Sample(Map<String, byte[]> files, String load, List<String> steps) {}

  /** A loader under test: reads the file, returns normally or throws. */
  @FunctionalInterface
  public interface Loader {
    void load(Path file) throws Exception;
  }

  /** The number of tries a property runs: {@code defaultTries} unless overridden. */
  public static int tries(int defaultTries) {
    return Integer.getInteger("enshu.fuzz.tries", defaultTries);
  }

  /** Runs {@code tries} samples drawn by {@code samples} through {@code loader} in {@code dir}. */
  public static void check(
      String property, int tries, Path dir, Function<Random, Sample> samples, Loader loader) {
    List<String> failures = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    Map<String, Integer> outcomes = new java.util.TreeMap<>();
    long started = System.nanoTime();
    long slowest = 0;
    int slowestTry = -1;
    ExecutorService worker = Executors.newSingleThreadExecutor(LoaderFuzz::daemon);
    try {
      for (int t = 0; t < tries && failures.size() < MAX_REPORTED; t++) {
        if (ONLY != null && ONLY != t) {
          continue;
        }
        Random random = new Random(mix(mix(SEED ^ property.hashCode()) + t));
        Sample sample = samples.apply(random);
        Path target = write(dir, sample);
        long t0 = System.nanoTime();
        Failure failure = tryOnce(worker, loader, dir, sample, target, outcomes);
        if (System.nanoTime() - t0 > slowest) {
          slowest = System.nanoTime() - t0;
          slowestTry = t;
        }
        if (failure == null || seen.merge(failure.kind(), 1, Integer::sum) > 1) {
          continue;
        }
        Path saved = save(property, t, sample);
        failures.add(
            String.format(
                "try %d (seed %d; rerun with -Denshu.fuzz.try=%d): %s%n  steps: %s%n  saved: %s",
                t, SEED, t, failure.detail(), sample.steps(), saved));
        if (failure.kind().equals(TIMED_OUT)) {
          break;
        }
      }
    } finally {
      worker.shutdownNow();
    }
    System.out.printf(
        "%s: %d tries in %d ms (slowest: try %d, %d ms), outcomes %s%n",
        property,
        tries,
        (System.nanoTime() - started) / 1_000_000,
        slowestTry,
        slowest / 1_000_000,
        outcomes);
    if (!failures.isEmpty()) {
      fail(
          property
              + ": "
              + failures.size()
              + " kinds of failure\n"
              + String.join("\n\n", failures));
    }
  }

  /**
   * What went wrong in one try; {@code kind} tells repeats of the same fault apart from new ones.
   */
  private record Failure(String kind, String detail) {
    static Failure of(String kind) {
      return new Failure(kind, kind);
    }
  }

  private static Failure tryOnce(
      ExecutorService worker,
      Loader loader,
      Path dir,
      Sample sample,
      Path target,
      Map<String, Integer> outcomes) {
    Future<?> run =
        worker.submit(
            () -> {
              loader.load(target);
              return null;
            });
    try {
      run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      outcomes.merge("loaded", 1, Integer::sum);
      return null;
    } catch (TimeoutException e) {
      run.cancel(true);
      return Failure.of(TIMED_OUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      Throwable thrown = e.getCause();
      if (thrown instanceof InvalidDocumentException invalid) {
        outcomes.merge(outcome(invalid), 1, Integer::sum);
        return problemsFailure(invalid, dir, sample);
      }
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      String top = trace.toString().lines().limit(12).reduce((a, b) -> a + "\n    " + b).orElse("");
      String kind = "threw " + thrown.getClass().getName() + " at " + firstFrame(thrown);
      return new Failure(kind, kind + "\n    " + top);
    }
  }

  /** Why the problems of a rejected file fall short, or null when they are all well placed. */
  private static Failure problemsFailure(
      InvalidDocumentException invalid, Path dir, Sample sample) {
    if (invalid.problems().isEmpty()) {
      return Failure.of("rejected with no problem");
    }
    for (Problem problem : invalid.problems()) {
      byte[] content = null;
      for (Map.Entry<String, byte[]> file : sample.files().entrySet()) {
        if (dir.resolve(file.getKey()).toString().equals(problem.file())) {
          content = file.getValue();
        }
      }
      if (content == null) {
        return new Failure(
            "a problem names another file", "a problem names another file: " + problem);
      }
      int lines =
          1
              + (int)
                  new String(content, StandardCharsets.UTF_8)
                      .chars()
                      .filter(c -> c == '\n')
                      .count();
      if (problem.line() < 1 || problem.line() > lines) {
        String kind =
            "line "
                + (problem.line() < 1 ? "below 1" : "past the end")
                + ": "
                + shape(problem.message());
        return new Failure(
            kind, "a problem has line " + problem.line() + " of " + lines + ": " + problem);
      }
      if (problem.message().isBlank()) {
        return new Failure("a problem says nothing", "a problem says nothing: " + problem);
      }
    }
    return null;
  }

  /** Which check rejected a file: the YAML parser, the schema, or the cross-field rules. */
  private static String outcome(InvalidDocumentException invalid) {
    String first = invalid.problems().isEmpty() ? "" : invalid.problems().get(0).message();
    if (invalid.problems().stream().anyMatch(p -> p.message().startsWith("YAML syntax"))) {
      return "syntax";
    }
    if (first.startsWith("unknown field")
        || first.startsWith("missing required field")
        || first.startsWith("expected \"")
        || first.contains("is not one of")
        || first.startsWith("does not match")) {
      return "schema";
    }
    return "rules";
  }

  /** A message without its values, so that one fault with many values is reported once. */
  private static String shape(String message) {
    String shape = message.replaceAll("'[^']*'", "'_'").replaceAll("\\d+", "N");
    return shape.length() > 60 ? shape.substring(0, 60) : shape;
  }

  private static String firstFrame(Throwable thrown) {
    StackTraceElement[] trace = thrown.getStackTrace();
    for (StackTraceElement frame : trace) {
      if (frame.getClassName().startsWith("dev.enshu")) {
        return frame.toString();
      }
    }
    return trace.length == 0 ? "?" : trace[0].toString();
  }

  private static Path write(Path dir, Sample sample) {
    try {
      for (Map.Entry<String, byte[]> file : sample.files().entrySet()) {
        Files.write(dir.resolve(file.getKey()), file.getValue());
      }
      return dir.resolve(sample.load());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path save(String property, int t, Sample sample) {
    try {
      Path folder = Path.of("target", "fuzz-failures", property + "-try" + t);
      Files.createDirectories(folder);
      for (Map.Entry<String, byte[]> file : sample.files().entrySet()) {
        Files.write(folder.resolve(file.getKey()), file.getValue());
      }
      return folder.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** MurmurHash3's finaliser: neighbouring seeds and tries give unrelated random streams. */
  private static long mix(long value) {
    long z = (value ^ (value >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "loader-fuzz");
    thread.setDaemon(true);
    return thread;
  }
}
