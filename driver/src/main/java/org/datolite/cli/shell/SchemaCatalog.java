package org.datolite.cli.shell;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.datolite.error.SqlState;

/**
 * What the shell asks {@link DatabaseMetaData} for: the tables of schema {@code PUBLIC} (or a
 * named one), and a table's columns with their declared types, nullability and keys. Metadata
 * is answered from the schema, never by reading data, so these calls are cheap.
 */
public final class SchemaCatalog {
  /** The schema of entity and child tables, the one unqualified names resolve in. */
  public static final String DEFAULT_SCHEMA = "PUBLIC";

  private final Connection conn;

  public SchemaCatalog(Connection conn) {
    this.conn = conn;
  }

  /** A table: its schema, name and JDBC type ({@code TABLE}, {@code VIEW}, {@code SYSTEM TABLE}). */
  public record Table(String schema, String name, String type) {}

  /** A column as {@code !describe} shows it. */
  public record Column(String name, String type, boolean nullable, String defaultValue, String key) {}

  /** The tables of a schema (every schema for null), ordered by schema and name. */
  public List<Table> tables(String schema) throws SQLException {
    List<Table> out = new ArrayList<>();
    try (ResultSet rs = conn.getMetaData().getTables(null, schema, "%", null)) {
      while (rs.next()) {
        out.add(new Table(rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE")));
      }
    }
    return out;
  }

  /** The column names of every table in a schema, by table name. */
  public Map<String, List<String>> columnNames(String schema) throws SQLException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (ResultSet rs = conn.getMetaData().getColumns(null, schema, "%", "%")) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getString("TABLE_NAME"), t -> new ArrayList<>()).add(rs.getString("COLUMN_NAME"));
      }
    }
    return out;
  }

  /**
   * The columns of a table named {@code TABLE} or {@code SCHEMA.TABLE} (in {@code PUBLIC} unless
   * qualified; names match ignoring case), in order.
   *
   * @throws ShellException {@code 42P01} if there is no such table
   */
  public List<Column> describe(String qualifiedName) throws SQLException {
    String name = qualifiedName.strip();
    String schema = DEFAULT_SCHEMA;
    int dot = name.indexOf('.');
    if (dot >= 0) {
      schema = name.substring(0, dot);
      name = name.substring(dot + 1);
    }
    name = unquote(name);
    schema = unquote(schema);
    DatabaseMetaData md = conn.getMetaData();
    String escape = md.getSearchStringEscape();
    List<String[]> found = new ArrayList<>(); // name, type, nullable, default
    String actualSchema = schema;
    String actualTable = name;
    try (ResultSet rs = md.getColumns(null, pattern(schema, escape), pattern(name, escape), "%")) {
      while (rs.next()) {
        actualSchema = rs.getString("TABLE_SCHEM");
        actualTable = rs.getString("TABLE_NAME");
        found.add(new String[] {rs.getString("COLUMN_NAME"), typeOf(rs), rs.getString("IS_NULLABLE"),
            rs.getString("COLUMN_DEF")});
      }
    }
    List<Column> out = new ArrayList<>();
    Map<String, String> keys = found.isEmpty() ? Map.of() : keys(md, actualSchema, actualTable);
    for (String[] c : found) {
      out.add(new Column(c[0], c[1], !"NO".equals(c[2]), c[3], keys.get(c[0])));
    }
    if (out.isEmpty()) {
      throw new ShellException(SqlState.UNDEFINED_TABLE, "table \"" + qualifiedName.strip() + "\" not found; !tables lists"
          + " the tables");
    }
    return out;
  }

  private static String typeOf(ResultSet column) throws SQLException {
    String type = column.getString("TYPE_NAME");
    int size = column.getInt("COLUMN_SIZE");
    boolean sized = !column.wasNull() && size > 0 && size < Integer.MAX_VALUE; // unbounded text has no size
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "VARCHAR", "CHAR", "BINARY", "VARBINARY" -> sized ? type + "(" + size + ")" : type;
      case "DECIMAL", "NUMERIC" -> sized ? type + "(" + size + ", " + column.getInt("DECIMAL_DIGITS") + ")" : type;
      default -> type;
    };
  }

  /** What each column of the table is a key of: primary key, unique, a reference to another table. */
  private static Map<String, String> keys(DatabaseMetaData md, String schema, String table) throws SQLException {
    Map<String, String> keys = new HashMap<>();
    try (ResultSet rs = md.getPrimaryKeys(null, schema, table)) {
      while (rs.next()) {
        keys.merge(rs.getString("COLUMN_NAME"), "PRIMARY KEY", (a, b) -> a + ", " + b);
      }
    }
    try (ResultSet rs = md.getIndexInfo(null, schema, table, true, false)) {
      while (rs.next()) {
        String column = rs.getString("COLUMN_NAME");
        if (column != null && !rs.getBoolean("NON_UNIQUE") && !keys.containsKey(column)
            && !rs.getString("INDEX_NAME").endsWith("_EAVT")) {
          keys.put(column, "UNIQUE");
        }
      }
    }
    try (ResultSet rs = md.getImportedKeys(null, schema, table)) {
      while (rs.next()) {
        keys.merge(rs.getString("FKCOLUMN_NAME"), "REFERENCES " + rs.getString("PKTABLE_NAME") + " ("
            + rs.getString("PKCOLUMN_NAME") + ")", (a, b) -> a + ", " + b);
      }
    }
    return keys;
  }

  /** A name as a metadata pattern that matches only itself ({@code _} and {@code %} escaped). */
  private static String pattern(String name, String escape) {
    return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
  }

  private static String unquote(String name) {
    return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1)
        : name;
  }
}
