package org.datolite.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.calcite.SimpleSelect;
import org.datolite.calcite.SqlEngine;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statement texts that differ only in literals: each returns its own rows, and a plan that runs
 * generated code shares the compiled class of the first text instead of compiling its own. These
 * are the planner's plans: the simple single-table SELECTs the driver answers without it
 * ({@link SimpleSelect}) go to the planner here too.
 */
class StatementTextsTest {
  private static final String NAME = "statement-texts-test";
  private static DatoliteConnection nativeConn;
  private static Connection conn;

  @BeforeAll
  static void load() throws SQLException {
    System.setProperty(SimpleSelect.PROPERTY, "false");
    nativeConn = Datolite.connect("mem:" + NAME, null);
    nativeConn.transact("[{:db/ident :item/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :item/qty :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :item/price :db/valueType :db.type/bigdec :db/cardinality :db.cardinality/one}]");
    nativeConn.transact("[{:item/name \"a\" :item/qty 1 :item/price 1.25M} {:item/name \"b\" :item/qty 2 :item/price 2.5M}"
        + " {:item/name \"c\" :item/qty 3 :item/price 10M} {:item/name \"d\" :item/qty 4}]");
    conn = DriverManager.getConnection("jdbc:datolite:mem:" + NAME);
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
    nativeConn.close();
    System.clearProperty(SimpleSelect.PROPERTY);
  }

  private static List<String> rows(String sql) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rows(rs);
    }
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        Object v = rs.getObject(i);
        row.append(i > 1 ? "|" : "").append(v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v);
      }
      out.add(row.toString());
    }
    return out;
  }

  @Test
  void aggregateDifferingInLiteral_sharesCompiledCode() throws SQLException {
    assertEquals(List.of("3|9"), rows("SELECT COUNT(*), SUM(qty) FROM item WHERE qty > 1"));
    long compiled = SqlEngine.compiledClasses();
    assertEquals(List.of("2|7"), rows("SELECT COUNT(*), SUM(qty) FROM item WHERE qty > 2"));
    assertEquals(List.of("0|null"), rows("SELECT COUNT(*), SUM(qty) FROM item WHERE qty > 40"));
    assertEquals(compiled, SqlEngine.compiledClasses(), "no new class for a new literal");
  }

  @Test
  void computedColumnsDifferingInLiterals_shareCompiledCode() throws SQLException {
    assertEquals(List.of("a|2|yes|1.5", "b|3|nah|2.75", "c|4|nah|10.25", "d|5|nah|null"),
        rows("SELECT name, qty + 1, CASE WHEN name = 'a' THEN 'yes' ELSE 'nah' END, price + 0.25 FROM item ORDER BY name"));
    long compiled = SqlEngine.compiledClasses();
    assertEquals(List.of("a|11|nah|1.75", "b|12|yes|3", "c|13|nah|10.5", "d|14|nah|null"),
        rows("SELECT name, qty + 10, CASE WHEN name = 'b' THEN 'yes' ELSE 'nah' END, price + 0.50 FROM item ORDER BY name"));
    assertEquals(compiled, SqlEngine.compiledClasses(), "no new class for new literals");
  }

  @Test
  void parametersAndLiftedLiterals_keepTheirValues() throws SQLException {
    String sql = "SELECT name, qty * 2 FROM item WHERE qty > ? AND name <> 'c' ORDER BY name";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      assertEquals(1, ps.getParameterMetaData().getParameterCount());
      ps.setLong(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("b|4", "d|8"), rows(rs));
      }
      ps.setLong(1, 3);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("d|8"), rows(rs));
      }
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT name, qty * 3 FROM item WHERE qty > ? AND name <> 'd'"
        + " ORDER BY name")) {
      ps.setLong(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("b|6", "c|9"), rows(rs));
      }
    }
  }

  private static String plan(String sql) throws SQLException {
    return ((JdbcConnection) conn).prepare(sql).plan();
  }

  @Test
  void textsDifferingInComparedLiterals_shareOnePlan() throws SQLException {
    assertEquals(List.of("b|2"), rows("SELECT name, qty FROM item WHERE qty = 2"));
    assertEquals(List.of("c|3"), rows("SELECT name, qty FROM item WHERE qty = 3"));
    assertEquals(List.of(), rows("SELECT name, qty FROM item WHERE qty = 30"));
    assertEquals(plan("SELECT name, qty FROM item WHERE qty = 2"), plan("SELECT name, qty FROM item WHERE qty = 30"));
    assertEquals(List.of("a", "c"), rows("SELECT name FROM item WHERE name <> 'b' AND qty < 4 ORDER BY name"));
    assertEquals(List.of("b", "c"), rows("SELECT name FROM item WHERE name <> 'a' AND qty < 4 ORDER BY name"));
    assertEquals(plan("SELECT name FROM item WHERE name <> 'b' AND qty < 4 ORDER BY name"),
        plan("SELECT name FROM item WHERE name <> 'a' AND qty < 9 ORDER BY name"));
    assertEquals(List.of("1"), rows("SELECT COUNT(*) FROM item i JOIN item j ON j.qty = i.qty + 1 WHERE i.name = 'c'"));
    assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM item i JOIN item j ON j.qty = i.qty + 1 WHERE i.name = 'd'"));
  }

  @Test
  void literalsThatDoNotFit_planAsWritten() throws SQLException {
    // beyond BIGINT: compared as a decimal, as written
    assertEquals(List.of(), rows("SELECT name FROM item WHERE qty = 99999999999999999999"));
    assertEquals(List.of("a", "b", "c", "d"), rows("SELECT name FROM item WHERE qty < 99999999999999999999 ORDER BY name"));
    // text compared with a number, a number with text, decimals and ORs: the text's own plan
    assertEquals(List.of("b"), rows("SELECT name FROM item WHERE qty = '2'"));
    assertEquals(List.of("b"), rows("SELECT name FROM item WHERE qty = 2.0"));
    assertEquals(List.of("a", "b"), rows("SELECT name FROM item WHERE qty = 1 OR qty = 2 ORDER BY name"));
    assertTrue(plan("SELECT name FROM item WHERE qty = 1 OR qty = 2 ORDER BY name").contains("2"));
  }

  @Test
  void randomConditions_sameRowsWithAndWithoutShapes() {
    String[] columns = {"name", "qty", "price", "db_id"};
    String[][] literals = {{"'a'", "'b'", "'zz'", "''", "'c'"}, {"0", "1", "2", "3", "-1", "4"},
        {"1", "2", "10", "0"}, {"0", "1", "5"}};
    String[] ops = {"=", "<>", "<", "<=", ">", ">="};
    Seeds.check(40, random -> {
      StringBuilder where = new StringBuilder();
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        int c = random.nextInt(columns.length);
        String literal = literals[c][random.nextInt(literals[c].length)];
        String op = ops[random.nextInt(ops.length)];
        where.append(i == 0 ? "" : random.nextInt(3) == 0 ? " OR " : " AND ")
            .append(random.nextBoolean() ? columns[c] + " " + op + " " + literal : literal + " " + op + " " + columns[c]);
      }
      String sql = (random.nextBoolean() ? "SELECT name, qty, price FROM item WHERE " : "SELECT COUNT(*), SUM(qty) FROM item WHERE ")
          + where;
      List<String> shared = rows(sql + " /* shapes */");
      System.setProperty("datolite.sql.shapes", "false");
      try {
        List<String> own = rows(sql + " /* own */");
        shared.sort(null);
        own.sort(null);
        assertEquals(own, shared, sql);
      } finally {
        System.clearProperty("datolite.sql.shapes");
      }
    });
  }

  @Test
  void literalsCodeGenerationNeeds_stayLiterals() throws SQLException {
    assertEquals(List.of("a|1.3", "b|2.5", "c|10", "d|null"),
        rows("SELECT SUBSTRING(name FROM 1 FOR 1), ROUND(price, 1) FROM item ORDER BY name"));
    assertEquals(List.of("2026"), rows("SELECT EXTRACT(YEAR FROM TIMESTAMP '2026-12-04 10:00:00') FROM item WHERE qty = 1"));
  }
}
