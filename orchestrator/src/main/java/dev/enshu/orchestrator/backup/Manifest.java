package dev.enshu.orchestrator.backup;

import dev.enshu.orchestrator.EnshuException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a backup holds: {@code manifest.json} in its directory, written after every other file, so a
 * directory without one is an incomplete backup.
 *
 * @param format the layout of the directory ({@link #FORMAT})
 * @param createdAt when the backup was taken (ISO-8601)
 * @param schemaVersion the Flyway schema version of the database backed up
 * @param database the database product it came from (H2, PostgreSQL)
 * @param tables per table: its file under {@code tables/}, rows and digest
 * @param recordings per recording file under {@code recordings/}: its size and digest
 */
public record Manifest(
    int format,
    String createdAt,
    String schemaVersion,
    String database,
    Map<String, Part> tables,
    Map<String, Part> recordings) {
  static final int FORMAT = 1;
  static final String FILE = "manifest.json";
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public Manifest {
    tables = tables == null ? null : Map.copyOf(tables);
    recordings = recordings == null ? Map.of() : Map.copyOf(recordings);
  }

  /**
   * One file of the backup.
   *
   * @param count rows of a table, bytes of a recording
   * @param sha256 the file's SHA-256, hex
   */
  public record Part(long count, String sha256) {}

  void write(Path dir) throws IOException {
    // sorted keys: two backups of the same data differ only in createdAt
    Files.writeString(
        dir.resolve(FILE),
        JSON.writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .writeValueAsString(this));
  }

  static Manifest read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new EnshuException(
          EnshuException.Status.BAD_REQUEST,
          "no " + FILE + " in " + dir + ": not a backup, or one that did not finish");
    }
    Manifest manifest;
    try {
      manifest = JSON.readValue(file.toFile(), Manifest.class);
    } catch (JacksonException e) {
      throw new EnshuException(
          EnshuException.Status.BAD_REQUEST,
          file + " line " + line(e) + ": not a backup manifest (" + e.getOriginalMessage() + ")");
    }
    if (manifest.format() != FORMAT) {
      throw new EnshuException(
          EnshuException.Status.BAD_REQUEST,
          file + ": field format is " + manifest.format() + ", this Enshu reads " + FORMAT);
    }
    if (manifest.schemaVersion() == null || manifest.tables() == null) {
      throw new EnshuException(
          EnshuException.Status.BAD_REQUEST,
          file + ": fields schemaVersion and tables are required");
    }
    return manifest;
  }

  private static int line(JacksonException e) {
    return e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
  }
}
