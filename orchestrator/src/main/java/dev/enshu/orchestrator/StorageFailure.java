package dev.enshu.orchestrator;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an exception says the database cannot store anything now — its disk is full, it is
 * read-only, it cannot be reached, or the embedded database closed itself after a failed write —
 * rather than that a request was wrong. Such a failure is the server's state, not the caller's: it
 * answers 503 with the reason, and the connections are renewed so that the database is opened again
 * once it can write (H2 reopens from its last committed state; nothing committed before is lost).
 *
 * @param kind what the database cannot do, as far as its words tell
 * @param words the database's own words, their first line
 */
public record StorageFailure(Kind kind, String words) {
  /** H2: general error (a failed file write), IO exception, database closed, read only. */
  private static final Set<Integer> H2_CODES = Set.of(50000, 90028, 90098, 90097, 90121);

  /**
   * PostgreSQL: disk full, out of memory, read-only transaction, insufficient resources; the server
   * shut down, crashed (as it does when its disk is too full to write its log) or still starting.
   */
  private static final Set<String> SQL_STATES =
      Set.of("53100", "53200", "25006", "53000", "57P01", "57P02", "57P03");

  /** What the database cannot do, and what an operator does about it. */
  public enum Kind {
    DISK_FULL("disk-full", "its disk is full", "free space on its disk"),
    READ_ONLY("read-only", "it is read-only", "make it writable again"),
    UNREACHABLE("unreachable", "it cannot be reached", "start it or mend the way to it"),
    CANNOT_WRITE(
        "cannot-write", "it cannot write", "free space on its disk or make it writable again");

    private final String id;
    private final String state;
    private final String remedy;

    Kind(String id, String state, String remedy) {
      this.id = id;
      this.state = state;
      this.remedy = remedy;
    }

    /** The reason's name in a problem detail: {@code disk-full}, {@code read-only}. */
    public String id() {
      return id;
    }

    /** The database's state in a sentence: "its disk is full". */
    String state() {
      return state;
    }

    /** What brings it back: "free space on its disk". */
    String remedy() {
      return remedy;
    }
  }

  /** The failure when {@code e} is a storage failure. */
  public static Optional<StorageFailure> of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && (SQL_STATES.contains(sql.getSQLState())
              || unreachable(sql)
              || (H2_CODES.contains(sql.getErrorCode()) && isH2(sql)))) {
        String message = sql.getMessage() == null ? sql.toString() : sql.getMessage();
        return Optional.of(
            new StorageFailure(kind(e), message.lines().findFirst().orElse(message)));
      }
    }
    return Optional.empty();
  }

  /** What a 503 says: the state, the database's words, what brings it back. */
  public String detail() {
    return "the database cannot store anything now: "
        + kind.state()
        + " ("
        + words
        + "); "
        + kind.remedy()
        + ". What was stored before is kept, and the server takes requests again once the"
        + " database can write";
  }

  /**
   * Told by the SQL state where the database gives one (PostgreSQL), else by the words of the
   * operating system or of H2 anywhere in the causes: H2 reports a failed file write as a general
   * error whose cause carries the system's message.
   */
  private static Kind kind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String state = t instanceof SQLException sql ? sql.getSQLState() : null;
      String message = String.valueOf(t.getMessage());
      if ("53100".equals(state) || message.contains("No space left on device")) {
        return Kind.DISK_FULL;
      }
      if ("25006".equals(state)
          || (t instanceof SQLException sql && sql.getErrorCode() == 90097 && isH2(sql))
          || message.contains("Read-only file system")) {
        return Kind.READ_ONLY;
      }
    }
    return unreachable(e) ? Kind.UNREACHABLE : Kind.CANNOT_WRITE;
  }

  /** A connection refused or lost (SQL state class 08), or a server not taking connections. */
  private static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && !isH2(sql)
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isH2(SQLException sql) {
    return sql.getClass().getName().startsWith("org.h2.");
  }
}
