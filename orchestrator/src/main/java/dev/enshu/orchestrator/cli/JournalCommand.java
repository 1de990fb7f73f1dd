package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.journal.JournalChain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The journal's export, checked offline. */
@Command(
    name = "journal",
    description = "Work with journal exports (GET /api/exercises/{id}/journal/export).",
    subcommands = {JournalCommand.Verify.class})
final class JournalCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "name a journal command: verify");
  }

  @Command(
      name = "verify",
      description =
          "Check an export's hash chain. Exit 0: intact (prints the event count and the head hash);"
              + " 1: the first line that breaks it, or the file cannot be read.")
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A JSON Lines journal export")
    Path file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      JournalChain.Verdict verdict;
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        verdict = JournalChain.verify(in);
      } catch (IOException e) {
        err.println("enshu journal verify: cannot read " + file + ": " + e);
        err.flush();
        return 1;
      }
      if (verdict.ok()) {
        out.println(file + ": " + verdict.describe());
        out.flush();
        return 0;
      }
      err.println(file + ": " + verdict.describe());
      err.flush();
      return 1;
    }
  }
}
