package dev.enshu.orchestrator.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only journal, stored in the database. Appending is thread-safe; listeners get every
 * stored event, in order per thread that appends, after it is committed.
 *
 * <p>Each event is stored with its hash in the exercise's chain ({@link JournalChain}). Appends to
 * one exercise are serialised by a lock in this process, so that each reads the head the one before
 * it wrote: one server owns the database (the embedded H2 is open by one process anyway; with
 * PostgreSQL, a second server or an {@code enshu users} command writing the same exercise at the
 * same moment could fork the chain, which verifying the export then reports).
 */
@Component
public class Journal {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final List<Consumer<JournalEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Object> chainLocks = new ConcurrentHashMap<>();

  /**
   * Each exercise's chain head as last stored by this process, read from the database the first
   * time (reading it on every append made appending ten times slower on a long journal).
   */
  private final Map<String, String> heads = new ConcurrentHashMap<>();

  public Journal(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A journal in a fresh in-memory database with the schema migrated, for benchmarks and tests that
   * run without the server.
   */
  public static Journal inMemory(String name) {
    org.h2.jdbcx.JdbcDataSource data = new org.h2.jdbcx.JdbcDataSource();
    data.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    org.flywaydb.core.Flyway.configure()
        .dataSource(data)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return new Journal(JdbcClient.create(data));
  }

  /** Stores {@code event} and returns it with its sequence number. */
  public JournalEvent append(JournalEvent event) {
    return insert(event).orElseThrow();
  }

  /**
   * Stores an event that carries a once-key, unless one with that key is already stored: then it
   * returns empty and stores nothing. Safe against concurrent callers and restarts.
   */
  public Optional<JournalEvent> appendOnce(JournalEvent event) {
    if (event.onceKey() == null) {
      throw new IllegalArgumentException(
          "appendOnce needs an event with a once-key: " + event.type());
    }
    return insert(event);
  }

  private Optional<JournalEvent> insert(JournalEvent given) {
    // the database keeps microseconds: hash the time as it will be read back
    JournalEvent event = given.stored(0);
    String payload = JSON.writeValueAsString(event.data());
    KeyHolder key = new GeneratedKeyHolder();
    synchronized (chainLocks.computeIfAbsent(event.exerciseId(), k -> new Object())) {
      // a refused duplicate or a failed insert leaves the head where it was
      String hash =
          JournalChain.hash(heads.computeIfAbsent(event.exerciseId(), this::head), event, payload);
      try {
        jdbc.sql(
                "INSERT INTO journal (exercise_id, team, at_time, type, actor, once_key, payload,"
                    + " hash) VALUES (:exercise, :team, :at, :type, :actor, :once, :payload,"
                    + " :hash)")
            .param("exercise", event.exerciseId())
            .param("team", event.team())
            .param("at", Timestamp.from(event.at()))
            .param("type", event.type())
            .param("actor", event.actor())
            .param("once", event.onceKey())
            .param("payload", payload)
            .param("hash", hash)
            .update(key, "seq");
        heads.put(event.exerciseId(), hash);
      } catch (DuplicateKeyException e) {
        return Optional.empty();
      } catch (RuntimeException e) {
        // whether it was stored is unknown: ask the database next time
        heads.remove(event.exerciseId());
        throw e;
      }
    }
    JournalEvent stored = event.stored(key.getKey().longValue());
    for (Consumer<JournalEvent> listener : listeners) {
      try {
        listener.accept(stored);
      } catch (RuntimeException e) {
        // a broken listener (a closed live feed) must not lose the event for the others
      }
    }
    return Optional.of(stored);
  }

  /**
   * Events of an exercise (one team's and the exercise-wide ones, or all), after {@code afterSeq}.
   */
  public List<JournalEvent> read(String exerciseId, Integer team, long afterSeq) {
    String sql =
        "SELECT * FROM journal WHERE exercise_id = :exercise AND seq > :after"
            + (team == null ? "" : " AND (team = :team OR team IS NULL)")
            + " ORDER BY seq";
    var statement = jdbc.sql(sql).param("exercise", exerciseId).param("after", afterSeq);
    if (team != null) {
      statement = statement.param("team", team);
    }
    return statement.query(Journal::map).list();
  }

  /** The sequence number of the exercise's last event; 0 when it has none. */
  public long lastSeq(String exerciseId) {
    return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE exercise_id = :exercise")
        .param("exercise", exerciseId)
        .query(Long.class)
        .single();
  }

  /** Events of one type for one team, in order. */
  public List<JournalEvent> read(String exerciseId, int team, String type) {
    return jdbc.sql(
            "SELECT * FROM journal WHERE exercise_id = :exercise AND team = :team AND type = :type ORDER BY seq")
        .param("exercise", exerciseId)
        .param("team", team)
        .param("type", type)
        .query(Journal::map)
        .list();
  }

  /** Whether an event with this once-key is stored. */
  public boolean has(String exerciseId, String onceKey) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM journal WHERE exercise_id = :exercise AND once_key = :once")
            .param("exercise", exerciseId)
            .param("once", onceKey)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The hash of the exercise's last hashed event: where its next event joins the chain. */
  private String head(String exerciseId) {
    return jdbc.sql(
            "SELECT hash FROM journal WHERE exercise_id = :exercise AND hash IS NOT NULL"
                + " ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")
        .param("exercise", exerciseId)
        .query(String.class)
        .optional()
        .orElse(JournalChain.START);
  }

  /**
   * Writes the exercise's journal as JSON Lines, one event a line, in order, each with its hash;
   * {@code ./enshu journal verify} checks the chain.
   */
  public void export(String exerciseId, Writer out) {
    export(exerciseId, event -> true, out);
  }

  /**
   * Writes the events of the exercise that {@code visible} lets through as JSON Lines. Hashes are
   * written only when it lets every event through: the hashes around a hidden event would let a
   * reader test guesses of its content (a drawn answer, a check result), and a filtered export is
   * no chain to verify anyway.
   */
  public void export(String exerciseId, Predicate<JournalEvent> visible, Writer out) {
    record Hashed(JournalEvent event, String hash) {}
    List<Hashed> events =
        jdbc.sql("SELECT * FROM journal WHERE exercise_id = :exercise ORDER BY seq")
            .param("exercise", exerciseId)
            .query((row, n) -> new Hashed(map(row, n), row.getString("hash")))
            .list();
    List<Hashed> shown = events.stream().filter(e -> visible.test(e.event())).toList();
    boolean whole = shown.size() == events.size();
    try {
      for (Hashed e : shown) {
        out.write(JournalChain.line(e.event(), whole ? e.hash() : null));
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Calls {@code listener} with every event stored from now on; returns how to stop. */
  public Runnable subscribe(Consumer<JournalEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private static JournalEvent map(ResultSet row, int n) throws SQLException {
    // getObject, not getInt and wasNull: wasNull answers for the column read last
    Integer team = row.getObject("team", Integer.class);
    return new JournalEvent(
        row.getLong("seq"),
        row.getString("exercise_id"),
        team,
        row.getTimestamp("at_time").toInstant(),
        row.getString("type"),
        row.getString("actor"),
        row.getString("once_key"),
        JSON.readValue(row.getString("payload"), MAP));
  }
}
