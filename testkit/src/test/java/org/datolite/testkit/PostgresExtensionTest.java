package org.datolite.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The database reaches every injection point and is this class's own. */
@WithPostgres
class PostgresExtensionTest {
  private static PostgresDatabase fromBeforeAll;
  private final PostgresDatabase fromConstructor;
  private PostgresDatabase fromBeforeEach;

  PostgresExtensionTest(PostgresDatabase db) {
    this.fromConstructor = db;
  }

  @BeforeAll
  static void beforeAll(PostgresDatabase db) {
    fromBeforeAll = db;
  }

  @BeforeEach
  void beforeEach(PostgresDatabase db) {
    fromBeforeEach = db;
  }

  static String currentDatabase(PostgresDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_database()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void parameters_everyInjectionPoint_getsTheSameDatabase(PostgresDatabase db) {
    assertNotNull(fromBeforeAll);
    assertSame(fromBeforeAll, db);
    assertSame(db, fromConstructor);
    assertSame(db, fromBeforeEach);
    assertTrue(db.name().matches("dl_postgresextensiontest_[0-9a-f]{8}"), db.name());
  }

  @Test
  void connect_reachesTheClassDatabase(PostgresDatabase db) throws SQLException {
    assertEquals(db.name(), currentDatabase(db));
    assertTrue(db.jdbcUrl().contains("/" + db.name()), db.jdbcUrl());
  }

  @Test
  void database_isWritable(PostgresDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS probe (x int)");
      st.execute("INSERT INTO probe VALUES (1)");
    }
  }

  @Nested
  class Inner {
    @Test
    void nestedClass_sharesTheOuterDatabase(PostgresDatabase db) {
      assertSame(fromConstructor, db);
    }
  }
}
