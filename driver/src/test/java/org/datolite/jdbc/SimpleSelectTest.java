package org.datolite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.calcite.SimpleSelect;
import org.datolite.calcite.model.SqlModel;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simple single-table SELECT answered without the planner ({@link SimpleSelect}) against the
 * planner itself: generated statements (columns of every kind, literals, parameters, NULLs,
 * lookups by id, by unique and other values, ranges) give the same rows, result columns and
 * parameter types with the fast path on and off; statements of other shapes are left to the
 * planner, whose errors they keep.
 */
class SimpleSelectTest {
  private static final String NAME = "simple-select-test";
  private static DatoliteConnection nativeConn;
  private static JdbcConnection conn;
  private static int variant;

  /** The columns of THING a condition may compare, each with values to compare it with. */
  private static final String[][] COMPARED = {
      {"NAME", "'a'", "'b'", "'bb'", "'zz'", "''", "'Zoë'", "'it''s'"},
      {"N", "0", "1", "3", "-2", "7", "1000000000000"},
      {"CODE", "10", "11", "25", "-1"},
      {"B", "TRUE", "FALSE"},
      {"K", "':k/a'", "':k/b'", "'x'", "'k/a'"},
      {"KIND", "':kind/big'", "':kind/small'", "'nope'", "'kind/big'"},
      {"DB_ID", "0", "1", "17592186045430"},
  };
  private static final String[] SHOWN = {"DB_ID", "NAME", "N", "CODE", "B", "K", "KIND", "OWNER", "X", "TS", "ID"};

  @BeforeAll
  static void load() throws SQLException {
    nativeConn = Datolite.connect("mem:" + NAME, null);
    nativeConn.transact("[{:db/ident :thing/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :thing/n :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :thing/code :db/valueType :db.type/long :db/cardinality :db.cardinality/one"
        + "  :db/unique :db.unique/identity}"
        + " {:db/ident :thing/b :db/valueType :db.type/boolean :db/cardinality :db.cardinality/one}"
        + " {:db/ident :thing/k :db/valueType :db.type/keyword :db/cardinality :db.cardinality/one}"
        + " {:db/ident :thing/kind :db/valueType :db.type/ref :db/cardinality :db.cardinality/one"
        + "  :db.sql/enum true}"
        + " {:db/ident :thing/owner :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}"
        + " {:db/ident :thing/x :db/valueType :db.type/double :db/cardinality :db.cardinality/one}"
        + " {:db/ident :thing/ts :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}"
        + " {:db/ident :thing/id :db/valueType :db.type/uuid :db/cardinality :db.cardinality/one}"
        + " {:db/ident :kind/big} {:db/ident :kind/small}]");
    String[] names = {"a", "b", "bb", "zz", "", "Zoë", "it's"};
    StringBuilder tx = new StringBuilder("[");
    for (int i = 0; i < 50; i++) {
      tx.append("{:db/id \"t").append(i).append("\"");
      // every column is missing (NULL) in some rows
      if (i % 7 != 0) {
        tx.append(" :thing/name \"").append(names[i % names.length].replace("\"", "\\\"")).append("\"");
      }
      if (i % 5 != 1) {
        tx.append(" :thing/n ").append(i % 9 - 2);
      }
      if (i % 4 != 2) {
        tx.append(" :thing/code ").append(i);
      }
      if (i % 3 != 0) {
        tx.append(" :thing/b ").append(i % 2 == 0);
      }
      if (i % 6 != 5) {
        tx.append(" :thing/k :k/").append((char) ('a' + i % 3));
      }
      if (i % 4 != 3) {
        tx.append(" :thing/kind ").append(i % 2 == 0 ? ":kind/big" : ":kind/small");
      }
      if (i > 0 && i % 3 != 1) {
        tx.append(" :thing/owner \"t").append(i / 2).append("\"");
      }
      if (i % 5 != 4) {
        tx.append(" :thing/x ").append(i * 0.5);
      }
      tx.append(" :thing/ts #inst \"2020-01-0").append(1 + i % 9).append("T00:00:00Z\"");
      tx.append(" :thing/id #uuid \"00000000-0000-0000-0000-0000000000").append(10 + i).append("\"");
      tx.append("}");
    }
    nativeConn.transact(tx.append("]").toString());
    conn = (JdbcConnection) DriverManager.getConnection("jdbc:datolite:mem:" + NAME);
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
    nativeConn.close();
    System.clearProperty(SimpleSelect.PROPERTY);
  }

  private static SqlModel model() {
    return SqlModel.cached(nativeConn.db().schema());
  }

  /** Whether the fast path takes a statement. */
  private static boolean simple(String sql) {
    return SimpleSelect.prepare(model(), sql) != null;
  }

  /** Everything a client sees of a statement run with the fast path on or off. */
  private static List<String> run(String sql, boolean fast, Object... params) throws SQLException {
    System.setProperty(SimpleSelect.PROPERTY, Boolean.toString(fast));
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      List<String> out = new ArrayList<>();
      ParameterMetaData pm = ps.getParameterMetaData();
      for (int i = 1; i <= pm.getParameterCount(); i++) {
        out.add("param " + pm.getParameterType(i) + " " + pm.getParameterTypeName(i) + " " + pm.getPrecision(i) + " "
            + pm.getScale(i) + " " + pm.getParameterClassName(i));
      }
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        for (int i = 1; i <= n; i++) {
          out.add("column " + md.getColumnLabel(i) + " " + md.getColumnName(i) + " " + md.getColumnType(i) + " "
              + md.getColumnTypeName(i) + " " + md.getPrecision(i) + " " + md.getScale(i) + " " + md.isNullable(i)
              + " " + md.getTableName(i) + " " + md.getSchemaName(i) + " " + md.getColumnClassName(i) + " "
              + md.getColumnDisplaySize(i));
        }
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            row.append(rs.getObject(i)).append('|');
          }
          rows.add(row.toString());
        }
        rows.sort(null);
        out.addAll(rows);
      }
      return out;
    } finally {
      System.clearProperty(SimpleSelect.PROPERTY);
    }
  }

  /** Asserts that the fast path takes the statement and shows what the planner shows. */
  private static void same(String sql, Object... params) throws SQLException {
    assertTrue(simple(sql), "the fast path declined: " + sql);
    assertEquals(run(sql, false, params), run(sql, true, params), sql + " " + Arrays.toString(params));
  }

  @Test
  void handWritten_sameAsPlanned() throws SQLException {
    same("SELECT * FROM thing");
    same("select name, n from THING where n > 1");
    same("SELECT name FROM thing WHERE name = 'bb'");
    same("SELECT t.name, t.n AS m FROM thing t WHERE t.n <= 3 AND t.n >= -1");
    same("SELECT name nm FROM thing AS t WHERE 2 < n");
    same("SELECT db_id FROM thing WHERE db_id = 17592186045430");
    same("SELECT name, code FROM thing WHERE code = 12");
    same("SELECT name FROM thing WHERE code >= 40 AND name <> 'a'");
    same("SELECT b, name FROM thing WHERE b = TRUE");
    same("SELECT k, kind FROM thing WHERE k = ':k/a' AND kind = ':kind/big'");
    same("SELECT kind FROM thing WHERE kind > ':kind/big'");
    same("SELECT k FROM thing WHERE k = 'k/a'");
    same("SELECT kind FROM thing WHERE kind = 'kind/big'");
    same("SELECT name FROM thing WHERE n IS NULL");
    same("SELECT name, x, ts, id, owner FROM thing WHERE owner IS NOT NULL AND n != 0");
    same("SELECT name FROM thing WHERE name = 'it''s'");
    same("SELECT name FROM thing WHERE n = -2");
    same("SELECT name FROM thing WHERE n = 1000000000000");
    same("SELECT owner FROM thing WHERE owner = 17592186045431");
    same("SELECT name, n FROM thing WHERE n BETWEEN 0 AND 3");
    same("SELECT name FROM thing WHERE name BETWEEN 'a' AND 'bb' AND n > 0");
    same("SELECT code FROM thing WHERE code BETWEEN 40 AND 10");
    same("SELECT * FROM thing LIMIT 3");
    same("SELECT name FROM thing t LIMIT 0");
    same("SELECT name, code FROM thing WHERE code > 20 LIMIT 4");
    same("SELECT name FROM thing WHERE name = 'bb' LIMIT 2");
  }

  @Test
  void parameters_sameAsPlanned() throws SQLException {
    same("SELECT name, n FROM thing WHERE n > ?", 1);
    same("SELECT name FROM thing WHERE name = ? AND n = ?", "bb", 3L);
    same("SELECT name FROM thing WHERE ? = code", 12);
    same("SELECT b FROM thing WHERE b = ?", true);
    same("SELECT name FROM thing WHERE n = ?", (Object) null);
    same("SELECT k FROM thing WHERE k = ?", ":k/b");
    same("SELECT name FROM thing WHERE kind = ?", ":kind/big");
    same("SELECT name FROM thing WHERE kind <> ?", ":kind/big");
    same("SELECT db_id, name FROM thing WHERE db_id = ?", 17592186045431L);
    same("SELECT name FROM thing WHERE n >= ? AND n < ?", -1, 4);
    same("SELECT name FROM thing WHERE code BETWEEN ? AND ?", 10, 30);
    same("SELECT db_id FROM thing WHERE db_id BETWEEN ? AND ? LIMIT 5", 0L, 17592186045440L);
  }

  @Test
  void otherShapes_leftToThePlanner() throws SQLException {
    for (String sql : List.of(
        "SELECT name FROM thing ORDER BY name",
        "SELECT DISTINCT name FROM thing",
        "SELECT COUNT(*) FROM thing",
        "SELECT name FROM thing WHERE n > 1 OR n < 0",
        "SELECT name FROM thing WHERE n IN (1, 2)",
        "SELECT name FROM thing WHERE n NOT BETWEEN 1 AND 2",
        "SELECT name FROM thing WHERE n BETWEEN SYMMETRIC 1 AND 2",
        "SELECT name FROM thing WHERE kind BETWEEN ':kind/big' AND ':kind/small'",
        "SELECT name FROM thing LIMIT ?",
        "SELECT name FROM thing LIMIT 1 OFFSET 1",
        "SELECT name FROM thing LIMIT 9999999999",
        "SELECT name FROM thing WHERE name LIKE 'b%'",
        "SELECT \"NAME\" FROM thing",
        "SELECT name FROM \"THING\"",
        "SELECT name FROM thing WHERE x > 1",
        "SELECT name FROM thing WHERE x > 1.5",
        "SELECT name FROM thing WHERE n = 1.5",
        "SELECT name FROM thing WHERE n = '1'",
        "SELECT name FROM thing WHERE name = 1",
        "SELECT name FROM thing WHERE n = NULL",
        "SELECT name FROM thing WHERE n = 99999999999999999999",
        "SELECT name FROM thing WHERE ts > TIMESTAMP '2020-01-01 00:00:00'",
        "SELECT name FROM thing WHERE id = '00000000-0000-0000-0000-000000000010'",
        "SELECT name, name FROM thing",
        "SELECT name FROM thing;",
        "SELECT name FROM thing -- a comment",
        "SELECT name FROM thing /* a comment */",
        "SELECT name FROM thing FOR SYSTEM_TIME AS OF TIMESTAMP '2020-01-01 00:00:00'",
        "SELECT name FROM public.thing",
        "SELECT thing.name FROM thing t",
        "SELECT nope FROM thing",
        "SELECT name FROM nothing",
        "SELECT name FROM thing_kind",
        "SELECT value FROM thing",
        "SELECT name FROM thing WHERE n > 1 AND",
        "SELECT name, FROM thing",
        "EXPLAIN PLAN FOR SELECT name FROM thing",
        "SELECT n + 1 FROM thing")) {
      assertNull(SimpleSelect.prepare(model(), sql), sql);
    }
    // the planner's errors stay theirs
    SQLException e = assertThrows(SQLException.class, () -> conn.prepareStatement("SELECT nope FROM thing"));
    assertEquals("42703", e.getSQLState(), e.getMessage());
    e = assertThrows(SQLException.class, () -> conn.prepareStatement("SELECT name FROM nothing"));
    assertEquals("42P01", e.getSQLState(), e.getMessage());
  }

  @Test
  void badParameterValues_failAsPlanned() throws SQLException {
    String sql = "SELECT name FROM thing WHERE n = ?";
    assertNotNull(SimpleSelect.prepare(model(), sql));
    List<String> failures = new ArrayList<>();
    for (boolean fast : new boolean[] {false, true}) {
      System.setProperty(SimpleSelect.PROPERTY, Boolean.toString(fast));
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        SQLException e = assertThrows(SQLException.class, () -> {
          ps.setString(1, "three");
          ps.executeQuery();
        });
        failures.add(e.getSQLState() + " " + e.getMessage());
      } finally {
        System.clearProperty(SimpleSelect.PROPERTY);
      }
    }
    assertEquals(failures.get(0), failures.get(1));
    assertTrue(failures.get(0).startsWith("22023"), failures.get(0));
  }

  @Test
  void randomStatements_sameAsPlanned() {
    AtomicInteger taken = new AtomicInteger();
    Seeds.check(150, random -> {
      List<Object> params = new ArrayList<>();
      String sql = statement(random, params);
      if (simple(sql)) {
        taken.incrementAndGet();
      }
      assertEquals(run(sql, false, params.toArray()), run(sql, true, params.toArray()), sql + " " + params);
    });
    assertTrue(taken.get() > 100, "the fast path took only " + taken + " of 150 generated statements");
  }

  /** A random statement of the simple shape, its parameters' values added to {@code params}. */
  private static String statement(Random random, List<Object> params) {
    String alias = random.nextInt(3) == 0 ? "t" : null;
    String qualifier = alias != null && random.nextBoolean() ? alias + "." : "";
    StringBuilder sql = new StringBuilder(random.nextBoolean() ? "SELECT " : "select ");
    if (random.nextInt(6) == 0) {
      sql.append('*');
    } else {
      List<String> shown = new ArrayList<>(Arrays.asList(SHOWN));
      Collections.shuffle(shown, random);
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        String c = shown.get(i);
        sql.append(i == 0 ? "" : ", ").append(qualifier).append(random.nextBoolean() ? c : c.toLowerCase());
        if (random.nextInt(5) == 0) {
          sql.append(random.nextBoolean() ? " AS " : " ").append("c").append(i);
        }
      }
    }
    sql.append(" FROM thing");
    if (alias != null) {
      sql.append(random.nextBoolean() ? " AS " : " ").append(alias);
    }
    int conditions = random.nextInt(4);
    for (int i = 0; i < conditions; i++) {
      sql.append(i == 0 ? " WHERE " : " AND ");
      String[] col = COMPARED[random.nextInt(COMPARED.length)];
      String c = qualifier + col[0];
      int form = random.nextInt(9);
      if (form == 0) {
        sql.append(c).append(random.nextBoolean() ? " IS NULL" : " IS NOT NULL");
        continue;
      }
      if (form == 8 && !col[0].equals("KIND")) {
        sql.append(c).append(" BETWEEN ").append(col[1 + random.nextInt(col.length - 1)]).append(" AND ")
            .append(col[1 + random.nextInt(col.length - 1)]);
        continue;
      }
      String op = new String[] {"=", "<>", "!=", "<", "<=", ">", ">="}[random.nextInt(7)];
      if (col[0].equals("KIND") && !op.equals("=") && !op.equals("<>")) {
        op = "=";
      }
      String value = col[1 + random.nextInt(col.length - 1)];
      if (form == 1 && !col[0].equals("KIND")) { // a parameter, bound to the literal's value
        params.add(value(col[0], value));
        value = "?";
      }
      if (form == 2) {
        sql.append(value).append(' ').append(flip(op)).append(' ').append(c);
      } else {
        sql.append(c).append(' ').append(op).append(' ').append(value);
      }
    }
    if (random.nextInt(6) == 0) {
      sql.append(" LIMIT ").append(random.nextInt(8));
    }
    return sql.toString();
  }

  private static String flip(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> op;
    };
  }

  private static Object value(String column, String literal) {
    if (literal.startsWith("'")) {
      return literal.substring(1, literal.length() - 1).replace("''", "'");
    }
    if (column.equals("B")) {
      return Boolean.valueOf(literal);
    }
    return Long.valueOf(literal);
  }

  @Test
  void reservedWords_areTheParsers() {
    SqlAbstractParserImpl.Metadata m = SqlParser.create("", SqlParser.config().withLex(Lex.ORACLE)
        .withCaseSensitive(false).withConformance(SqlConformanceEnum.LENIENT)).getMetadata();
    TreeSet<String> reserved = new TreeSet<>();
    for (String t : m.getTokens()) {
      if (m.isReservedWord(t) && t.matches("[A-Z][A-Z0-9_$]*")) {
        reserved.add(t);
      }
    }
    TreeSet<String> declined = new TreeSet<>();
    for (String t : m.getTokens()) {
      if (t.matches("[A-Z][A-Z0-9_$]*") && !simple("SELECT name AS " + t + " FROM thing")) {
        declined.add(t); // a keyword the fast path takes for no label
      }
    }
    assertEquals(reserved, declined);
    assertTrue(simple("SELECT name AS label FROM thing"));
  }
}
