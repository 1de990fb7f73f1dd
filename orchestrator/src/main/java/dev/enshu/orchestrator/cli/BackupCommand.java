package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.backup.Backup;
import dev.enshu.orchestrator.backup.Manifest;
import dev.enshu.orchestrator.backup.Restore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code enshu backup DIR} and {@code enshu restore DIR}: a server's data, kept and brought back.
 */
final class BackupCommand {
  private BackupCommand() {}

  /** Where the recordings are, and the database. */
  static final class Data extends DatabaseOptions {
    @Option(
        names = "--recordings-dir",
        description = "The server's console recordings (default DATA-DIR/recordings)")
    Path recordingsDir;

    Path recordings() {
      return recordingsDir != null ? recordingsDir : Path.of(dataDir).resolve("recordings");
    }
  }

  static String summary(Manifest manifest) {
    long rows = manifest.tables().values().stream().mapToLong(Manifest.Part::count).sum();
    return manifest.tables().size()
        + " tables, "
        + rows
        + " rows, "
        + manifest.recordings().size()
        + " recordings, schema version "
        + manifest.schemaVersion();
  }

  static int reported(CommandSpec spec, String command, Callable<String> action) {
    try {
      String done = action.call();
      spec.commandLine().getOut().println(done);
      spec.commandLine().getOut().flush();
      return 0;
    } catch (EnshuException e) {
      spec.commandLine().getErr().println("enshu " + command + ": " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    } catch (Exception e) {
      spec.commandLine()
          .getErr()
          .println("enshu " + command + ": " + DatabaseOptions.rootMessage(e));
      spec.commandLine().getErr().flush();
      return 1;
    }
  }

  @Command(
      name = "backup",
      description =
          "Back up a server's database (journal, exercises, users) and console recordings into a"
              + " new directory. PostgreSQL: while the server runs (one consistent snapshot);"
              + " the embedded database: stop the server first.")
  static final class Take implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Data data = new Data();

    @Parameters(paramLabel = "DIR", description = "A new or empty directory")
    Path dir;

    @Override
    public Integer call() {
      DatabaseOptions.quietMigrations();
      return reported(
          spec,
          "backup",
          () -> {
            try {
              Manifest manifest =
                  new Backup(data.dataSource(true), data.recordings(), Clock.systemUTC()).to(dir);
              return "backed up " + data.describe() + " into " + dir + ": " + summary(manifest);
            } catch (RuntimeException e) {
              if (e instanceof EnshuException) {
                throw e;
              }
              String why = DatabaseOptions.rootMessage(e);
              throw new EnshuException(
                  EnshuException.Status.CONFLICT,
                  "cannot read "
                      + data.describe()
                      + " ("
                      + why
                      + ")"
                      + (DatabaseOptions.inUse(e)
                          ? "; the embedded database is open by one process at a time: stop the"
                              + " server first"
                          : ""));
            }
          });
    }
  }

  @Command(
      name = "restore",
      description =
          "Restore a backup into an empty database (a new --data-dir, or an empty PostgreSQL"
              + " database); refused over a running server or data already there.")
  static final class Bring implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Data data = new Data();

    @Parameters(paramLabel = "DIR", description = "A directory written by enshu backup")
    Path dir;

    @Override
    public Integer call() {
      DatabaseOptions.quietMigrations();
      PrintWriter out = spec.commandLine().getOut();
      return reported(
          spec,
          "restore",
          () -> {
            Manifest manifest = new Restore(data.dataSource(false), data.recordings()).from(dir);
            out.flush();
            return "restored "
                + dir
                + " (taken "
                + manifest.createdAt()
                + " from "
                + manifest.database()
                + ") into "
                + data.describe()
                + ": "
                + summary(manifest);
          });
    }
  }
}
