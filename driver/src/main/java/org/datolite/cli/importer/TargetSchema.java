package org.datolite.cli.importer;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of the target Datolite database: which exist, whether an existing one has the
 * columns an import writes, and the {@code CREATE TABLE} (and {@code ALTER TABLE … FOREIGN KEY})
 * statements that make the missing ones, in Datolite's own DDL so that SQL metadata reads them
 * back as declared.
 */
public final class TargetSchema {
  private static final Logger LOG = LoggerFactory.getLogger(TargetSchema.class);
  private static final String SCHEMA = "PUBLIC";

  private final Connection connection;

  public TargetSchema(Connection connection) {
    this.connection = connection;
  }

  /** The upper-case names of the target's tables. */
  public Set<String> tables() throws SQLException {
    Set<String> names = new HashSet<>();
    try (ResultSet rs = connection.getMetaData().getTables(null, SCHEMA, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT));
      }
    }
    return names;
  }

  /**
   * Checks that each existing table has every column the import writes, of the same type.
   *
   * @throws ImportException naming the first table that does not, and its differences
   */
  public void checkExisting(List<TablePlan> plans) throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    for (TablePlan p : plans) {
      if (!p.exists()) {
        continue;
      }
      Map<String, String> types = new HashMap<>();
      try (ResultSet rs = md.getColumns(null, SCHEMA, pattern(p.targetName(), md.getSearchStringEscape()), "%")) {
        while (rs.next()) {
          types.put(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), baseType(rs.getString("TYPE_NAME")));
        }
      }
      List<String> problems = new ArrayList<>();
      for (PlannedColumn c : p.columns()) {
        String has = types.get(c.targetName());
        if (has == null) {
          problems.add("no column " + c.targetName());
        } else if (!has.equals(c.type().declaredName()) && !(c.type() == ColumnType.UUID && "VARCHAR".equals(has))) {
          problems.add(c.targetName() + " is " + has + ", not " + c.type().declaredName());
        }
      }
      if (!problems.isEmpty()) {
        throw new ImportException("table " + p.targetName() + " exists in the target with other columns ("
            + String.join("; ", problems) + "): import into another database, or drop the table first");
      }
    }
  }

  /** Creates the tables the target lacks, in plan order, then the references that close cycles. */
  public int create(List<TablePlan> plans) throws SQLException {
    int created = 0;
    try (Statement st = connection.createStatement()) {
      for (TablePlan p : plans) {
        if (!p.exists()) {
          String ddl = createTable(p);
          LOG.debug("{}", ddl);
          execute(st, ddl, p);
          created++;
        }
      }
      for (TablePlan p : plans) {
        if (p.exists()) {
          continue;
        }
        for (PlannedColumn c : p.columns()) {
          if (c.addedLater()) {
            String ddl = "ALTER TABLE " + quote(p.targetName()) + " ADD " + foreignKey(c);
            LOG.debug("{}", ddl);
            execute(st, ddl, p);
          }
        }
      }
    }
    return created;
  }

  private static void execute(Statement st, String ddl, TablePlan p) {
    try {
      st.execute(ddl);
    } catch (SQLException e) {
      throw new ImportException("cannot create table " + p.targetName() + " in the target: " + e.getMessage()
          + " [" + ddl + "]", e);
    }
  }

  /** The {@code CREATE TABLE} statement of a planned table. */
  static String createTable(TablePlan p) {
    List<String> parts = new ArrayList<>();
    for (PlannedColumn c : p.columns()) {
      boolean notNull = !c.source().nullable() && !c.deferred() || p.isKey(c);
      parts.add(quote(c.targetName()) + " " + c.type().ddl(c.source()) + (notNull ? " NOT NULL" : ""));
    }
    if (p.source().hasPrimaryKey()) {
      parts.add("PRIMARY KEY (" + String.join(", ", p.keyColumns().stream().map(c -> quote(c.targetName())).toList())
          + ")");
    }
    for (String u : p.source().uniqueColumns()) {
      parts.add("UNIQUE (" + quote(u.toUpperCase(Locale.ROOT)) + ")");
    }
    for (PlannedColumn c : p.columns()) {
      if (c.reference() != null && !c.addedLater()) {
        parts.add(foreignKey(c));
      }
    }
    return "CREATE TABLE " + quote(p.targetName()) + " (" + String.join(", ", parts) + ")";
  }

  private static String foreignKey(PlannedColumn c) {
    PlannedColumn.Reference r = c.reference();
    return (r.constraint() == null ? "" : "CONSTRAINT " + quote(r.constraint()) + " ") + "FOREIGN KEY ("
        + quote(c.targetName()) + ") REFERENCES " + quote(r.table()) + " (" + quote(r.column()) + ")";
  }

  /** A Datolite identifier, quoted (names are upper case, so quoting only shields reserved words). */
  static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** A name as a metadata pattern that matches only itself ({@code _} and {@code %} escaped). */
  private static String pattern(String name, String escape) {
    return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
  }

  private static String baseType(String typeName) {
    String t = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
    int paren = t.indexOf('(');
    return (paren < 0 ? t : t.substring(0, paren)).trim();
  }
}
