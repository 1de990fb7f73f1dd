package dev.enshu.orchestrator.backup;

import dev.enshu.orchestrator.EnshuException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Restores a backup into an empty database: every file is checked against the manifest before the
 * database is touched; the schema is made at the backup's version, the rows go in in one
 * transaction, then the newer migrations of this Enshu run over them, as they would on a server
 * upgraded in place. It refuses a running server's database, a database that already holds data,
 * and a backup from a newer Enshu; nothing already stored is changed by a refusal.
 */
public final class Restore {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int BATCH = 500;
  private static final java.util.regex.Pattern TABLE_NAME =
      java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final java.util.regex.Pattern SAFE_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}");

  private final DataSource data;
  private final Path recordings;

  /**
   * @param data the database to restore into
   * @param recordings the recordings directory of the server that will use it
   */
  public Restore(DataSource data, Path recordings) {
    this.data = data;
    this.recordings = recordings;
  }

  /** Restores the backup in {@code dir}; returns its manifest. */
  public Manifest from(Path dir) {
    Manifest manifest = Manifest.read(dir);
    try {
      verify(dir, manifest);
      checkRecordingsFree(manifest);
      try (Connection connection = open()) {
        DatabaseLease.takeForRestore(connection);
        MigrationVersion backed = MigrationVersion.fromVersion(manifest.schemaVersion());
        MigrationInfo[] known = flyway(null).info().all();
        MigrationVersion newest = known[known.length - 1].getVersion();
        if (backed.isNewerThan(newest.getVersion())) {
          throw new EnshuException(
              EnshuException.Status.BAD_REQUEST,
              dir.resolve(Manifest.FILE)
                  + ": the backup has schema version "
                  + backed
                  + ", newer than this Enshu's "
                  + newest
                  + ": restore it with the Enshu that made it, or a newer one");
        }
        requireEmpty(connection);
        flyway(backed).migrate();
        List<String> present = Columns.tables(connection);
        for (String table : manifest.tables().keySet()) {
          if (!present.contains(table)) {
            throw new EnshuException(
                EnshuException.Status.BAD_REQUEST,
                dir.resolve(Manifest.FILE)
                    + ": table "
                    + table
                    + " is not in the schema of version "
                    + backed);
          }
        }
        insert(connection, dir, manifest);
        flyway(null).migrate();
      }
      copyRecordings(dir, manifest);
      return manifest;
    } catch (IOException | SQLException e) {
      throw new EnshuException(
          EnshuException.Status.INTERNAL, "cannot restore " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A connection to the database; one that another process holds is refused with the reason. */
  private Connection open() throws SQLException {
    try {
      return data.getConnection();
    } catch (SQLException e) {
      // H2: "Database may be already in use" (the embedded file is locked by a running server)
      if (e.getErrorCode() == 90020) {
        throw new EnshuException(
            EnshuException.Status.CONFLICT,
            "the database is in use by another process (a running server?): stop it before"
                + " restoring; nothing was changed",
            e);
      }
      throw e;
    }
  }

  private Flyway flyway(MigrationVersion target) {
    var config = Flyway.configure().dataSource(data).locations("classpath:db/migration");
    return (target == null ? config : config.target(target)).load();
  }

  private static void verify(Path dir, Manifest manifest) throws IOException {
    for (Map.Entry<String, Manifest.Part> table : manifest.tables().entrySet()) {
      if (!TABLE_NAME.matcher(table.getKey()).matches()) {
        throw new EnshuException(
            EnshuException.Status.BAD_REQUEST,
            dir.resolve(Manifest.FILE) + ": " + table.getKey() + " is not a table name");
      }
      Path file = dir.resolve("tables").resolve(table.getKey() + ".jsonl");
      long lines;
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        lines = in.lines().count();
      } catch (java.nio.file.NoSuchFileException e) {
        throw missing(file);
      }
      if (lines != table.getValue().count()) {
        throw damaged(file, table.getValue().count() + " rows", lines + " lines");
      }
      check(file, table.getValue());
    }
    for (Map.Entry<String, Manifest.Part> recording : manifest.recordings().entrySet()) {
      if (!SAFE_NAME.matcher(recording.getKey()).matches()) {
        throw new EnshuException(
            EnshuException.Status.BAD_REQUEST,
            dir.resolve(Manifest.FILE)
                + ": recording name "
                + recording.getKey()
                + " is not a file name of this directory");
      }
      check(dir.resolve("recordings").resolve(recording.getKey()), recording.getValue());
    }
  }

  private static void check(Path file, Manifest.Part part) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw missing(file);
    }
    MessageDigest digest = Backup.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    String found = HexFormat.of().formatHex(digest.digest());
    if (!found.equals(part.sha256())) {
      throw damaged(file, "SHA-256 " + part.sha256(), found);
    }
  }

  private static EnshuException missing(Path file) {
    return new EnshuException(
        EnshuException.Status.BAD_REQUEST,
        file + " is named in the manifest but missing: the backup is incomplete");
  }

  private static EnshuException damaged(Path file, String expected, String found) {
    return new EnshuException(
        EnshuException.Status.BAD_REQUEST,
        file + " is not the file backed up: the manifest says " + expected + ", found " + found);
  }

  private void checkRecordingsFree(Manifest manifest) {
    for (String name : manifest.recordings().keySet()) {
      if (Files.exists(recordings.resolve(name))) {
        throw new EnshuException(
            EnshuException.Status.CONFLICT,
            recordings.resolve(name)
                + " exists already: restore into a server with no recordings of its own");
      }
    }
  }

  private static void requireEmpty(Connection connection) throws SQLException {
    List<String> holding = new ArrayList<>();
    for (String table : Columns.tables(connection)) {
      try (Statement count = connection.createStatement();
          var result = count.executeQuery("SELECT COUNT(*) FROM " + table)) {
        result.next();
        long rows = result.getLong(1);
        if (rows > 0) {
          holding.add(table + " (" + rows + " rows)");
        }
      }
    }
    if (!holding.isEmpty()) {
      throw new EnshuException(
          EnshuException.Status.CONFLICT,
          "the database already holds data in "
              + String.join(", ", holding)
              + ": restore into an empty database (a new --data-dir, or a new PostgreSQL"
              + " database); nothing was changed");
    }
  }

  private static void insert(Connection connection, Path dir, Manifest manifest)
      throws SQLException, IOException {
    connection.setAutoCommit(false);
    try {
      for (String table : manifest.tables().keySet()) {
        insertTable(connection, table, dir.resolve("tables").resolve(table + ".jsonl"));
      }
      connection.commit();
    } catch (SQLException | IOException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  private static void insertTable(Connection connection, String table, Path file)
      throws SQLException, IOException {
    List<Columns.Column> columns = Columns.of(connection, table);
    String insert =
        "INSERT INTO "
            + table
            + " ("
            + columns.stream().map(Columns.Column::name).collect(Collectors.joining(", "))
            + ") VALUES ("
            + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
            + ")";
    try (PreparedStatement statement = connection.prepareStatement(insert);
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int line = 0;
      int batched = 0;
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        line++;
        try {
          JsonNode row = JSON.readTree(text);
          for (int i = 0; i < columns.size(); i++) {
            Columns.write(statement, i + 1, columns.get(i), row.get(columns.get(i).name()));
          }
        } catch (JacksonException | IllegalArgumentException e) {
          throw new EnshuException(
              EnshuException.Status.BAD_REQUEST,
              file + " line " + line + ": " + e.getMessage() + "; nothing was restored");
        }
        statement.addBatch();
        if (++batched == BATCH) {
          statement.executeBatch();
          batched = 0;
        }
      }
      statement.executeBatch();
    }
    for (Columns.Column column : columns) {
      if (column.identity()) {
        restartIdentity(connection, table, column.name());
      }
    }
  }

  /** Makes the next generated value of an identity column follow the rows restored. */
  private static void restartIdentity(Connection connection, String table, String column)
      throws SQLException {
    long next;
    try (Statement max = connection.createStatement();
        var result = max.executeQuery("SELECT COALESCE(MAX(" + column + "), 0) FROM " + table)) {
      result.next();
      next = result.getLong(1) + 1;
    }
    try (Statement restart = connection.createStatement()) {
      restart.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + next);
    }
  }

  private void copyRecordings(Path dir, Manifest manifest) throws IOException {
    if (manifest.recordings().isEmpty()) {
      return;
    }
    Files.createDirectories(recordings);
    for (String name : manifest.recordings().keySet()) {
      Backup.copy(dir.resolve("recordings").resolve(name), recordings.resolve(name));
    }
  }
}
