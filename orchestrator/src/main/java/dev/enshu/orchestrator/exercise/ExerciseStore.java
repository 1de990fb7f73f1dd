package dev.enshu.orchestrator.exercise;

import dev.enshu.orchestrator.EnshuException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Exercises, venues and teams in the database. */
@Repository
public class ExerciseStore {
  private final JdbcClient jdbc;

  public ExerciseStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional
  public void create(Exercise exercise) {
    if (find(exercise.id()).isPresent()) {
      throw new EnshuException(
          EnshuException.Status.CONFLICT, "exercise '" + exercise.id() + "' already exists");
    }
    jdbc.sql(
            "INSERT INTO exercise (id, scenario, seed, keyed_draws, mode, provider, speed, state,"
                + " reason, created_at) VALUES (:id, :scenario, :seed, :keyed, :mode, :provider,"
                + " :speed, :state, NULL, :created)")
        .param("id", exercise.id())
        .param("scenario", exercise.scenario())
        .param("seed", exercise.seed())
        .param("keyed", exercise.keyedDraws())
        .param("mode", exercise.mode().name())
        .param("provider", exercise.provider())
        .param("speed", exercise.speed())
        .param("state", exercise.state().name())
        .param("created", Timestamp.from(exercise.createdAt()))
        .update();
    exercise.venues().forEach(v -> addVenue(exercise.id(), v));
    exercise.teams().forEach(t -> addTeam(exercise.id(), t));
  }

  public void addVenue(String exerciseId, Exercise.Venue venue) {
    jdbc.sql("INSERT INTO venue (exercise_id, id, name) VALUES (:e, :id, :name)")
        .param("e", exerciseId)
        .param("id", venue.id())
        .param("name", venue.name())
        .update();
  }

  public void addTeam(String exerciseId, Team team) {
    jdbc.sql(
            "INSERT INTO team (exercise_id, number, name, venue, members, state, paused_millis)"
                + " VALUES (:e, :n, :name, :venue, :members, :state, 0)")
        .param("e", exerciseId)
        .param("n", team.number())
        .param("name", team.name())
        .param("venue", team.venue())
        .param("members", String.join("\n", team.members()))
        .param("state", team.state().name())
        .update();
  }

  public Optional<Exercise> find(String id) {
    return jdbc.sql("SELECT * FROM exercise WHERE id = :id")
        .param("id", id)
        .query(ExerciseStore::row)
        .optional()
        .map(
            row ->
                row.with(
                    jdbc.sql("SELECT * FROM venue WHERE exercise_id = :e ORDER BY id")
                        .param("e", id)
                        .query(ExerciseStore::venue)
                        .list(),
                    jdbc.sql("SELECT * FROM team WHERE exercise_id = :e ORDER BY number")
                        .param("e", id)
                        .query(ExerciseStore::team)
                        .list()));
  }

  public Exercise require(String id) {
    return find(id)
        .orElseThrow(
            () -> new EnshuException(EnshuException.Status.NOT_FOUND, "no exercise '" + id + "'"));
  }

  /**
   * Every exercise, in three queries (exercises, venues, teams) each read to its end before the
   * next: no query waits for a second connection while it holds one, which a busy pool would never
   * give.
   */
  public List<Exercise> all() {
    List<Row> rows =
        jdbc.sql("SELECT * FROM exercise ORDER BY created_at, id").query(ExerciseStore::row).list();
    Map<String, List<Exercise.Venue>> venues =
        byExercise("SELECT * FROM venue ORDER BY exercise_id, id", ExerciseStore::venue);
    Map<String, List<Team>> teams =
        byExercise("SELECT * FROM team ORDER BY exercise_id, number", ExerciseStore::team);
    return rows.stream()
        .map(
            row ->
                row.with(
                    venues.getOrDefault(row.id(), List.of()),
                    teams.getOrDefault(row.id(), List.of())))
        .toList();
  }

  public void setState(String id, State state, String reason) {
    jdbc.sql("UPDATE exercise SET state = :state, reason = :reason WHERE id = :id")
        .param("state", state.name())
        .param("reason", reason)
        .param("id", id)
        .update();
  }

  public void setTeamState(String id, int team, State state, String reason) {
    jdbc.sql(
            "UPDATE team SET state = :state, reason = :reason WHERE exercise_id = :id AND number = :n")
        .param("state", state.name())
        .param("reason", reason)
        .param("id", id)
        .param("n", team)
        .update();
  }

  public void setAddressBlock(String id, int team, String block) {
    jdbc.sql("UPDATE team SET address_block = :block WHERE exercise_id = :id AND number = :n")
        .param("block", block)
        .param("id", id)
        .param("n", team)
        .update();
  }

  public void setClock(
      String id, int team, Instant startedAt, Instant pausedAt, long pausedMillis) {
    jdbc.sql(
            "UPDATE team SET started_at = :started, paused_at = :paused, paused_millis = :ms WHERE exercise_id = :id AND number = :n")
        .param("started", startedAt == null ? null : Timestamp.from(startedAt))
        .param("paused", pausedAt == null ? null : Timestamp.from(pausedAt))
        .param("ms", pausedMillis)
        .param("id", id)
        .param("n", team)
        .update();
  }

  /** Address blocks held by ranges that are not torn down, in any exercise. */
  public List<String> blocksInUse() {
    return jdbc.sql(
            "SELECT address_block FROM team WHERE address_block IS NOT NULL AND state <> 'TORN_DOWN'")
        .query(String.class)
        .list();
  }

  /** The rows of {@code sql}, mapped and grouped by their {@code exercise_id}, in their order. */
  private <T> Map<String, List<T>> byExercise(String sql, RowMapper<T> mapper) {
    Map<String, List<T>> grouped = new HashMap<>();
    jdbc.sql(sql)
        .query(
            (RowCallbackHandler)
                r ->
                    grouped
                        .computeIfAbsent(r.getString("exercise_id"), e -> new ArrayList<>())
                        .add(mapper.mapRow(r, 0)));
    return grouped;
  }

  /** An exercise's own columns, read before its venues and teams are asked for. */
  private record Row(
      String id,
      String scenario,
      long seed,
      boolean keyedDraws,
      Exercise.Mode mode,
      String provider,
      double speed,
      State state,
      String reason,
      Instant createdAt) {
    Exercise with(List<Exercise.Venue> venues, List<Team> teams) {
      return new Exercise(
          id,
          scenario,
          seed,
          keyedDraws,
          mode,
          provider,
          speed,
          state,
          reason,
          createdAt,
          List.copyOf(venues),
          List.copyOf(teams));
    }
  }

  private static Row row(ResultSet row, int n) throws SQLException {
    return new Row(
        row.getString("id"),
        row.getString("scenario"),
        row.getLong("seed"),
        row.getBoolean("keyed_draws"),
        Exercise.Mode.valueOf(row.getString("mode")),
        row.getString("provider"),
        row.getDouble("speed"),
        State.valueOf(row.getString("state")),
        row.getString("reason"),
        row.getTimestamp("created_at").toInstant());
  }

  private static Exercise.Venue venue(ResultSet row, int n) throws SQLException {
    return new Exercise.Venue(row.getString("id"), row.getString("name"));
  }

  private static Team team(ResultSet row, int n) throws SQLException {
    String members = row.getString("members");
    return new Team(
        row.getInt("number"),
        row.getString("name"),
        row.getString("venue"),
        members.isEmpty() ? List.of() : Arrays.asList(members.split("\n")),
        State.valueOf(row.getString("state")),
        row.getString("reason"),
        row.getString("address_block"),
        instant(row.getTimestamp("started_at")),
        instant(row.getTimestamp("paused_at")),
        row.getLong("paused_millis"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
