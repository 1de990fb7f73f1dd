package dev.enshu.orchestrator.access;

import dev.enshu.orchestrator.EnshuException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Users and their password hashes in the database (table {@code app_user}). Thread-safe. */
public final class UserStore {
  private final JdbcClient jdbc;

  public UserStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new user; CONFLICT when the name is taken. */
  public void create(User user, String passwordHash) {
    try {
      jdbc.sql(
              "INSERT INTO app_user (name, password_hash, role, exercise_id, team, venues,"
                  + " created_at, online_training)"
                  + " VALUES (:name, :hash, :role, :exercise, :team, :venues, :created, :online)")
          .param("name", user.name())
          .param("hash", passwordHash)
          .param("role", user.role().name())
          .param("exercise", user.exercise())
          .param("team", user.team())
          .param("venues", String.join("\n", new TreeSet<>(user.venues())))
          .param("created", Timestamp.from(user.createdAt()))
          .param("online", user.online())
          .update();
    } catch (DuplicateKeyException e) {
      throw new EnshuException(
          EnshuException.Status.CONFLICT, "a user named '" + user.name() + "' already exists");
    }
  }

  public Optional<User> find(String name) {
    return jdbc.sql("SELECT * FROM app_user WHERE name = :name")
        .param("name", name)
        .query(UserStore::user)
        .optional();
  }

  /** The stored hash of a user's password, for authentication only. */
  Optional<String> passwordHash(String name) {
    return jdbc.sql("SELECT password_hash FROM app_user WHERE name = :name")
        .param("name", name)
        .query(String.class)
        .optional();
  }

  public List<User> all() {
    return jdbc.sql("SELECT * FROM app_user ORDER BY name").query(UserStore::user).list();
  }

  /** Whether an enabled instructor exists. */
  public boolean hasInstructor() {
    return jdbc.sql(
                "SELECT COUNT(*) FROM app_user WHERE role = 'INSTRUCTOR' AND disabled_at IS NULL")
            .query(Long.class)
            .single()
        > 0;
  }

  /** Replaces a user's password hash; false when there is no such user. */
  public boolean setPasswordHash(String name, String passwordHash) {
    return jdbc.sql("UPDATE app_user SET password_hash = :hash WHERE name = :name")
            .param("hash", passwordHash)
            .param("name", name)
            .update()
        > 0;
  }

  /** Allows or forbids a user to start online runs; false when there is no such user. */
  public boolean setOnline(String name, boolean online) {
    return jdbc.sql("UPDATE app_user SET online_training = :online WHERE name = :name")
            .param("online", online)
            .param("name", name)
            .update()
        > 0;
  }

  /** Removes a user; false when there was no such user. */
  public boolean delete(String name) {
    return jdbc.sql("DELETE FROM app_user WHERE name = :name").param("name", name).update() > 0;
  }

  private static User user(ResultSet row, int n) throws SQLException {
    String venues = row.getString("venues");
    return new User(
        row.getString("name"),
        Actor.Role.valueOf(row.getString("role").toUpperCase(Locale.ROOT)),
        row.getString("exercise_id"),
        row.getInt("team"),
        venues == null || venues.isEmpty()
            ? null
            : new LinkedHashSet<>(Arrays.asList(venues.split("\n"))),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("disabled_at") != null,
        row.getBoolean("online_training"));
  }
}
