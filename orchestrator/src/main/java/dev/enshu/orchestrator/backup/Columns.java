package dev.enshu.orchestrator.backup;

import dev.enshu.orchestrator.EnshuException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tables of an Enshu database and how their values travel as JSON, the same way on H2 and
 * PostgreSQL: names in lower case (both fold unquoted names), numbers as numbers, booleans as
 * booleans, timestamps with their offset in ISO-8601, text as text. A column of any other type is
 * refused, so a migration that adds one cannot be backed up without saying how.
 */
final class Columns {
  static final String FLYWAY_HISTORY = "flyway_schema_history";

  private Columns() {}

  /** A column of a table. */
  record Column(String name, int jdbcType, String typeName, boolean identity) {
    Kind kind() {
      String type = typeName.toLowerCase(Locale.ROOT);
      return switch (jdbcType) {
        case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Kind.INTEGER;
        case Types.DOUBLE, Types.FLOAT, Types.REAL -> Kind.DOUBLE;
        case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
        case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP;
        // PostgreSQL reports timestamptz as TIMESTAMP; a timestamp without a zone is not ours
        case Types.TIMESTAMP ->
            type.contains("tz") || type.contains("time zone") ? Kind.TIMESTAMP : Kind.UNSUPPORTED;
        case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB, Types.NVARCHAR -> Kind.TEXT;
        default -> Kind.UNSUPPORTED;
      };
    }
  }

  enum Kind {
    INTEGER,
    DOUBLE,
    BOOLEAN,
    TIMESTAMP,
    TEXT,
    UNSUPPORTED
  }

  /** Enshu's tables in the connection's schema, sorted, without Flyway's history. */
  static List<String> tables(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rows =
        connection
            .getMetaData()
            .getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
      while (rows.next()) {
        String name = rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (!name.equals(FLYWAY_HISTORY)) {
          tables.add(name);
        }
      }
    }
    tables.sort(null);
    return tables;
  }

  /** The columns of {@code table} in their order; every one of a kind this class carries. */
  static List<Column> of(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    List<Column> columns = new ArrayList<>();
    try (ResultSet rows = meta.getColumns(null, connection.getSchema(), stored(meta, table), "%")) {
      while (rows.next()) {
        Column column =
            new Column(
                rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                rows.getInt("DATA_TYPE"),
                rows.getString("TYPE_NAME"),
                "YES".equals(rows.getString("IS_AUTOINCREMENT")));
        if (column.kind() == Kind.UNSUPPORTED) {
          throw new EnshuException(
              EnshuException.Status.INTERNAL,
              "column "
                  + table
                  + "."
                  + column.name()
                  + " has type "
                  + column.typeName()
                  + ", which backups do not carry yet");
        }
        columns.add(column);
      }
    }
    if (columns.isEmpty()) {
      throw new EnshuException(
          EnshuException.Status.BAD_REQUEST, "the database has no table " + table);
    }
    return columns;
  }

  /** The primary key's columns of {@code table}, which order its rows in a backup. */
  static List<String> primaryKey(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    List<String> key = new ArrayList<>();
    List<Short> positions = new ArrayList<>();
    try (ResultSet rows = meta.getPrimaryKeys(null, connection.getSchema(), stored(meta, table))) {
      while (rows.next()) {
        key.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        positions.add(rows.getShort("KEY_SEQ"));
      }
    }
    List<String> ordered = new ArrayList<>(key);
    for (int i = 0; i < key.size(); i++) {
      ordered.set(positions.get(i) - 1, key.get(i));
    }
    return ordered;
  }

  /** Puts the value of {@code column} in the current row into {@code row}. */
  static void read(ResultSet rows, Column column, ObjectNode row) throws SQLException {
    String name = column.name();
    switch (column.kind()) {
      case INTEGER -> {
        long value = rows.getLong(name);
        put(row, name, rows.wasNull() ? null : value);
      }
      case DOUBLE -> {
        double value = rows.getDouble(name);
        if (rows.wasNull()) {
          row.putNull(name);
        } else {
          row.put(name, value);
        }
      }
      case BOOLEAN -> {
        boolean value = rows.getBoolean(name);
        if (rows.wasNull()) {
          row.putNull(name);
        } else {
          row.put(name, value);
        }
      }
      case TIMESTAMP -> {
        OffsetDateTime value = rows.getObject(name, OffsetDateTime.class);
        row.put(name, value == null ? null : value.toString());
      }
      case TEXT -> row.put(name, rows.getString(name));
      case UNSUPPORTED -> throw new IllegalStateException("refused in of()");
    }
  }

  private static void put(ObjectNode row, String name, Long value) {
    if (value == null) {
      row.putNull(name);
    } else {
      row.put(name, value.longValue());
    }
  }

  /** Sets parameter {@code index} to the value {@code json} holds for {@code column}. */
  static void write(PreparedStatement insert, int index, Column column, JsonNode json)
      throws SQLException {
    if (json == null || json.isNull()) {
      insert.setNull(index, column.jdbcType());
      return;
    }
    switch (column.kind()) {
      case INTEGER -> insert.setLong(index, expect(json.isIntegralNumber(), column, json).asLong());
      case DOUBLE -> insert.setDouble(index, expect(json.isNumber(), column, json).asDouble());
      case BOOLEAN -> insert.setBoolean(index, expect(json.isBoolean(), column, json).asBoolean());
      case TIMESTAMP -> {
        try {
          insert.setObject(
              index, OffsetDateTime.parse(expect(json.isString(), column, json).asString()));
        } catch (java.time.format.DateTimeParseException e) {
          throw new IllegalArgumentException(
              "field " + column.name() + " is not a timestamp with an offset: " + json);
        }
      }
      case TEXT -> insert.setString(index, expect(json.isString(), column, json).asString());
      case UNSUPPORTED -> throw new IllegalStateException("refused in of()");
    }
  }

  private static JsonNode expect(boolean ok, Column column, JsonNode json) {
    if (!ok) {
      throw new IllegalArgumentException(
          "field "
              + column.name()
              + " should be "
              + column.kind().name().toLowerCase(Locale.ROOT)
              + ", found "
              + json);
    }
    return json;
  }

  /** The name as the database keeps it in its catalogue: H2 upper case, PostgreSQL lower. */
  private static String stored(DatabaseMetaData meta, String name) throws SQLException {
    return meta.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
  }
}
