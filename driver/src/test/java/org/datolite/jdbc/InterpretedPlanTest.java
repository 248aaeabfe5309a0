package org.datolite.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Filters and projections over one scan run without generated code (the calcite adapter's
 * {@code InterpretedPlan}): the same statements, random ones included, give the same rows with
 * the interpreter on and off ({@code -Ddatolite.sql.interpret=false}), and statements outside
 * what it evaluates still run compiled.
 */
class InterpretedPlanTest {
  private static final String NAME = "interpreted-plan-test";
  private static final String PROPERTY = "datolite.sql.interpret";
  private static final String SHAPES = "datolite.sql.shapes";
  private static DatoliteConnection nativeConn;
  private static JdbcConnection conn;
  private static int variant;

  /** Columns of THING by type, each with literals to compare it with. */
  private static final String[][] COLUMNS = {
      {"NAME", "'a'", "'b'", "'bb'", "'zz'", "''"},
      {"N", "0", "1", "3", "-2", "7", "1000000000000"},
      {"X", "0.5", "1.5", "-1.0", "2.25", "0.0"},
      {"D", "1.5", "10", "-3.25", "0.001"},
      {"B", "TRUE", "FALSE"},
      {"TS", "TIMESTAMP '2020-01-01 00:00:00'", "TIMESTAMP '2021-06-15 12:30:00.5'"},
      {"DB_ID", "0", "1"},
  };

  @BeforeAll
  static void load() throws SQLException {
    nativeConn = Datolite.connect("mem:" + NAME, null);
    nativeConn.transact("[{:db/ident :thing/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :thing/n :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :thing/x :db/valueType :db.type/double :db/cardinality :db.cardinality/one}"
        + " {:db/ident :thing/d :db/valueType :db.type/bigdec :db/cardinality :db.cardinality/one}"
        + " {:db/ident :thing/b :db/valueType :db.type/boolean :db/cardinality :db.cardinality/one}"
        + " {:db/ident :thing/ts :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}]");
    String[] names = {"a", "b", "bb", "zz", "", "Zoë"};
    double[] xs = {0.5, 1.5, -1.0, 2.25, 0.0, -0.0};
    String[] ds = {"1.5M", "10M", "-3.25M", "0.001M", "1.50M"};
    String[] ats = {"2020-01-01T00:00:00Z", "2021-06-15T12:30:00.500Z", "1999-12-31T23:59:59.999Z"};
    StringBuilder tx = new StringBuilder("[");
    for (int i = 0; i < 40; i++) {
      tx.append("{:db/id \"t").append(i).append("\"");
      // every column is missing (NULL) in some rows
      if (i % 7 != 0) {
        tx.append(" :thing/name \"").append(names[i % names.length]).append("\"");
      }
      if (i % 5 != 1) {
        tx.append(" :thing/n ").append(i % 9 - 2);
      }
      if (i % 6 != 2) {
        tx.append(" :thing/x ").append(xs[i % xs.length]);
      }
      if (i % 4 != 3) {
        tx.append(" :thing/d ").append(ds[i % ds.length]);
      }
      if (i % 3 != 0) {
        tx.append(" :thing/b ").append(i % 2 == 0);
      }
      if (i % 8 != 4) {
        tx.append(" :thing/ts #inst \"").append(ats[i % ats.length]).append("\"");
      }
      tx.append("}");
    }
    nativeConn.transact(tx.append("]").toString());
    conn = (JdbcConnection) DriverManager.getConnection("jdbc:datolite:mem:" + NAME);
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
    nativeConn.close();
    System.clearProperty(PROPERTY);
  }

  /** The rows of a statement planned anew with the interpreter on or off, sorted; and whether it was interpreted. */
  private static List<String> rows(String sql, boolean interpret, Object... params) throws SQLException {
    // a fresh text each time, so that it is planned under the property's current value
    String text = sql + " /* " + (interpret ? "interpreted " : "compiled ") + variant++ + " */";
    System.setProperty(PROPERTY, Boolean.toString(interpret));
    // each text planned on its own: a shape planned by the other text would be shared (see StatementTextsTest)
    System.setProperty(SHAPES, "false");
    try {
      boolean interpreted = conn.prepare(text).plan().startsWith("Interpreted");
      if (!interpret && interpreted) {
        throw new AssertionError("interpreted with the interpreter off: " + sql);
      }
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = conn.prepareStatement(text)) {
        for (int i = 0; i < params.length; i++) {
          ps.setObject(i + 1, params[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= n; i++) {
              Object v = rs.getObject(i);
              row.append(v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(v)).append('|');
            }
            out.add(row.toString());
          }
        }
      }
      out.sort(null);
      out.add(0, interpreted ? "interpreted" : "compiled");
      return out;
    } finally {
      System.clearProperty(PROPERTY);
      System.clearProperty(SHAPES);
    }
  }

  /** Asserts both paths give the same rows; answers whether the interpreter took the statement. */
  private static boolean same(String sql, Object... params) throws SQLException {
    List<String> interpreted = rows(sql, true, params);
    List<String> compiled = rows(sql, false, params);
    boolean took = interpreted.remove(0).equals("interpreted");
    compiled.remove(0);
    assertEquals(compiled, interpreted, sql);
    return took;
  }

  @Test
  void filtersAndProjections_sameRowsAsCompiled() throws SQLException {
    assertTrue(same("SELECT name, n FROM thing WHERE n > 1"));
    assertTrue(same("SELECT * FROM thing"));
    assertTrue(same("SELECT name FROM thing WHERE name = 'bb' OR n IS NULL"));
    assertTrue(same("SELECT n, x FROM thing WHERE NOT (x < 0.5) AND d <> 1.5"));
    assertTrue(same("SELECT d FROM thing WHERE d = 1.50"));
    assertTrue(same("SELECT x FROM thing WHERE x = 0"));
    assertTrue(same("SELECT b, name FROM thing WHERE b"));
    assertTrue(same("SELECT b FROM thing WHERE b IS NOT TRUE"));
    assertTrue(same("SELECT b FROM thing WHERE NOT b IS FALSE"));
    assertTrue(same("SELECT ts FROM thing WHERE ts >= TIMESTAMP '2020-01-01 00:00:00'"));
    assertTrue(same("SELECT name FROM thing WHERE n IN (1, 3, 5) OR name IN ('a', 'zz')"));
    assertTrue(same("SELECT name FROM thing WHERE n BETWEEN 0 AND 4 AND name <> ''"));
    assertTrue(same("SELECT db_id, 1, 'k', TRUE, n FROM thing WHERE n = 2"));
    assertTrue(same("SELECT n > 2, name IS NULL FROM thing"));
    assertTrue(same("SELECT name FROM thing WHERE name > 'b' AND name < 'z'"));
  }

  @Test
  void parameters_sameRowsAsCompiled() throws SQLException {
    assertTrue(same("SELECT name, n FROM thing WHERE n > ?", 1));
    assertTrue(same("SELECT name FROM thing WHERE name = ? OR n = ?", "bb", 3L));
    assertTrue(same("SELECT x FROM thing WHERE x >= ? AND x <= ?", -1.0, 1.5));
    assertTrue(same("SELECT d FROM thing WHERE d > ?", new BigDecimal("1.4")));
    assertTrue(same("SELECT ts FROM thing WHERE ts < ?", Timestamp.valueOf("2021-01-01 00:00:00")));
    assertTrue(same("SELECT b FROM thing WHERE b = ?", true));
    assertTrue(same("SELECT name FROM thing WHERE n = ?", (Object) null));
  }

  @Test
  void otherShapes_stillCompiled() throws SQLException {
    assertTrue(!same("SELECT n + 1 FROM thing WHERE n > 0"));
    assertTrue(!same("SELECT name FROM thing WHERE name LIKE 'b%'"));
    assertTrue(!same("SELECT COUNT(*) FROM thing WHERE n > 0"));
    assertTrue(!same("SELECT name FROM thing WHERE n > 0 ORDER BY name"));
    assertTrue(!same("SELECT name FROM thing WHERE x > n"));
    assertTrue(!same("SELECT UPPER(name) FROM thing"));
  }

  @Test
  void randomFilters_sameRowsAsCompiled() {
    AtomicInteger tries = new AtomicInteger();
    AtomicInteger interpreted = new AtomicInteger();
    Seeds.check(60, random -> {
      String condition = condition(random, 3);
      String columns = String.join(", ", pick(random));
      tries.incrementAndGet();
      if (same("SELECT " + columns + " FROM thing WHERE " + condition)) {
        interpreted.incrementAndGet();
      }
    });
    // most random filters are within what the interpreter evaluates
    assertTrue(tries.get() < 10 || interpreted.get() * 2 > tries.get(), interpreted + " of " + tries + " interpreted");
  }

  @Test
  void interpretedStatement_survivesClosingEarly() throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM thing WHERE n >= 0")) {
      assertTrue(rs.next());
    }
    try (Connection c = DriverManager.getConnection("jdbc:datolite:mem:" + NAME); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT name FROM thing WHERE n >= 0")) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      assertTrue(n > 0);
    }
  }

  private static List<String> pick(Random random) {
    List<String> out = new ArrayList<>();
    for (String[] c : COLUMNS) {
      if (random.nextInt(3) == 0) {
        out.add(c[0]);
      }
    }
    if (out.isEmpty()) {
      out.add(COLUMNS[random.nextInt(COLUMNS.length)][0]);
    }
    return out;
  }

  private static String condition(Random random, int depth) {
    int k = depth == 0 ? 0 : random.nextInt(6);
    Function<Integer, String> sub = d -> condition(random, d);
    switch (k) {
      case 1:
        return "(" + sub.apply(depth - 1) + " AND " + sub.apply(depth - 1) + ")";
      case 2:
        return "(" + sub.apply(depth - 1) + " OR " + sub.apply(depth - 1) + ")";
      case 3:
        return "NOT (" + sub.apply(depth - 1) + ")";
      default:
        break;
    }
    String[] c = COLUMNS[random.nextInt(COLUMNS.length)];
    String literal = c[1 + random.nextInt(c.length - 1)];
    switch (random.nextInt(9)) {
      case 0:
        return c[0] + " IS NULL";
      case 1:
        return c[0] + " IS NOT NULL";
      case 2:
        return c[0] + " IN (" + literal + ", " + c[1 + random.nextInt(c.length - 1)] + ")";
      default:
        String[] ops = {"=", "<>", "<", "<=", ">", ">="};
        String op = ops[random.nextInt(ops.length)];
        return random.nextBoolean() ? c[0] + " " + op + " " + literal : literal + " " + op + " " + c[0];
    }
  }
}
