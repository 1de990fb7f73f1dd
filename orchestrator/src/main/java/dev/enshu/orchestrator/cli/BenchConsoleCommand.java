package dev.enshu.orchestrator.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code enshu bench console}: the console gateway benchmark. */
@Command(
    name = "console",
    description =
        "Benchmark the console gateway: keystroke-to-echo latency of concurrent terminal sessions"
            + " through the gateway and directly against the engine, one session's output"
            + " throughput, heap per session.")
final class BenchConsoleCommand implements Callable<Integer> {
  @Option(
      names = "--sessions",
      defaultValue = "100",
      description = "concurrent sessions (default ${DEFAULT-VALUE})")
  int sessions;

  @Option(
      names = "--containers",
      defaultValue = "4",
      description = "containers they share (default ${DEFAULT-VALUE})")
  int containers;

  @Option(
      names = "--keystrokes",
      defaultValue = "50",
      description = "keystrokes per session (default ${DEFAULT-VALUE})")
  int keystrokes;

  @Option(
      names = "--megabytes",
      defaultValue = "64",
      description = "MiB streamed for throughput (default ${DEFAULT-VALUE})")
  int megabytes;

  @Option(
      names = "--pace-ms",
      defaultValue = "100",
      description =
          "for the paced figures, one key per session every this many ms, as people type"
              + " (default ${DEFAULT-VALUE}); the flat-out figures are printed too")
  int paceMs;

  @Override
  public Integer call() throws Exception {
    new ConsoleBench(
            sessions, containers, keystrokes, megabytes, paceMs, System.out, Clock.systemUTC())
        .run();
    return 0;
  }
}
