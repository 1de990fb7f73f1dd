package dev.enshu.orchestrator.cli;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.User;
import dev.enshu.orchestrator.access.UserStore;
import dev.enshu.orchestrator.journal.Journal;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Who may log in, managed on the server's database directly: for the first accounts, scripts, and a
 * lost instructor password. The embedded H2 database is open by one process at a time, so stop the
 * server first (or use the web console's Users page, or {@code POST /api/users}, while it runs).
 */
@Command(
    name = "users",
    description = "Manage who may log in (on the database; stop a server using the embedded one).",
    subcommands = {
      UsersCommand.Add.class,
      UsersCommand.Password.class,
      UsersCommand.Online.class,
      UsersCommand.ListUsers.class
    })
final class UsersCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "name a users command: add, password, online, list");
  }

  /** Runs {@code action}; a refusal is printed as one line and exits with 1. */
  static int reported(CommandSpec spec, Runnable action) {
    try {
      action.run();
      spec.commandLine().getOut().flush();
      return 0;
    } catch (EnshuException e) {
      spec.commandLine().getErr().println("enshu users: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
  }

  /** Where the database is; the defaults are the server's. */
  static final class Database extends DatabaseOptions {
    Accounts open() {
      quietMigrations();
      DataSource data = dataSource(false);
      try {
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
      } catch (RuntimeException e) {
        throw new EnshuException(
            EnshuException.Status.CONFLICT,
            "cannot open the database ("
                + rootMessage(e)
                + "); when the server is running, use the web console's Users page or POST"
                + " /api/users instead, or stop the server first");
      }
      return accounts(data);
    }

    private static Accounts accounts(DataSource data) {
      JdbcClient jdbc = JdbcClient.create(data);
      return new Accounts(
          new UserStore(jdbc), Accounts.passwordEncoder(), new Journal(jdbc), Clock.systemUTC());
    }
  }

  @Command(name = "add", description = "Create a user with a generated password, shown once.")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Database database = new Database();

    @Parameters(index = "0", description = "The user name")
    String name;

    @Option(
        names = "--role",
        required = true,
        description = "instructor, assistant, trainee or observer")
    String role;

    @ArgGroup(exclusive = false)
    Binding binding;

    @Option(names = "--venue", description = "A venue an assistant helps (repeatable)")
    List<String> venues = List.of();

    @Option(
        names = "--online",
        description = "Allow the user (a trainee or instructor) to start online runs")
    boolean online;

    static final class Binding {
      @Option(
          names = "--exercise",
          required = true,
          description = "The exercise a trainee is bound to")
      String exercise;

      @Option(names = "--team", required = true, description = "The trainee's team number")
      int team;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      return reported(
          spec,
          () -> {
            Accounts.Issued issued =
                database
                    .open()
                    .create(
                        new Accounts.Request(
                            name,
                            role,
                            binding == null ? null : binding.exercise,
                            binding == null ? null : binding.team,
                            new LinkedHashSet<>(venues),
                            online),
                        "cli");
            out.printf("created %s%n", issued.user().actor());
            out.printf("password (shown once): %s%n", issued.password());
          });
    }
  }

  @Command(name = "password", description = "Give a user a new generated password, shown once.")
  static final class Password implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Database database = new Database();

    @Parameters(index = "0", description = "The user name")
    String name;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      return reported(
          spec,
          () -> {
            Accounts.Issued issued = database.open().resetPassword(name, "cli");
            out.printf(
                "new password of %s (shown once): %s%n", issued.user().name(), issued.password());
          });
    }
  }

  @Command(
      name = "online",
      description = "Allow or forbid a trainee or instructor to start online runs.")
  static final class Online implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Database database = new Database();

    @Parameters(index = "0", description = "The user name")
    String name;

    @ArgGroup(multiplicity = "1")
    Choice choice;

    static final class Choice {
      @Option(names = "--allow", required = true, description = "May start online runs")
      boolean allow;

      @Option(names = "--deny", required = true, description = "May not start online runs")
      boolean deny;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      return reported(
          spec,
          () -> {
            User user = database.open().setOnline(name, choice.allow, "cli");
            out.printf(
                "%s %s start online runs%n", user.actor(), user.online() ? "may" : "may not");
          });
    }
  }

  @Command(name = "list", description = "List the users.")
  static final class ListUsers implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Database database = new Database();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      return reported(
          spec,
          () -> {
            for (User user : database.open().all()) {
              out.printf(
                  "%s%s%s%n",
                  user.actor(),
                  user.online() ? " [online]" : "",
                  user.disabled() ? " [disabled]" : "");
            }
          });
    }
  }
}
