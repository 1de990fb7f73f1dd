package dev.enshu.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The packaged command line ({@code target/enshu.jar}) run as its own process, as a user runs it,
 * and its output read line by line as it comes.
 */
final class EnshuProcess {
  private final Process process;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  // written by the reader thread, read by the test: guarded by itself
  private final StringBuilder all = new StringBuilder();
  private final Thread reader;

  private EnshuProcess(Process process) {
    this.process = process;
    reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  synchronized (all) {
                    all.append(line).append('\n');
                  }
                  lines.add(line);
                }
              } catch (java.io.IOException e) {
                // the process went away
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code enshu ARGS…}, its standard error merged into its output. */
  static EnshuProcess start(String... args) throws java.io.IOException {
    File jar = new File("target/enshu.jar");
    assertThat(jar).as("the packaged application").exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.getAbsolutePath()));
    command.addAll(List.of(args));
    return new EnshuProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  Process process() {
    return process;
  }

  /** The first line matching {@code pattern}; fails when the process ends without one. */
  String await(Pattern pattern) throws InterruptedException {
    while (true) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && pattern.matcher(line).find()) {
        return line;
      }
      if (line == null && !process.isAlive() && lines.isEmpty()) {
        throw new AssertionError("no line like " + pattern + " in: " + all());
      }
    }
  }

  /** What it printed so far. */
  String all() {
    synchronized (all) {
      return all.toString();
    }
  }

  /** Everything it printed, once it has exited and its output has been read to the end. */
  String whole() throws InterruptedException {
    reader.join(TimeUnit.SECONDS.toMillis(60));
    return all();
  }

  /** Waits for it to exit and answers its exit code; fails when it runs past {@code seconds}. */
  int exitCode(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after " + seconds + " s; it said: " + all());
    }
    return process.exitValue();
  }
}
