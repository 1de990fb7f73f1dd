package dev.enshu.orchestrator.cli;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine.Option;

/**
 * Where a server's data is, for commands that work on it directly; the defaults are the server's.
 */
class DatabaseOptions {
  @Option(
      names = "--data-dir",
      defaultValue = "./data",
      description = "Where the embedded database lives (default ${DEFAULT-VALUE})")
  String dataDir;

  @Option(names = "--database-url", description = "A JDBC URL instead (e.g. PostgreSQL)")
  String url;

  @Option(names = "--database-user", defaultValue = "enshu", description = "(default enshu)")
  String user;

  @Option(names = "--database-password", defaultValue = "", description = "(default empty)")
  String password;

  /**
   * The database; with {@code mustExist} an embedded one that is not there is an error rather than
   * a new empty database.
   */
  DataSource dataSource(boolean mustExist) {
    return new DriverManagerDataSource(
        url != null
            ? url
            : "jdbc:h2:file:"
                + Path.of(dataDir).toAbsolutePath().resolve("enshu")
                + ";AUTO_SERVER=FALSE;WRITE_DELAY=0"
                + (mustExist ? ";IFEXISTS=TRUE" : ""),
        user,
        password);
  }

  /** Where the database is, as a user named it. */
  String describe() {
    return url != null ? url : Path.of(dataDir).resolve("enshu.mv.db").toString();
  }

  /** The command's output is its own, not the migrations' progress. */
  static void quietMigrations() {
    if (org.slf4j.LoggerFactory.getLogger("org.flywaydb")
        instanceof ch.qos.logback.classic.Logger flyway) {
      flyway.setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }

  /** Whether {@code e} says the embedded database is locked by another process (H2 90020). */
  static boolean inUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.toString() : m.lines().findFirst().orElse(m);
  }
}
