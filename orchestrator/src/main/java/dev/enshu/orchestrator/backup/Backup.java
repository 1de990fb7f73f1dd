package dev.enshu.orchestrator.backup;

import dev.enshu.orchestrator.EnshuException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes a backup: every table in one read transaction (on PostgreSQL a consistent snapshot, taken
 * beside a running server), then the recordings, then the manifest.
 */
public final class Backup {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final DataSource data;
  private final Path recordings;
  private final Clock clock;

  /**
   * @param data the server's database
   * @param recordings the server's recordings directory (may not exist: no recordings)
   */
  public Backup(DataSource data, Path recordings, Clock clock) {
    this.data = data;
    this.recordings = recordings;
    this.clock = clock;
  }

  /** Writes a backup into {@code dir}, which must be new or empty; returns what it holds. */
  public Manifest to(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> inside = Files.list(dir)) {
          if (inside.findAny().isPresent()) {
            throw new EnshuException(
                EnshuException.Status.CONFLICT,
                dir + " already holds files: back up into a new or empty directory");
          }
        }
      }
      MigrationInfo version = schemaVersion(data);
      Files.createDirectories(dir.resolve("tables"));
      Map<String, Manifest.Part> tables = new LinkedHashMap<>();
      String product;
      try (Connection connection = data.getConnection()) {
        product = connection.getMetaData().getDatabaseProductName();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        for (String table : Columns.tables(connection)) {
          tables.put(table, table(connection, table, dir.resolve("tables/" + table + ".jsonl")));
        }
        connection.commit();
      }
      Manifest manifest =
          new Manifest(
              Manifest.FORMAT,
              clock.instant().toString(),
              version.getVersion().getVersion(),
              product,
              tables,
              recordings(dir.resolve("recordings")));
      manifest.write(dir);
      return manifest;
    } catch (IOException | SQLException e) {
      throw new EnshuException(
          EnshuException.Status.INTERNAL, "cannot back up into " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The newest migration applied to {@code data}; none: it is not an Enshu database. */
  static MigrationInfo schemaVersion(DataSource data) {
    MigrationInfo current =
        Flyway.configure()
            .dataSource(data)
            .locations("classpath:db/migration")
            .load()
            .info()
            .current();
    if (current == null || current.getVersion() == null) {
      throw new EnshuException(
          EnshuException.Status.BAD_REQUEST,
          "the database holds no Enshu schema: nothing to back up");
    }
    return current;
  }

  private static Manifest.Part table(Connection connection, String table, Path file)
      throws SQLException, IOException {
    List<Columns.Column> columns = Columns.of(connection, table);
    List<String> key = Columns.primaryKey(connection, table);
    String select =
        "SELECT "
            + columns.stream().map(Columns.Column::name).collect(Collectors.joining(", "))
            + " FROM "
            + table
            + (key.isEmpty() ? "" : " ORDER BY " + String.join(", ", key));
    MessageDigest digest = sha256();
    long count = 0;
    try (PreparedStatement query = connection.prepareStatement(select);
        ResultSet rows = query.executeQuery();
        BufferedWriter out =
            new BufferedWriter(
                new OutputStreamWriter(
                    new DigestOutputStream(Files.newOutputStream(file), digest),
                    StandardCharsets.UTF_8))) {
      while (rows.next()) {
        ObjectNode row = JSON.createObjectNode();
        for (Columns.Column column : columns) {
          Columns.read(rows, column, row);
        }
        out.write(JSON.writeValueAsString(row));
        out.write('\n');
        count++;
      }
    }
    return new Manifest.Part(count, HexFormat.of().formatHex(digest.digest()));
  }

  private Map<String, Manifest.Part> recordings(Path into) throws IOException {
    Map<String, Manifest.Part> copied = new LinkedHashMap<>();
    if (!Files.isDirectory(recordings)) {
      return copied;
    }
    Files.createDirectories(into);
    List<Path> files;
    try (Stream<Path> listed = Files.list(recordings)) {
      files = listed.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      copied.put(file.getFileName().toString(), copy(file, into.resolve(file.getFileName())));
    }
    return copied;
  }

  /** Copies {@code from} to {@code to}, returning the size and digest of what was copied. */
  static Manifest.Part copy(Path from, Path to) throws IOException {
    MessageDigest digest = sha256();
    long bytes;
    try (InputStream in = Files.newInputStream(from);
        OutputStream out = new DigestOutputStream(Files.newOutputStream(to), digest)) {
      bytes = in.transferTo(out);
    }
    return new Manifest.Part(bytes, HexFormat.of().formatHex(digest.digest()));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
