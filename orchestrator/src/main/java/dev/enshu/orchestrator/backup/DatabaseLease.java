package dev.enshu.orchestrator.backup;

import dev.enshu.orchestrator.EnshuException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * A running server's hold on its database, so that a restore can tell it is there. On PostgreSQL
 * the server keeps a shared advisory lock on a connection of its own for as long as it runs
 * (several servers may share a database); a restore takes the same lock exclusively, which it
 * cannot while a server holds it, and a server cannot start while a restore holds it. On the
 * embedded H2 database the file lock already keeps every other process out, so the lease holds
 * nothing there.
 */
@Component
@DependsOn("flywayInitializer")
public class DatabaseLease implements DisposableBean {
  /** The advisory lock's key: "enshu" in ASCII. */
  static final long KEY = 0x656e736875L;

  private final Connection held;

  DatabaseLease(DataSource data) throws SQLException {
    Connection connection = data.getConnection();
    if (!isPostgres(connection)) {
      connection.close();
      held = null;
      return;
    }
    if (!tryLock(connection, "pg_try_advisory_lock_shared")) {
      connection.close();
      throw new EnshuException(
          EnshuException.Status.CONFLICT,
          "a restore is running on this database; start the server when it has finished");
    }
    held = connection;
  }

  @Override
  public void destroy() throws SQLException {
    if (held != null) {
      held.close();
    }
  }

  static boolean isPostgres(Connection connection) throws SQLException {
    return connection
        .getMetaData()
        .getDatabaseProductName()
        .toLowerCase(Locale.ROOT)
        .contains("postgres");
  }

  /**
   * Takes the exclusive lease for a restore on {@code connection} (released when it closes), or
   * says why not.
   */
  static void takeForRestore(Connection connection) throws SQLException {
    if (isPostgres(connection) && !tryLock(connection, "pg_try_advisory_lock")) {
      throw new EnshuException(
          EnshuException.Status.CONFLICT,
          "a server is running on this database (it holds the Enshu lease): stop it before"
              + " restoring, a restore over a running server would lose what it writes");
    }
  }

  private static boolean tryLock(Connection connection, String function) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?)")) {
      lock.setLong(1, KEY);
      try (ResultSet result = lock.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }
}
