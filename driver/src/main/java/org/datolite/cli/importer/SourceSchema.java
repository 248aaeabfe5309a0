package org.datolite.cli.importer;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the tables of one schema of the source database through {@link DatabaseMetaData}:
 * columns with types, sizes and nullability, primary keys, foreign keys ({@code
 * getImportedKeys}) and unique indexes of one column (not partial, not on an expression).
 */
public final class SourceSchema {
  private static final Logger LOG = LoggerFactory.getLogger(SourceSchema.class);

  private final Connection connection;
  private final DatabaseMetaData md;
  private final String schema;

  /**
   * @param schema the schema to read, or null for the connection's own ({@code Connection.getSchema()})
   */
  public SourceSchema(Connection connection, String schema) throws SQLException {
    this.connection = connection;
    this.md = connection.getMetaData();
    this.schema = schema != null ? resolveSchema(schema) : connection.getSchema();
  }

  /** The schema read, as the source spells it (null for a database without schemas). */
  public String schema() {
    return schema;
  }

  /**
   * The tables of the schema, all of them or those {@code wanted} names (each matched as spelled,
   * else ignoring case when that finds one table), in name order.
   *
   * @throws ImportException naming the wanted tables the schema does not have, or two tables whose
   *     names differ only in case (both would become one Datolite table)
   */
  public List<SourceTable> read(List<String> wanted) throws SQLException {
    List<String> all = tableNames();
    List<String> names = new ArrayList<>();
    if (wanted == null || wanted.isEmpty()) {
      names.addAll(all);
    } else {
      List<String> unknown = new ArrayList<>();
      for (String w : new LinkedHashSet<>(wanted)) {
        String n = pick(w.trim(), all);
        if (n == null) {
          unknown.add(w.trim());
        } else if (!names.contains(n)) {
          names.add(n);
        }
      }
      if (!unknown.isEmpty()) {
        throw new ImportException("--tables: no table " + String.join(", ", unknown) + " in schema " + schema
            + " of the source (it has " + (all.isEmpty() ? "none" : String.join(", ", all)) + ")", true);
      }
    }
    checkCase(names);
    List<SourceTable> tables = new ArrayList<>();
    for (String name : names) {
      tables.add(table(name));
    }
    LOG.debug("read {} tables of schema {}", tables.size(), schema);
    return tables;
  }

  /**
   * The names of the schema's tables, in name order: PostgreSQL's partitioned tables included,
   * their partitions left out (a partition's rows are its parent's).
   */
  private List<String> tableNames() throws SQLException {
    boolean postgres = "PostgreSQL".equalsIgnoreCase(md.getDatabaseProductName());
    String[] types = postgres ? new String[] {"TABLE", "PARTITIONED TABLE"} : new String[] {"TABLE"};
    Set<String> names = new TreeSet<>();
    try (ResultSet rs = md.getTables(null, escape(schema), "%", types)) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    if (postgres) {
      names.removeAll(partitions());
    }
    return new ArrayList<>(names);
  }

  /** The names of the PostgreSQL schema's tables that are partitions of another. */
  private Set<String> partitions() throws SQLException {
    Set<String> names = new HashSet<>();
    String sql = "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
        + " ON n.oid = c.relnamespace WHERE c.relispartition AND n.nspname = ?";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  /**
   * The table that {@code wanted} names: the one spelled so, else the one of that name ignoring
   * case; null when there is none.
   *
   * @throws ImportException when several differ from it only in case
   */
  private static String pick(String wanted, List<String> all) {
    if (all.contains(wanted)) {
      return wanted;
    }
    List<String> matches = all.stream().filter(n -> n.equalsIgnoreCase(wanted)).toList();
    if (matches.size() > 1) {
      throw new ImportException("--tables: " + wanted + " matches the tables " + quotedList(matches)
          + "; give one as the source spells it", true);
    }
    return matches.isEmpty() ? null : matches.get(0);
  }

  /** Fails when two of the tables would become one Datolite table (names equal ignoring case). */
  private static void checkCase(List<String> names) {
    Map<String, List<String>> byUpper = new TreeMap<>();
    for (String n : names) {
      byUpper.computeIfAbsent(n.toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(n);
    }
    for (Map.Entry<String, List<String>> e : byUpper.entrySet()) {
      if (e.getValue().size() > 1) {
        throw new ImportException("tables " + quotedList(e.getValue()) + " both become " + e.getKey()
            + "; leave one out with --tables", true);
      }
    }
  }

  private static String quotedList(List<String> names) {
    return String.join(" and ", names.stream().map(n -> "\"" + n + "\"").toList());
  }

  private SourceTable table(String name) throws SQLException {
    List<SourceColumn> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, escape(schema), escape(name), "%")) {
      while (rs.next()) {
        columns.add(new SourceColumn(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
            rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"),
            rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
      }
    }
    Map<Integer, String> pk = new TreeMap<>();
    try (ResultSet rs = md.getPrimaryKeys(null, schema, name)) {
      while (rs.next()) {
        pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    Map<String, List<String[]>> fks = new LinkedHashMap<>();
    try (ResultSet rs = md.getImportedKeys(null, schema, name)) {
      while (rs.next()) {
        String fkName = rs.getString("FK_NAME");
        String key = (fkName != null ? fkName : rs.getString("PKTABLE_NAME")) + "/" + rs.getString("PKTABLE_SCHEM")
            + "/" + rs.getString("PKTABLE_NAME");
        fks.computeIfAbsent(key, k -> new ArrayList<>()).add(new String[] {fkName, rs.getString("FKCOLUMN_NAME"),
            rs.getString("PKTABLE_SCHEM"), rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME"),
            rs.getString("KEY_SEQ")});
      }
    }
    List<ForeignKey> foreignKeys = new ArrayList<>();
    for (List<String[]> parts : fks.values()) {
      parts.sort((a, b) -> Integer.compare(Integer.parseInt(a[5]), Integer.parseInt(b[5])));
      String[] first = parts.get(0);
      foreignKeys.add(new ForeignKey(first[0], parts.stream().map(p -> p[1]).toList(), first[2], first[3],
          parts.stream().map(p -> p[4]).toList()));
    }
    List<String> notes = new ArrayList<>();
    Set<String> unique = uniqueColumns(name, columns, pk, notes);
    return new SourceTable(schema, name, columns, List.copyOf(pk.values()), foreignKeys, unique, notes);
  }

  /**
   * The columns that a unique index of that one column covers (the primary key's left out). A
   * partial index (with a {@code FILTER_CONDITION}) or one on an expression is left out, with a
   * note: neither makes the column's values unique.
   */
  private Set<String> uniqueColumns(String name, List<SourceColumn> columns, Map<Integer, String> pk,
      List<String> notes) throws SQLException {
    Set<String> columnNames = new HashSet<>();
    columns.forEach(c -> columnNames.add(c.name()));
    Map<String, List<String>> indexes = new LinkedHashMap<>();
    Set<String> leftOut = new HashSet<>();
    try (ResultSet rs = md.getIndexInfo(null, schema, name, true, true)) {
      while (rs.next()) {
        String index = rs.getString("INDEX_NAME");
        String column = unquoted(rs.getString("COLUMN_NAME"));
        String filter = rs.getString("FILTER_CONDITION");
        if (rs.getBoolean("NON_UNIQUE") || column == null || index == null) {
          continue;
        }
        if (filter != null && !filter.isBlank() && leftOut.add(index)) {
          notes.add("unique index " + index + " is partial (WHERE " + filter + "): left out");
        } else if (!columnNames.contains(column) && leftOut.add(index)) {
          notes.add("unique index " + index + " is on an expression (" + column + "): left out");
        }
        indexes.computeIfAbsent(index, k -> new ArrayList<>()).add(column);
      }
    } catch (SQLException e) {
      LOG.debug("no index information for {}: {}", name, e.getMessage());
      return Set.of();
    }
    Set<String> unique = new LinkedHashSet<>();
    for (Map.Entry<String, List<String>> e : indexes.entrySet()) {
      List<String> cols = e.getValue();
      if (!leftOut.contains(e.getKey()) && cols.size() == 1 && !(pk.size() == 1 && pk.containsValue(cols.get(0)))) {
        unique.add(cols.get(0));
      }
    }
    return unique;
  }

  /** An index column as the source reports it, without the double quotes PostgreSQL puts round some names. */
  private static String unquoted(String column) {
    if (column != null && column.length() > 1 && column.startsWith("\"") && column.endsWith("\"")) {
      return column.substring(1, column.length() - 1).replace("\"\"", "\"");
    }
    return column;
  }

  /** The schema's name as the source spells it, matched ignoring case. */
  private String resolveSchema(String wanted) throws SQLException {
    List<String> all = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        String s = rs.getString("TABLE_SCHEM");
        all.add(s);
        if (s.equalsIgnoreCase(wanted)) {
          return s;
        }
      }
    }
    if (all.isEmpty()) {
      return wanted;
    }
    throw new ImportException("--schema: no schema " + wanted + " in the source (it has " + String.join(", ", all)
        + ")", true);
  }

  /** A name as a metadata search pattern that matches only itself ({@code _} and {@code %} escaped). */
  private String escape(String name) throws SQLException {
    if (name == null) {
      return null;
    }
    String esc = md.getSearchStringEscape();
    if (esc == null || esc.isEmpty()) {
      return name;
    }
    return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
  }

  /** The source's quoted name of a table ({@code "schema"."table"}), for its SELECT. */
  public String quoted(SourceTable t) throws SQLException {
    return t.schema() == null ? quoted(t.name()) : quoted(t.schema()) + "." + quoted(t.name());
  }

  /** A name quoted as the source quotes identifiers (as it is, when the source quotes none). */
  public String quoted(String name) throws SQLException {
    String q = md.getIdentifierQuoteString();
    if (q == null || q.isBlank()) {
      return name;
    }
    q = q.trim();
    return q + name.replace(q, q + q) + q;
  }

  public Connection connection() {
    return connection;
  }
}
