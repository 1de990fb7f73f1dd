package dev.enshu.orchestrator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code enshu} command and its subcommands. */
@Command(
    name = "enshu",
    mixinStandardHelpOptions = true,
    version = "enshu 0.1.0",
    description = "Enshu: cyber-defence exercises on isolated team ranges.",
    subcommands = {
      LintCommand.class,
      PlanCommand.class,
      DemoCommand.class,
      ImagesCommand.class,
      ServeCommand.class,
      UsersCommand.class,
      JournalCommand.class,
      BackupCommand.Take.class,
      BackupCommand.Bring.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class EnshuCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "name a command: lint, plan, images, demo, serve, users, journal, backup, restore, bench");
  }

  /** The command line with its exit codes: 0 success, 1 problems found, 2 usage error. */
  public static CommandLine commandLine() {
    return new CommandLine(new EnshuCommand());
  }
}
