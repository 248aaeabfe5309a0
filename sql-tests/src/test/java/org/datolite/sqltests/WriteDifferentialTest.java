package org.datolite.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.testkit.PostgresDatabase;
import org.datolite.testkit.Seeds;
import org.datolite.testkit.WithPostgres;
import org.junit.jupiter.api.Test;

/**
 * Writes, differentially: one random sequence of INSERT (values, several rows, INSERT … SELECT),
 * UPDATE (by key, by condition, computed, increments, a key changed), MERGE and DELETE statements runs
 * on PostgreSQL and on Datolite, one statement at a time with autocommit. After each statement
 * both must agree on the update count or on the class of the error (a duplicate key is 23505 on
 * both sides), and, every few statements and at the end, on the table's contents as a bag.
 *
 * <p>The key column is never NULL: PostgreSQL's primary key refuses it, and a table defined in
 * EDN has no NOT NULL (DDL, which brings it, is still to come).
 */
@WithPostgres
class WriteDifferentialTest {
  private static final int STATEMENTS = 120;
  private static final String[] CODES = {"a", "b", "c", "d", "e", "f", "g", "h"};

  @Test
  void randomWrites_leaveTheSameRows_andFailAlike(PostgresDatabase pg) {
    Seeds.check(3, random -> {
      String name = DatoliteJdbc.memName("write-differential");
      try (DatoliteConnection store = Datolite.connect(DatoliteJdbc.nativeUrl(name), null);
          Connection pgConn = DifferentialTest.schema(pg, "writes");
          Connection dl = DriverManager.getConnection(DatoliteJdbc.jdbcUrl(name))) {
        store.transact("[{:db/ident :item/code :db/valueType :db.type/string :db/cardinality :db.cardinality/one"
            + " :db/unique :db.unique/identity}"
            + " {:db/ident :item/qty :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
            + " {:db/ident :item/price :db/valueType :db.type/bigdec :db/cardinality :db.cardinality/one}"
            + " {:db/ident :item/note :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]");
        try (Statement st = pgConn.createStatement()) {
          st.execute("CREATE TABLE item (code text PRIMARY KEY, qty bigint, price numeric, note text)");
        }
        int failed = 0;
        for (int i = 0; i < STATEMENTS; i++) {
          String sql = statement(random);
          String expected = run(pgConn, sql);
          String actual = run(dl, sql);
          assertEquals(expected, actual, "statement " + (i + 1) + ": " + sql);
          failed += expected.startsWith("error") ? 1 : 0;
          if (i % 10 == 9 || i == STATEMENTS - 1) {
            assertEquals(rows(pgConn), rows(dl), "the rows after statement " + (i + 1) + ": " + sql);
          }
        }
        assertTrue(failed > 0 && failed < STATEMENTS / 2, failed + " of " + STATEMENTS
            + " statements failed: the sequence should hold some errors, not mostly errors");
      }
    });
  }

  /** The update count, or the class of the error. */
  private static String run(Connection c, String sql) {
    try (Statement st = c.createStatement()) {
      return "count " + st.executeUpdate(sql);
    } catch (SQLException e) {
      return "error class " + String.valueOf(e.getSQLState()).substring(0, 2);
    }
  }

  private static List<String> rows(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT code, qty, price, note FROM item")) {
      while (rs.next()) {
        BigDecimal price = rs.getBigDecimal(3);
        out.add(rs.getString(1) + " | " + rs.getObject(2) + " | "
            + (price == null ? null : price.stripTrailingZeros().toPlainString()) + " | " + rs.getString(4));
      }
    }
    out.sort(null);
    return out;
  }

  private static String code(Random r) {
    return "'" + CODES[r.nextInt(CODES.length)] + (r.nextInt(3) == 0 ? "x" : "") + "'";
  }

  private static String qty(Random r) {
    return r.nextInt(6) == 0 ? "NULL" : Integer.toString(r.nextInt(21) - 5);
  }

  private static String price(Random r) {
    return r.nextInt(5) == 0 ? "NULL" : BigDecimal.valueOf(r.nextInt(10_000), 2).toPlainString();
  }

  private static String note(Random r) {
    return r.nextInt(3) == 0 ? "NULL" : "'n" + r.nextInt(4) + "'";
  }

  private static String statement(Random r) {
    switch (r.nextInt(13)) {
      case 0, 1, 2:
        return "INSERT INTO item (code, qty, price, note) VALUES (" + code(r) + ", " + qty(r) + ", " + price(r) + ", "
            + note(r) + ")";
      case 3:
        return "INSERT INTO item (code, qty) VALUES (" + code(r) + ", " + qty(r) + "), (" + code(r) + ", " + qty(r) + ")";
      case 4:
        return "INSERT INTO item (code, qty, note) SELECT code || 'y', qty, 'copy' FROM item WHERE qty > " + r.nextInt(10);
      case 5:
        return "UPDATE item SET qty = qty + " + (r.nextInt(7) - 3) + " WHERE code = " + code(r);
      case 6:
        return "UPDATE item SET qty = " + qty(r) + ", note = " + note(r) + " WHERE qty < " + r.nextInt(10);
      case 7:
        return "UPDATE item SET price = price * 2 WHERE price IS NOT NULL AND code <> " + code(r);
      case 8:
        return "UPDATE item SET code = " + code(r) + " WHERE code = " + code(r);
      case 9:
        return "DELETE FROM item WHERE code = " + code(r);
      case 10:
        return "DELETE FROM item WHERE qty IS NULL OR qty > " + (10 + r.nextInt(10));
      case 11:
        return "MERGE INTO item t USING (SELECT * FROM (VALUES (" + code(r) + ", " + (r.nextInt(9) - 2) + "), ("
            + code(r) + ", " + r.nextInt(5) + ")) AS v (c, q)) s ON t.code = s.c WHEN MATCHED THEN UPDATE SET qty = s.q"
            + (r.nextBoolean() ? "" : " WHEN NOT MATCHED THEN INSERT (code, qty) VALUES (s.c, s.q)");
      default:
        return "UPDATE item SET note = NULL WHERE note = " + note(r);
    }
  }
}
