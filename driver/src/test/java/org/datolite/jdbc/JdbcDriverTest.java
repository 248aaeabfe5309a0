package org.datolite.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDBC driver end to end over an in-memory database: SQL reads, types, errors, metadata. */
class JdbcDriverTest {
  private static final String NAME = "jdbc-driver-test";
  private static final String URL = "jdbc:datolite:mem:" + NAME;
  private static DatoliteConnection nativeConn;
  private static Connection conn;
  private static long ann;
  private static long firstT;

  @BeforeAll
  static void load() throws SQLException {
    nativeConn = Datolite.connect("mem:" + NAME, null);
    nativeConn.transact("[{:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one"
        + " :db/unique :db.unique/identity}"
        + " {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/score :db/valueType :db.type/double :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/born :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/id :db/valueType :db.type/uuid :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/balance :db/valueType :db.type/bigdec :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/alias :db/valueType :db.type/string :db/cardinality :db.cardinality/many}"
        + " {:db/ident :person/employer :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}"
        + " {:db/ident :company/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]");
    firstT = nativeConn.db().basisT();
    ann = nativeConn.transact("[{:db/id \"acme\" :company/name \"Acme\"}"
        + " {:db/id \"ann\" :person/name \"Ann\" :person/age 30 :person/score 1.5 :person/born #inst \"1990-05-01T10:20:30.123Z\""
        + "  :person/id #uuid \"5b2d7c1e-8d7a-4a1e-9a40-3f6a2c9d0b11\" :person/balance 12345678901234567890.123456789M"
        + "  :person/alias [\"Annie\" \"A\"] :person/employer \"acme\"}"
        + " {:db/id \"bob\" :person/name \"Zoë ✓\" :person/age 41}"
        + " {:db/id \"cid\" :person/alias [\"Cid\"]}]").tempids().get("ann");
    conn = DriverManager.getConnection(URL);
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
    nativeConn.close();
  }

  private static List<List<Object>> rows(ResultSet rs) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getObject(i));
      }
      out.add(row);
    }
    rs.close();
    return out;
  }

  private static List<List<Object>> query(String sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      return rows(s.executeQuery(sql));
    }
  }

  @Test
  void entityTable_missingAttributesReadNull_andEveryMemberIsARow() throws SQLException {
    assertEquals(List.of(List.of("Ann", 30L), List.of("Zoë ✓", 41L), Arrays.asList(null, null)),
        query("select name, age from person order by age nulls last"));
    assertEquals(List.of(List.of(3L)), query("SELECT COUNT(*) FROM Person"));
  }

  @Test
  void childTable_holdsEachValueOfACardinalityManyAttribute() throws SQLException {
    assertEquals(List.of(List.of("A"), List.of("Annie"), List.of("Cid")),
        query("SELECT alias FROM person_alias ORDER BY alias"));
    // Cid has only an alias: still a PERSON row, its name NULL
    assertEquals(List.of(List.of("Ann", "A"), List.of("Ann", "Annie"), Arrays.asList(null, "Cid")),
        query("SELECT p.name, a.alias FROM person p JOIN person_alias a ON a.person_id = p.db_id ORDER BY 2"));
  }

  @Test
  void refs_joinToTheirEntityTable() throws SQLException {
    assertEquals(List.of(List.of("Ann", "Acme")),
        query("SELECT p.name, c.name FROM person p JOIN company c ON p.employer = c.db_id"));
  }

  @Test
  void aDateBoundToATimestamp_isItsMidnight() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT name FROM person WHERE born BETWEEN ? AND ?")) {
      ps.setObject(1, LocalDate.of(1990, 5, 1));
      ps.setDate(2, Date.valueOf("1990-05-02"));
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "Ann, born 1990-05-01T10:20:30Z, is between the two midnights");
        assertEquals("Ann", rs.getString(1));
      }
      ps.setObject(1, LocalDate.of(1990, 5, 2));
      try (ResultSet rs = ps.executeQuery()) {
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void types_roundTripExactly() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT born, id, balance, score, name FROM person WHERE db_id = ?")) {
      ps.setLong(1, ann);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(Instant.parse("1990-05-01T10:20:30.123Z"), rs.getObject(1, Instant.class));
        assertEquals(OffsetDateTime.parse("1990-05-01T10:20:30.123Z"), rs.getObject("born", OffsetDateTime.class));
        assertEquals(LocalDateTime.parse("1990-05-01T10:20:30.123"), rs.getObject(1, LocalDateTime.class));
        assertEquals("1990-05-01 10:20:30.123", rs.getString(1));
        assertEquals(UUID.fromString("5b2d7c1e-8d7a-4a1e-9a40-3f6a2c9d0b11"), rs.getObject(2, UUID.class));
        assertEquals(new BigDecimal("12345678901234567890.123456789"), rs.getBigDecimal(3));
        assertEquals(1.5, rs.getDouble(4));
        assertEquals("Ann", rs.getString("NAME"));
        ResultSetMetaData md = rs.getMetaData();
        assertEquals(Types.TIMESTAMP, md.getColumnType(1));
        assertEquals(Types.DECIMAL, md.getColumnType(3));
        assertEquals("PERSON", md.getTableName(5));
        assertFalse(rs.next());
      }
    }
    assertEquals(List.of(List.of("Zoë ✓")), query("SELECT name FROM person WHERE name = 'Zoë ✓'"));
  }

  @Test
  void prepared_lookupsByIdAndByValue_rebindWithoutReplanning() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT age FROM person WHERE name = ?")) {
      ps.setString(1, "Ann");
      assertEquals(List.of(List.of(30L)), rows(ps.executeQuery()));
      ps.setString(1, "Zoë ✓");
      assertEquals(List.of(List.of(41L)), rows(ps.executeQuery()));
      ps.setString(1, "nobody");
      assertEquals(List.of(), rows(ps.executeQuery()));
      assertEquals(Types.VARCHAR, ps.getParameterMetaData().getParameterType(1));
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT name FROM person WHERE age > ? AND age <= ?")) {
      ps.setInt(1, 30);
      ps.setInt(2, 41);
      assertEquals(List.of(List.of("Zoë ✓")), rows(ps.executeQuery()));
    }
    String plan = (String) query("EXPLAIN PLAN FOR SELECT age FROM person WHERE name = 'Ann'").get(0).get(0);
    assertTrue(plan.contains("AVET"), plan);
    plan = (String) query("EXPLAIN PLAN FOR SELECT name FROM person WHERE age >= ? AND age <= ?").get(0).get(0);
    assertTrue(plan.contains("AGE [?0, ?1]"), plan); // both ends bound one AVET range
    plan = (String) query("EXPLAIN PLAN FOR SELECT age FROM person WHERE db_id = 5").get(0).get(0);
    assertTrue(plan.contains("EAVT"), plan);
  }

  @Test
  void idLookup_findsExactlyTheRowsItsConditionAccepts_soTheConditionIsNotTestedAgain() throws SQLException {
    long acme = (Long) query("SELECT employer FROM person WHERE name = 'Ann'").get(0).get(0);
    // duplicates, a fraction, NULL, an entity of another table and one that does not exist
    assertEquals(List.of(List.of("Ann")), query("SELECT name FROM person WHERE db_id IN (" + ann + ", " + ann
        + ", 1.5, NULL, " + acme + ", 999999)"));
    assertEquals(List.of(), query("SELECT name FROM person WHERE db_id = " + ann + ".5"));
    assertEquals(List.of(List.of("Ann")), query("SELECT name FROM person WHERE db_id = " + ann + ".0"));
    try (PreparedStatement ps = conn.prepareStatement("SELECT name FROM person WHERE db_id = ? AND age > 10")) {
      ps.setLong(1, ann);
      assertEquals(List.of(List.of("Ann")), rows(ps.executeQuery()));
      ps.setNull(1, Types.BIGINT);
      assertEquals(List.of(), rows(ps.executeQuery()));
    }
    String plan = (String) query("EXPLAIN PLAN FOR SELECT name FROM person WHERE db_id IN (1, 2, 3)").get(0).get(0);
    assertTrue(plan.contains("lookup=[DB_ID in [1, 2, 3]]") && !plan.contains("SEARCH"), plan);
    plan = (String) query("EXPLAIN PLAN FOR SELECT name FROM person WHERE db_id = ? AND age > 10").get(0).get(0);
    assertTrue(plan.contains("lookup=[DB_ID in [?0]]") && plan.contains(">($") && !plan.contains("?0)"), plan);
  }

  @Test
  void aggregates_inAndLike() throws SQLException {
    assertEquals(List.of(List.of(71L, 30L, 41L)), query("SELECT SUM(age), MIN(age), MAX(age) FROM person"));
    assertEquals(List.of(List.of("Ann")), query("SELECT name FROM person WHERE name LIKE 'An%'"));
    assertEquals(List.of(List.of(2L)), query("SELECT COUNT(*) FROM person WHERE name IN ('Ann', 'Zoë ✓', 'x')"));
  }

  @Test
  void errors_carryTheirSqlState_andLeaveTheConnectionUsable() throws SQLException {
    SQLException e = assertThrows(SQLSyntaxErrorException.class, () -> query("SELECT * FROM nowhere"));
    assertEquals("42P01", e.getSQLState());
    e = assertThrows(SQLSyntaxErrorException.class, () -> query("SELECT nope FROM person"));
    assertEquals("42703", e.getSQLState());
    e = assertThrows(SQLSyntaxErrorException.class, () -> query("SELEKT 1"));
    assertEquals("42601", e.getSQLState());
    e = assertThrows(SQLFeatureNotSupportedException.class, () -> conn.createStatement().executeUpdate(
        "CREATE SEQUENCE thing_ids"));
    assertTrue(e.getMessage().contains("CREATE TABLE"), e.getMessage());
    e = assertThrows(SQLFeatureNotSupportedException.class, () -> conn.createStatement().execute("DROP TABLE person"));
    assertEquals("0A000", e.getSQLState());
    assertTrue(e.getMessage().contains("transacting schema"), e.getMessage());
    e = assertThrows(SQLException.class, () -> query("SELECT 1 / 0 FROM person"));
    assertEquals("22012", e.getSQLState());
    assertEquals(List.of(List.of(1)), query("SELECT 1"));
  }

  @Test
  void rawTables_andTransactions() throws SQLException {
    List<List<Object>> rows = query("SELECT a, v FROM datoms.eavt WHERE e = " + ann + " AND a = ':person/name'");
    assertEquals(List.of(List.of(":person/name", "\"Ann\"")), rows);
    assertFalse(query("SELECT t, tx, instant FROM datoms.transactions").isEmpty());
  }

  @Test
  void asOf_readsAnEarlierValue() throws SQLException {
    Properties p = new Properties();
    p.setProperty("as-of", Long.toString(firstT));
    try (Connection old = DriverManager.getConnection(URL, p)) {
      try (ResultSet rs = old.createStatement().executeQuery("SELECT COUNT(*) FROM person")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(1));
      }
    }
  }

  @Test
  void forSystemTimeAsOf_readsAnEarlierValue_byTimestampOrBasisT() throws SQLException {
    assertEquals(List.of(List.of(0L)), query("SELECT COUNT(*) FROM person FOR SYSTEM_TIME AS OF BASIS_T(" + firstT + ")"));
    assertEquals(List.of(List.of(3L)), query("SELECT COUNT(*) FROM person FOR SYSTEM_TIME AS OF BASIS_T("
        + (firstT + 1) + ")"));
    String instant = (String) query("SELECT CAST(instant AS VARCHAR(40)) FROM datoms.transactions WHERE t = " + firstT)
        .get(0).get(0);
    assertEquals(List.of(List.of(0L)), query("SELECT COUNT(*) FROM person FOR SYSTEM_TIME AS OF TIMESTAMP '"
        + instant + "' AS p"));
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT p.name FROM person FOR SYSTEM_TIME AS OF CAST(? AS TIMESTAMP) AS p WHERE p.name = 'Ann'")) {
      ps.setObject(1, Instant.now().plusSeconds(60));
      assertEquals(List.of(List.of("Ann")), rows(ps.executeQuery()));
      ps.setObject(1, Instant.parse("2000-01-01T00:00:00Z"));
      assertEquals(List.of(), rows(ps.executeQuery()));
    }
    SQLException e = assertThrows(SQLException.class, () -> query(
        "SELECT COUNT(*) FROM person FOR SYSTEM_TIME AS OF CURRENT_TIMESTAMP - INTERVAL '1' DAY"));
    assertEquals("0A000", e.getSQLState(), e.getMessage());
  }

  @Test
  void datalog_isATableFunctionOnTheStatementsValue() throws SQLException {
    assertEquals(List.of(List.of("Ann", 30L), List.of("Zoë ✓", 41L)), query(
        "SELECT * FROM TABLE(DATALOG('[:find ?name ?age :where [?e :person/name ?name] [?e :person/age ?age]]'))"
            + " ORDER BY age"));
    assertEquals(List.of(List.of("Zoë ✓")), query("SELECT d.name FROM DATALOG('[:find ?name :in $ ?min :where"
        + " [?e :person/age ?a] [(> ?a ?min)] [?e :person/name ?name]]', '35') AS d"));
    assertEquals(List.of(List.of("Ann", "Acme")), query("SELECT d.name, c.name FROM DATALOG('[:find ?e ?name :where"
        + " [?e :person/name ?name]]') AS d JOIN person p ON p.db_id = d.e JOIN company c ON c.db_id = p.employer"));
    ResultSetMetaData md = conn.createStatement().executeQuery(
        "SELECT * FROM TABLE(DATALOG('[:find ?e (count ?a) :where [?e :person/alias ?a]]'))").getMetaData();
    assertEquals("E", md.getColumnName(1));
    assertEquals(Types.BIGINT, md.getColumnType(1));
    assertEquals("COUNT_A", md.getColumnName(2));
    SQLException e = assertThrows(SQLException.class, () -> query("SELECT * FROM TABLE(DATALOG('[:find ?x . :where"
        + " [?x :person/name]]'))"));
    assertTrue(e.getSQLState().startsWith("42"), e.getSQLState() + " " + e.getMessage());
    e = assertThrows(SQLException.class, () -> query("SELECT * FROM TABLE(DATALOG('[:find ?x :where'))"));
    assertTrue(e.getSQLState().startsWith("42"), e.getSQLState() + " " + e.getMessage());
  }

  @Test
  void eightTableJoin_plansAndRuns() throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT p0.name FROM person p0");
    for (int i = 1; i < 8; i++) {
      sql.append(" JOIN person p").append(i).append(" ON p").append(i).append(".db_id = p").append(i - 1)
          .append(".db_id");
    }
    sql.append(" WHERE p7.name = 'Ann'");
    assertEquals(List.of(List.of("Ann")), query(sql.toString()));
  }

  @Test
  void cancel_fromAnotherThread_stopsTheStatementWith57014_andTheConnectionStaysUsable() throws Exception {
    try (Statement s = conn.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT a.db_id FROM person a, person b, person c, person d, person e, person f,"
          + " person g, person h, person i, person j, person k");
      assertTrue(rs.next());
      Thread t = new Thread(() -> {
        try {
          s.cancel();
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      t.start();
      t.join();
      SQLException e = assertThrows(SQLException.class, () -> {
        while (rs.next()) {
          rs.getLong(1);
        }
      });
      assertEquals("57014", e.getSQLState());
    }
    assertEquals(List.of(List.of(1)), query("SELECT 1"));
  }

  @Test
  void recursiveQuery_thatNeverEnds_isStoppedByItsTimeout() throws Exception {
    try (Statement s = conn.createStatement()) {
      s.setQueryTimeout(1);
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
          "WITH RECURSIVE t(n) AS (VALUES 1 UNION ALL SELECT n + 1 FROM t) SELECT COUNT(*) FROM t").next());
      assertEquals("57014", e.getSQLState());
    }
    assertEquals(List.of(List.of(1)), query("SELECT 1"));
  }

  @Test
  void recursiveQuery_twoInterleavedExecutions_eachHaveTheirOwnWorkingTable() throws SQLException {
    String sql = "WITH RECURSIVE t(n) AS (VALUES 1 UNION ALL SELECT n + 1 FROM t WHERE n < 300) SELECT n FROM t";
    try (Statement a = conn.createStatement(); Statement b = conn.createStatement();
        ResultSet ra = a.executeQuery(sql); ResultSet rb = b.executeQuery(sql)) {
      for (int n = 1; n <= 300; n++) {
        assertTrue(ra.next() && rb.next());
        assertEquals(n, ra.getInt(1));
        assertEquals(n, rb.getInt(1));
      }
      assertFalse(ra.next() || rb.next());
    }
  }

  @Test
  void cancel_reachesARunningDatalogQuery() throws Exception {
    StringBuilder ns = new StringBuilder("[");
    for (int i = 0; i < 150; i++) {
      ns.append(i).append(' ');
    }
    String list = ns.append(']').toString();
    try (Statement s = conn.createStatement()) {
      // 3.4 million bindings before the predicate empties them: seconds of work, stopped within a few ms of cancel()
      String sql = "SELECT * FROM TABLE(DATALOG('[:find ?a :in $ [?a ...] [?b ...] [?c ...] :where [(+ ?a ?b) ?s]"
          + " [(+ ?s ?c) ?t] [(< ?t 0)]]', '" + list + "', '" + list + "', '" + list + "'))";
      Thread canceller = new Thread(() -> {
        try {
          Thread.sleep(100);
          s.cancel();
        } catch (InterruptedException | SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      canceller.start();
      long t0 = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql).next());
      canceller.join();
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(System.nanoTime() - t0 < 60_000_000_000L);
    }
    assertEquals(List.of(List.of(1)), query("SELECT 1"));
  }

  @Test
  void queryTimeout_stopsALongStatementWithSqlTimeoutException() throws Exception {
    try (Statement s = conn.createStatement()) {
      s.setQueryTimeout(1);
      ResultSet rs = s.executeQuery("SELECT a.db_id FROM person a, person b, person c, person d, person e, person f,"
          + " person g, person h, person i, person j, person k, person l, person m, person n");
      SQLException e = assertThrows(SQLException.class, () -> {
        while (rs.next()) {
          rs.getLong(1);
        }
      });
      assertEquals("57014", e.getSQLState());
      assertInstanceOf(SQLTimeoutException.class, e);
    }
  }

  @Test
  void maxRows_andFetchSize_areHonoured() throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.setMaxRows(2);
      s.setFetchSize(1);
      assertEquals(2, rows(s.executeQuery("SELECT a.db_id FROM person a, person b")).size());
    }
  }

  @Test
  void connection_unwrapsToTheNativeApi_isValid_andRejectsBadProperties() throws SQLException {
    DatoliteConnection n = conn.unwrap(DatoliteConnection.class);
    assertEquals(nativeConn.db().basisT(), n.db().basisT());
    assertTrue(conn.isValid(1));
    conn.setAutoCommit(false);
    conn.commit();
    conn.rollback();
    conn.setAutoCommit(true);
    conn.setReadOnly(true);
    conn.setReadOnly(false);
    Properties bad = new Properties();
    bad.setProperty("no-such-property", "1");
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(URL, bad));
    assertTrue(e.getMessage().contains("no-such-property"), e.getMessage());
    assertNull(new Driver().connect("jdbc:postgresql://x/y", new Properties()));
    assertFalse(new Driver().acceptsURL("jdbc:h2:mem:x"));
  }

  @Test
  void metadata_answersFromTheSchema() throws SQLException {
    DatabaseMetaData md = conn.getMetaData();
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    assertEquals(List.of("COMPANY", "PERSON", "PERSON_ALIAS"), tables);
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, "PUBLIC", "PERSON", null)) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
      }
    }
    assertEquals(List.of("DB_ID:BIGINT", "AGE:BIGINT", "BALANCE:DECIMAL", "BORN:TIMESTAMP", "EMPLOYER:BIGINT",
        "ID:VARCHAR", "NAME:VARCHAR", "SCORE:DOUBLE"), columns);
    try (ResultSet rs = md.getPrimaryKeys(null, "PUBLIC", "PERSON")) {
      assertTrue(rs.next());
      assertEquals("DB_ID", rs.getString("COLUMN_NAME"));
    }
    try (ResultSet rs = md.getImportedKeys(null, "PUBLIC", "PERSON_ALIAS")) {
      assertTrue(rs.next());
      assertEquals("PERSON", rs.getString("PKTABLE_NAME"));
      assertEquals("PERSON_ID", rs.getString("FKCOLUMN_NAME"));
    }
    for (ResultSet rs : List.of(md.getTypeInfo(), md.getSchemas(), md.getCatalogs(), md.getTableTypes(),
        md.getIndexInfo(null, "PUBLIC", "PERSON", false, true), md.getFunctions(null, null, "%"),
        md.getProcedures(null, null, "%"), md.getUDTs(null, null, "%", null), md.getClientInfoProperties())) {
      assertInstanceOf(ResultSet.class, rs);
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }
}
