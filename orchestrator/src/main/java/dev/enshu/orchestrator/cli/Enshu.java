package dev.enshu.orchestrator.cli;

/** The entry point of the Enshu application and its command line. */
public final class Enshu {
  private Enshu() {}

  public static void main(String[] args) {
    System.exit(EnshuCommand.commandLine().execute(args));
  }
}
