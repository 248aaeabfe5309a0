package org.datolite.sqltests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
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
