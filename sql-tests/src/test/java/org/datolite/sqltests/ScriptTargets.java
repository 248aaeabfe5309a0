package org.datolite.sqltests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Locale;
import java.util.Set;
import org.datolite.Database;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.testkit.PostgresDatabase;
import org.junit.jupiter.api.Assumptions;

/** The targets script files run on: a fresh in-memory Datolite database, or a fresh PostgreSQL schema. */
final class ScriptTargets {
  private ScriptTargets() {}

  /**
   * A fresh in-memory Datolite database per script: {@code @edn} blocks go through the native
   * API, statements through {@code jdbc:datolite:mem:} on the same database.
   */
  static ScriptRunner.Target datolite(String scriptName) {
    String name = DatoliteJdbc.memName("script-" + scriptName.replaceAll("[^A-Za-z0-9]+", "-"));
    DatoliteConnection store = Datolite.connect(DatoliteJdbc.nativeUrl(name), null);
    return new ScriptRunner.Target() {
      private Connection jdbc;

      @Override
      public void transact(String edn) {
        store.transact(edn);
      }

      @Override
      public Connection connection() throws SQLException {
        // The guard goes once the JDBC driver lands (issue 11).
        Assumptions.assumeTrue(DatoliteJdbc.present(), DatoliteJdbc.ABSENT);
        if (jdbc == null) {
          jdbc = DriverManager.getConnection(DatoliteJdbc.jdbcUrl(name));
        }
        return jdbc;
      }

      @Override
      public void close() throws SQLException {
        try {
          if (jdbc != null) {
            jdbc.close();
          }
        } finally {
          store.close();
        }
      }
    };
  }

  /** The scripts of what {@link ReferenceModel} leaves out. */
  private static final Set<String> BEYOND_REFERENCE = Set.of("mapping-overrides.sql", "history-tables.sql",
      "writes.sql", "ddl.sql");

  /**
   * The hand-written scripts' reference: {@code @edn} blocks through the native API into a fresh
   * in-memory database, statements on plain Calcite over {@link ReferenceModel}'s tables of the
   * current database value (rebuilt after each transaction). Rows only: errors and plans are
   * Datolite's own; scripts of what the reference model leaves out are skipped.
   */
  static ScriptRunner.Target reference(String scriptName) {
    String name = DatoliteJdbc.memName("reference-" + scriptName.replaceAll("[^A-Za-z0-9]+", "-"));
    DatoliteConnection store = Datolite.connect(DatoliteJdbc.nativeUrl(name), null);
    return new ScriptRunner.Target() {
      private Connection calcite;
      private long basisT = -1;

      @Override
      public void transact(String edn) {
        store.transact(edn);
      }

      @Override
      public Connection connection() throws SQLException {
        Database db = store.db();
        if (calcite == null || db.basisT() != basisT) {
          if (calcite != null) {
            calcite.close();
          }
          calcite = ReferenceModel.connect(db);
          basisT = db.basisT();
        }
        return calcite;
      }

      @Override
      public boolean rowsOnly() {
        return true;
      }

      @Override
      public String skipReason(String sql) {
        if (BEYOND_REFERENCE.contains(scriptName)) {
          return "the reference model has the default mapping only: no overrides, HISTORY or DATOMS tables";
        }
        if (sql.chars().anyMatch(ch -> ch > 0xFF)) {
          return "plain Calcite reads string literals as ISO-8859-1 and refuses this one (unless"
              + " calcite.default.charset is UTF-8, which Datolite's driver must see to)";
        }
        if (sql.startsWith("SELECT COUNT(*), MAX(QTY), COALESCE(MIN(QTY), 0)")
            || sql.startsWith("SELECT COUNT(*), COUNT(QTY), CAST(MAX(QTY)")) {
          return "plain Calcite labels an unaliased function call EXPR$n; Datolite names it after its function";
        }
        if (sql.contains("AVG(AMOUNT) AS A, AMOUNT / 3")) {
          return "plain Calcite divides DECIMALs to 16 significant digits; Datolite keeps the operands' and 16 more";
        }
        if (sql.contains("DECIMAL(1000, 500)")) {
          return "the reference's type system stops DECIMAL at 76 digits; Datolite's unconstrained bigdec is"
              + " DECIMAL(1000, 500)";
        }
        if (sql.contains("OR QTY IN (SELECT QTY FROM ITEM WHERE 1 = 0)")) {
          return "plain Calcite 1.41 answers cond OR x IN (always-empty subquery) with no rows";
        }
        return null;
      }

      @Override
      public String render(ResultSet rs, int i) throws SQLException {
        // Avatica shows TIMESTAMP(3) with all three fraction digits; the scripts (like PostgreSQL) drop trailing zeros
        String v = rs.getString(i);
        return v != null && rs.getMetaData().getColumnType(i) == Types.TIMESTAMP
            ? v.replaceFirst("(\\.\\d*?)0+$", "$1").replaceFirst("\\.$", "") : v;
      }

      @Override
      public void close() throws SQLException {
        try {
          if (calcite != null) {
            calcite.close();
          }
        } finally {
          store.close();
        }
      }
    };
  }

  /**
   * A fresh schema of {@code pg} per script, first on the search path; {@code @sql} blocks load
   * it. EDN blocks are refused: this target is for proving the harness on PostgreSQL.
   */
  static ScriptRunner.Target postgres(PostgresDatabase pg, String scriptName) throws SQLException {
    String schema = "script_" + scriptName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    try (Connection admin = pg.connect(); Statement st = admin.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      st.execute("CREATE SCHEMA " + schema);
    }
    String url = pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    Connection conn = new PostgresDatabase(url, pg.user(), pg.password(), pg.name()).connect();
    return new ScriptRunner.Target() {
      @Override
      public void transact(String edn) {
        throw new UnsupportedOperationException("an @edn block needs Datolite; on PostgreSQL use @sql");
      }

      @Override
      public Connection connection() {
        return conn;
      }

      @Override
      public void close() throws SQLException {
        conn.close();
      }
    };
  }
}
