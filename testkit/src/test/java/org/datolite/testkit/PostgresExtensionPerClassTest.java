package org.datolite.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A PER_CLASS constructor runs before beforeAll and still gets the class's database. */
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresExtensionPerClassTest {
  private final PostgresDatabase fromConstructor;

  PostgresExtensionPerClassTest(PostgresDatabase db) {
    this.fromConstructor = db;
  }

  @Test
  void constructor_getsTheSameDatabaseAsMethods(PostgresDatabase db) throws SQLException {
    assertSame(fromConstructor, db);
    assertEquals(db.name(), PostgresExtensionTest.currentDatabase(db));
  }
}
