package dev.enshu.orchestrator;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an exception says the database cannot store anything now — its disk is full, it is
 * read-only, or the embedded database closed itself after a failed write — rather than that a
 * request was wrong. Such a failure is the server's state, not the caller's: it answers 503 with
 * the reason, and the connections are renewed so that the database is opened again once it can
 * write (H2 reopens from its last committed state; nothing committed before is lost).
 */
final class StorageFailure {
  /** H2: general error (a failed file write), IO exception, database closed, read only. */
  private static final Set<Integer> H2_CODES = Set.of(50000, 90028, 90098, 90097, 90121);

  /** PostgreSQL: disk full, out of memory, read-only transaction, insufficient resources. */
  private static final Set<String> SQL_STATES = Set.of("53100", "53200", "25006", "53000");

  private StorageFailure() {}

  /** The database's own words when {@code e} is a storage failure. */
  static Optional<String> of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && (SQL_STATES.contains(sql.getSQLState())
              || (H2_CODES.contains(sql.getErrorCode()) && isH2(sql)))) {
        String message = sql.getMessage() == null ? sql.toString() : sql.getMessage();
        return Optional.of(message.lines().findFirst().orElse(message));
      }
    }
    return Optional.empty();
  }

  private static boolean isH2(SQLException sql) {
    return sql.getClass().getName().startsWith("org.h2.");
  }
}
