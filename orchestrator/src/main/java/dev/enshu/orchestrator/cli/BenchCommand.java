package dev.enshu.orchestrator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Benchmarks: each prints its figures; none asserts on them. */
@Command(
    name = "bench",
    description = "Run a benchmark and print its figures.",
    subcommands = {
      BenchProvisionCommand.class,
      BenchTimelineCommand.class,
      BenchScoringCommand.class,
      BenchConsoleCommand.class,
      BenchCyclesCommand.class,
      BenchApiCommand.class
    })
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a benchmark: provision, timeline, scoring, console, cycles, api");
  }
}
