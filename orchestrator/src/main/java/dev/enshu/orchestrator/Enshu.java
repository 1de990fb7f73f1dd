package dev.enshu.orchestrator;

import dev.enshu.orchestrator.cli.EnshuCommand;

/** The entry point of the Enshu application and its command line. */
public final class Enshu {
  private Enshu() {}

  public static void main(String[] args) {
    System.exit(EnshuCommand.commandLine().execute(args));
  }
}
