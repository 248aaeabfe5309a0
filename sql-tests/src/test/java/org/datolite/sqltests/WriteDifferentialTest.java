package org.datolite.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * EDN has no NOT NULL.
 *
 * <p>The second test does the same with DDL: both sides create two tables with declared types,
 * keys, NOT NULL, defaults and a reference (with no ON DELETE, with CASCADE, with SET NULL), and
 * a random sequence mixes writes that meet those declarations (a length, a range, a scale, a
 * CHECK, a missing reference, a referenced row deleted) with ALTER TABLE (columns added with and without defaults, dropped, NOT NULL set and
 * dropped, a default changed, a CHECK added), unique indexes and TRUNCATE.
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

  private static final String[] NAMES = {"ops", "dev", "sales", "legal", "a-much-too-long-name", "hr"};
  private static final String[] NICKS = {"'al'", "'bo'", "'cy'", "NULL", "'toolongnick'", "'dee'"};

  @Test
  void randomDdlAndWrites_leaveTheSameRows_andFailAlike(PostgresDatabase pg) {
    // the reference restricts, cascades or empties on DELETE of a department: each with every seed
    for (String onDelete : new String[] {"", " ON DELETE CASCADE", " ON DELETE SET NULL"}) {
      Seeds.check(3, random -> ddlSequence(pg, onDelete, random));
    }
  }

  private static void ddlSequence(PostgresDatabase pg, String onDelete, Random random) throws SQLException {
    String name = DatoliteJdbc.memName("ddl-differential");
    try (Connection pgConn = DifferentialTest.schema(pg, "ddl");
        Connection dl = DriverManager.getConnection(DatoliteJdbc.jdbcUrl(name))) {
      String[] ddl = {
          "CREATE TABLE dept (id INTEGER PRIMARY KEY, name VARCHAR(10) NOT NULL UNIQUE)",
          "CREATE TABLE emp (id INTEGER PRIMARY KEY, dept_id INTEGER REFERENCES dept (id)" + onDelete
              + ", salary NUMERIC(8, 2)"
              + " CHECK (salary >= 0), nick VARCHAR(5) DEFAULT 'x', level SMALLINT NOT NULL DEFAULT 1,"
              + " CHECK (level BETWEEN 0 AND 9 OR salary IS NULL))"};
      for (String sql : ddl) {
        assertEquals(run(pgConn, sql), run(dl, sql), sql);
      }
      int failed = 0;
      int[] extra = {0, 0}; // columns added, indexes made (PostgreSQL's index names are objects: each new)
      // declarations make more statements fail than in the test above: at most two in three may
      for (int i = 0; i < STATEMENTS; i++) {
        String sql = ddlStatement(random, extra);
        String expected = run(pgConn, sql);
        String actual = run(dl, sql);
        assertEquals(expected, actual, "statement " + (i + 1) + ": " + sql);
        failed += expected.startsWith("error") ? 1 : 0;
        if (i % 10 == 9 || i == STATEMENTS - 1) {
          for (String table : new String[] {"dept", "emp"}) {
            assertEquals(all(pgConn, table), all(dl, table), "the rows of " + table + " after statement " + (i + 1)
                + ": " + sql);
          }
        }
      }
      assertTrue(failed > 0 && failed < STATEMENTS * 2 / 3, failed + " of " + STATEMENTS
          + " statements failed: the sequence should hold some errors, not mostly errors");
    }
  }

  /**
   * JDBC transactions, differentially: with autocommit off on both sides (PostgreSQL with
   * {@code autosave=always}, so that a failed statement fails alone, as in Datolite), random
   * INSERTs into a table with a key and into one without (whose INSERTs Datolite defers),
   * UPDATEs, DELETEs, reads of both, commits, rollbacks and savepoints give the same answers and
   * leave the same rows.
   */
  @Test
  void randomTransactions_readAndCommitAlike(PostgresDatabase pg) {
    Seeds.check(12, random -> transactions(pg, random));
  }

  private static void transactions(PostgresDatabase pg, Random r) throws SQLException {
    String name = DatoliteJdbc.memName("tx-differential");
    try (Connection ignored = DifferentialTest.schema(pg, "txd");
        Connection pgConn = new PostgresDatabase(pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?")
            + "currentSchema=txd&autosave=always", pg.user(), pg.password(), pg.name()).connect();
        Connection dl = DriverManager.getConnection(DatoliteJdbc.jdbcUrl(name))) {
      for (String sql : new String[] {"CREATE TABLE k (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)",
          "CREATE TABLE u (a INTEGER NOT NULL, b VARCHAR(5))"}) {
        assertEquals(run(pgConn, sql), run(dl, sql), sql);
      }
      pgConn.setAutoCommit(false);
      dl.setAutoCommit(false);
      Savepoint[] marks = new Savepoint[2];
      List<String> done = new ArrayList<>();
      for (int i = 0; i < STATEMENTS; i++) {
        int kind = r.nextInt(14);
        String sql = switch (kind) {
          case 0, 1, 2 -> "INSERT INTO k (id, v) VALUES (" + (1 + r.nextInt(25)) + ", " + r.nextInt(9) + ")"
              + (r.nextBoolean() ? ", (" + (1 + r.nextInt(25)) + ", 1)" : "");
          case 3, 4, 5 -> "INSERT INTO u (a, b) VALUES (" + (r.nextInt(8) == 0 ? "NULL" : r.nextInt(6)) + ", "
              + (r.nextInt(8) == 0 ? "'toolong'" : "'s" + r.nextInt(3) + "'") + ")"
              + (r.nextBoolean() ? ", (" + r.nextInt(6) + ", NULL)" : "");
          case 6 -> "UPDATE k SET v = v + 1 WHERE id = " + (1 + r.nextInt(25));
          case 7 -> r.nextBoolean() ? "DELETE FROM k WHERE id = " + (1 + r.nextInt(25))
              : "DELETE FROM u WHERE a = " + r.nextInt(6);
          case 8 -> "SELECT COUNT(*), COALESCE(SUM(v), 0) FROM k";
          case 9 -> "SELECT COUNT(*), COUNT(b) FROM u WHERE a >= " + r.nextInt(6);
          case 10 -> "COMMIT";
          case 11 -> "ROLLBACK";
          case 12 -> "SAVEPOINT";
          default -> "ROLLBACK TO SAVEPOINT";
        };
        done.add(sql);
        String where = "statement " + (i + 1) + " of " + done;
        switch (sql) {
          case "COMMIT" -> {
            pgConn.commit();
            dl.commit();
            Arrays.fill(marks, null);
          }
          case "ROLLBACK" -> {
            pgConn.rollback();
            dl.rollback();
            Arrays.fill(marks, null);
          }
          case "SAVEPOINT" -> {
            marks[0] = pgConn.setSavepoint();
            marks[1] = dl.setSavepoint();
          }
          case "ROLLBACK TO SAVEPOINT" -> {
            if (marks[0] != null) {
              pgConn.rollback(marks[0]);
              dl.rollback(marks[1]);
            }
          }
          default -> assertEquals(sql.startsWith("SELECT") ? read(pgConn, sql) : run(pgConn, sql),
              sql.startsWith("SELECT") ? read(dl, sql) : run(dl, sql), where);
        }
        if (sql.equals("COMMIT") || sql.equals("ROLLBACK") || i == STATEMENTS - 1) {
          for (String table : new String[] {"k", "u"}) {
            assertEquals(all(pgConn, table), all(dl, table), "the rows of " + table + " after " + where);
          }
        }
      }
      pgConn.commit();
      dl.commit();
      for (String table : new String[] {"k", "u"}) {
        assertEquals(all(pgConn, table), all(dl, table), "the rows of " + table + " committed at the end");
      }
    }
  }

  /** The first row of a query as text, or its error class. */
  private static String read(Connection c, String sql) {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1) + " | " + rs.getLong(2);
    } catch (SQLException e) {
      return "error class " + String.valueOf(e.getSQLState()).substring(0, 2);
    }
  }

  /** Every row of a table, every column but DB_ID, by name; numbers as plain text. */
  private static List<String> all(Connection c, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          String column = rs.getMetaData().getColumnLabel(i).toUpperCase(Locale.ROOT);
          if (!column.equals("DB_ID")) {
            Object v = rs.getObject(i);
            row.add(column + "=" + (v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v));
          }
        }
        row.sort(null);
        out.add(String.join(", ", row));
      }
    }
    out.sort(null);
    return out;
  }

  private static String ddlStatement(Random r, int[] extra) {
    int e = r.nextInt(4) == 0 ? r.nextInt(extra[0] + 1) : extra[0]; // mostly the column added last
    switch (r.nextInt(20)) {
      case 0, 1, 2:
        return "INSERT INTO dept (id, name) VALUES (" + (1 + r.nextInt(6)) + ", "
            + (r.nextInt(8) == 0 ? "NULL" : "'" + NAMES[r.nextInt(NAMES.length)] + "'") + ")";
      case 3, 4, 5, 6: {
        boolean nick = r.nextBoolean(); // else the column's DEFAULT
        return "INSERT INTO emp (id, dept_id, salary" + (nick ? ", nick" : "") + ") VALUES ("
            + (1 + r.nextInt(20)) + ", " + (r.nextInt(5) == 0 ? "NULL" : Integer.toString(1 + r.nextInt(7))) + ", "
            + salary(r) + (nick ? ", " + NICKS[r.nextInt(NICKS.length)] : "") + ")";
      }
      case 7:
        return "INSERT INTO emp (id, nick, level) VALUES (" + (1 + r.nextInt(20)) + ", " + NICKS[r.nextInt(NICKS.length)]
            + ", " + (r.nextInt(6) == 0 ? "40000" : Integer.toString(r.nextInt(5))) + ")";
      case 8:
        return "UPDATE emp SET salary = salary * " + (1 + r.nextInt(3)) + " WHERE level = " + r.nextInt(3);
      case 9:
        return "UPDATE emp SET dept_id = " + (1 + r.nextInt(7)) + " WHERE id = " + (1 + r.nextInt(20));
      case 10:
        return "DELETE FROM dept WHERE id = " + (1 + r.nextInt(6));
      case 11:
        return "DELETE FROM emp WHERE dept_id = " + (1 + r.nextInt(6));
      case 12:
        extra[0]++;
        return "ALTER TABLE emp ADD COLUMN extra" + extra[0] + " INTEGER"
            + (r.nextBoolean() ? " DEFAULT " + r.nextInt(9) : "") + (r.nextBoolean() ? " NOT NULL" : "");
      case 13:
        return "ALTER TABLE emp DROP COLUMN extra" + e;
      case 14:
        return "ALTER TABLE emp ALTER COLUMN nick " + (r.nextBoolean() ? "SET" : "DROP") + " NOT NULL";
      case 15:
        return "ALTER TABLE emp ALTER COLUMN nick SET DEFAULT '" + (char) ('p' + r.nextInt(4)) + "'";
      case 16:
        return "CREATE UNIQUE INDEX emp_nick_" + ++extra[1] + " ON emp (nick)";
      case 17:
        return r.nextInt(4) == 0 ? "TRUNCATE emp" : r.nextInt(3) == 0
            ? "ALTER TABLE emp ADD CHECK (level < " + (2 + r.nextInt(8)) + " OR salary > " + r.nextInt(500) + ")"
            : "DELETE FROM emp WHERE salary > " + r.nextInt(1000);
      case 18:
        return "UPDATE emp SET nick = " + NICKS[r.nextInt(NICKS.length)] + " WHERE id = " + (1 + r.nextInt(20));
      default:
        return "UPDATE dept SET name = '" + NAMES[r.nextInt(NAMES.length)] + "' WHERE id = " + (1 + r.nextInt(6));
    }
  }

  private static String salary(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> "NULL";
      case 1 -> "1234567.5"; // beyond NUMERIC(8, 2)
      case 6 -> "-" + r.nextInt(100); // breaks the CHECK
      case 2 -> BigDecimal.valueOf(r.nextInt(1_000_000), 3).toPlainString(); // rounded to two places
      default -> BigDecimal.valueOf(r.nextInt(100_000), 2).toPlainString();
    };
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
