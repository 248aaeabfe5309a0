package org.datolite.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQL writes through JDBC over an in-memory database: prepared INSERT, UPDATE and DELETE with
 * parameters (NULL bound every way), generated keys, batches as one transaction, read-only
 * connections, and JDBC transactions (own writes, commit, rollback, savepoints, conflicts).
 * The statement forms and their rows are in {@code sql-tests}' {@code writes.sql}.
 */
class SqlWritesTest {
  private static int databases;
  private String url;
  private DatoliteConnection nativeConn;
  private Connection conn;

  @BeforeEach
  void open() throws SQLException {
    String name = "sql-writes-test-" + ++databases;
    url = "jdbc:datolite:mem:" + name;
    nativeConn = Datolite.connect("mem:" + name, null);
    nativeConn.transact("[{:db/ident :account/number :db/valueType :db.type/string :db/cardinality :db.cardinality/one"
        + " :db/unique :db.unique/identity}"
        + " {:db/ident :account/owner :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :account/balance :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :account/opened :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}"
        + " {:db/ident :account/tag :db/valueType :db.type/string :db/cardinality :db.cardinality/many}]");
    conn = DriverManager.getConnection(url);
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
    nativeConn.close();
  }

  private List<List<Object>> query(Connection c, String sql) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  private long t() {
    return nativeConn.db().basisT();
  }

  private long balance(Connection c, String number) throws SQLException {
    return (Long) query(c, "SELECT BALANCE FROM ACCOUNT WHERE NUMBER = '" + number + "'").get(0).get(0);
  }

  @Test
  void preparedInsert_bindsEveryKindOfNull_andReturnsGeneratedKeys() throws SQLException {
    try (PreparedStatement p = conn.prepareStatement(
        "INSERT INTO ACCOUNT (NUMBER, OWNER, BALANCE) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ParameterMetaData m = p.getParameterMetaData();
      assertEquals(3, m.getParameterCount());
      assertEquals(Types.VARCHAR, m.getParameterType(1));
      assertEquals(Types.BIGINT, m.getParameterType(3));
      assertNull(p.getMetaData(), "an INSERT has no result set");
      int[] nullTypes = {Types.NULL, Types.OTHER, Types.VARCHAR};
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < nullTypes.length; i++) {
        p.setString(1, "n" + i);
        p.setNull(2, nullTypes[i]);
        p.setLong(3, 10L * i);
        assertEquals(1, p.executeUpdate());
        assertEquals(1, p.getUpdateCount());
        try (ResultSet keys = p.getGeneratedKeys()) {
          assertTrue(keys.next());
          assertEquals("DB_ID", keys.getMetaData().getColumnLabel(1));
          ids.add(keys.getLong(1));
          assertFalse(keys.next());
        }
      }
      p.setString(1, "n9");
      p.setObject(2, null);
      p.setNull(3, Types.BIGINT);
      p.executeUpdate();
      for (int i = 0; i < ids.size(); i++) {
        assertEquals(List.of(List.of("n" + i)), query(conn, "SELECT NUMBER FROM ACCOUNT WHERE DB_ID = " + ids.get(i)));
      }
      assertEquals(List.of(List.of(4L)), query(conn, "SELECT COUNT(*) FROM ACCOUNT WHERE OWNER IS NULL"));
    }
  }

  @Test
  void rowsWrittenInSql_readInDatalog() throws SQLException {
    conn.createStatement().executeUpdate("INSERT INTO ACCOUNT (NUMBER, OWNER, BALANCE) VALUES ('d1', 'Dee', 12)");
    conn.createStatement().executeUpdate("INSERT INTO ACCOUNT_TAG (ACCOUNT_ID, TAG) SELECT DB_ID, 'vip' FROM ACCOUNT");
    DatoliteConnection n = conn.unwrap(DatoliteConnection.class);
    Object found = n.q("[:find ?o ?b ?t :where [?e :account/number \"d1\"] [?e :account/owner ?o]"
        + " [?e :account/balance ?b] [?e :account/tag ?t]]");
    assertEquals(List.of(List.of("Dee", 12L, "vip")), new ArrayList<>((Collection<?>) found));
  }

  @Test
  void generatedKeys_byNameAndIndex_giveTheInsertedColumns() throws SQLException {
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES (?, ?)",
        new String[] {"db_id", "NUMBER"})) {
      p.setString(1, "k1");
      p.setInt(2, 5);
      p.executeUpdate();
      ResultSet keys = p.getGeneratedKeys();
      assertTrue(keys.next());
      assertEquals(query(conn, "SELECT DB_ID FROM ACCOUNT WHERE NUMBER = 'k1'").get(0).get(0), keys.getLong(1));
      assertEquals("k1", keys.getString("NUMBER"));
    }
    Statement s = conn.createStatement();
    s.executeUpdate("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('k2', 1), ('k3', 2)", new int[] {3});
    ResultSet keys = s.getGeneratedKeys();
    List<Object> numbers = new ArrayList<>();
    while (keys.next()) {
      numbers.add(keys.getObject(1));
    }
    assertEquals(2, numbers.size());
    SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(
        "INSERT INTO ACCOUNT (NUMBER) VALUES ('k4')", new String[] {"NOPE"}));
    assertEquals("42703", e.getSQLState());
    assertEquals(List.of(), query(conn, "SELECT * FROM ACCOUNT WHERE NUMBER = 'k4'"), "nothing written");
  }

  @Test
  void batch_isOneTransaction_withExactCounts_andKeys() throws SQLException {
    long before = t();
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES (?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      for (int i = 0; i < 100; i++) {
        p.setString(1, "b" + i);
        p.setLong(2, i);
        p.addBatch();
      }
      int[] counts = p.executeBatch();
      assertEquals(100, counts.length);
      for (int c : counts) {
        assertEquals(1, c);
      }
      ResultSet keys = p.getGeneratedKeys();
      int n = 0;
      while (keys.next()) {
        n++;
      }
      assertEquals(100, n);
      assertArrayEquals(new int[0], p.executeBatch(), "the batch is empty once run");
    }
    assertEquals(before + 1, t(), "one transaction");
    assertEquals(List.of(List.of(4950L)), query(conn, "SELECT SUM(BALANCE) FROM ACCOUNT"));
  }

  @Test
  void batch_failingEntry_storesNothing_andReportsTheCountsBeforeIt() throws SQLException {
    conn.createStatement().executeUpdate("INSERT INTO ACCOUNT (NUMBER) VALUES ('taken')");
    long before = t();
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO ACCOUNT (NUMBER) VALUES (?)")) {
      for (String n : new String[] {"a", "b", "taken", "c"}) {
        p.setString(1, n);
        p.addBatch();
      }
      BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
      assertEquals("23505", e.getSQLState());
      assertArrayEquals(new int[] {1, 1}, e.getUpdateCounts());
      assertTrue(e.getMessage().contains("entry 3"), e.getMessage());
    }
    assertEquals(before, t(), "nothing stored");
    // a plain statement's batch of texts, with an UPDATE: entry by entry
    Statement s = conn.createStatement();
    s.addBatch("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('x', 1)");
    s.addBatch("UPDATE ACCOUNT SET BALANCE = BALANCE + 1 WHERE NUMBER = 'x'");
    s.addBatch("DELETE FROM ACCOUNT WHERE NUMBER = 'nobody'");
    assertArrayEquals(new int[] {1, 1, 0}, s.executeBatch());
    assertEquals(2L, balance(conn, "x"));
    assertThrows(SQLException.class, () -> s.addBatch("SELECT 1"));
  }

  @Test
  void badWrites_failWithTheirState_andStoreNothing() throws SQLException {
    conn.createStatement().executeUpdate("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('k', 1)");
    String[][] bad = {
        {"INSERT INTO", "42601"},
        {"INSERT INTO ACCOUNT (NUMBER) VALUES ('a'", "42601"},
        {"INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('a')", "42601"},
        {"INSERT INTO ACCOUNT (NUMBER) VALUES ('a', 'b')", "42601"},
        {"INSERT INTO ACCOUNT (NUMBER, NUMBER) VALUES ('a', 'b')", "42701"},
        {"INSERT INTO ACCOUNT (NOPE) VALUES (1)", "42703"},
        {"INSERT INTO NOPE (A) VALUES (1)", "42P01"},
        {"INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('a', 99999999999999999999999)", "22003"},
        {"INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('a', 'x')", "22P02"},
        {"INSERT INTO ACCOUNT (NUMBER, OPENED) VALUES ('a', 5)", "22023"},
        {"INSERT INTO ACCOUNT (NUMBER) VALUES ('k')", "23505"},
        {"INSERT INTO ACCOUNT (NUMBER) SELECT NUMBER FROM ACCOUNT", "23505"},
        {"INSERT INTO ACCOUNT_TAG (ACCOUNT_ID, TAG) VALUES (NULL, 't')", "23502"},
        {"UPDATE ACCOUNT SET BALANCE = 1 WHERE NOPE = 2", "42703"},
        {"UPDATE ACCOUNT SET BALANCE = BALANCE / 0", "22012"},
        {"UPDATE ACCOUNT SET", "42601"},
        {"UPDATE ACCOUNT SET DB_ID = 1", "0A000"},
        {"DELETE FROM ACCOUNT WHERE", "42601"},
        {"DELETE FROM DATOMS.EAVT", "0A000"},
        {"DELETE FROM HISTORY.ACCOUNT", "0A000"},
        {"MERGE INTO ACCOUNT USING NOPE ON 1 = 1 WHEN MATCHED THEN UPDATE SET BALANCE = 1", "42P01"},
    };
    long before = t();
    for (String[] b : bad) {
      SQLException e = assertThrows(SQLException.class, () -> conn.createStatement().executeUpdate(b[0]), b[0]);
      assertEquals(b[1], e.getSQLState(), b[0] + ": " + e.getMessage());
      assertTrue(e.getMessage() != null && e.getMessage().length() > 10, b[0] + ": " + e.getMessage());
    }
    assertEquals(before, t(), "nothing was stored");
    assertEquals(List.of(List.of("k", 1L)), query(conn, "SELECT NUMBER, BALANCE FROM ACCOUNT"));
  }

  @Test
  void misuse_failsClearly() throws SQLException {
    Statement s = conn.createStatement();
    SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("INSERT INTO ACCOUNT (NUMBER) VALUES ('q')"));
    assertTrue(e.getMessage().contains("executeUpdate"), e.getMessage());
    e = assertThrows(SQLException.class, () -> s.executeUpdate("SELECT * FROM ACCOUNT"));
    assertTrue(e.getMessage().contains("executeQuery"), e.getMessage());
    assertFalse(s.execute("INSERT INTO ACCOUNT (NUMBER) VALUES ('q')"));
    assertEquals(1, s.getUpdateCount());
    assertNull(s.getResultSet());
    assertFalse(s.getMoreResults());
    assertEquals(-1, s.getUpdateCount());
    try (PreparedStatement p = conn.prepareStatement("UPDATE ACCOUNT SET BALANCE = ? WHERE NUMBER = ?")) {
      p.setLong(1, 3);
      e = assertThrows(SQLException.class, p::executeUpdate);
      assertTrue(e.getMessage().contains("parameter 2 is not set"), e.getMessage());
      p.setString(2, "q");
      assertEquals(1, p.executeUpdate());
    }
    assertEquals(3L, balance(conn, "q"));
  }

  @Test
  void readOnlyAndTimeTravellingConnections_refuseWrites() throws SQLException {
    conn.setReadOnly(true);
    SQLException e = assertThrows(SQLException.class,
        () -> conn.createStatement().executeUpdate("INSERT INTO ACCOUNT (NUMBER) VALUES ('r')"));
    assertEquals("25006", e.getSQLState());
    conn.setReadOnly(false);
    conn.createStatement().executeUpdate("INSERT INTO ACCOUNT (NUMBER) VALUES ('r')");
    try (Connection past = DriverManager.getConnection(url + "?as-of=1")) {
      e = assertThrows(SQLException.class,
          () -> past.createStatement().executeUpdate("DELETE FROM ACCOUNT"));
      assertEquals("25006", e.getSQLState());
    }
    assertEquals(1, query(conn, "SELECT * FROM ACCOUNT").size());
  }

  @Test
  void transaction_readsItsOwnWrites_andCommitsThemAsOne() throws SQLException {
    conn.setAutoCommit(false);
    long before = t();
    PreparedStatement ins = conn.prepareStatement("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES (?, ?)",
        Statement.RETURN_GENERATED_KEYS);
    ins.setString(1, "t1");
    ins.setLong(2, 100);
    ins.executeUpdate();
    ResultSet k = ins.getGeneratedKeys();
    assertTrue(k.next());
    long id = k.getLong(1);
    conn.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = BALANCE - 30 WHERE DB_ID = " + id);
    conn.createStatement().executeUpdate(
        "INSERT INTO ACCOUNT_TAG (ACCOUNT_ID, TAG) VALUES (" + id + ", 'new')");
    assertEquals(70L, balance(conn, "t1"), "own writes are read");
    try (Connection other = DriverManager.getConnection(url)) {
      assertEquals(List.of(), query(other, "SELECT * FROM ACCOUNT"), "others do not see them yet");
    }
    assertEquals(before + 1, t(), "only the id reservation was transacted so far");
    conn.commit();
    assertEquals(before + 2, t(), "one transaction");
    try (Connection other = DriverManager.getConnection(url)) {
      assertEquals(List.of(List.of(id, 70L)), query(other, "SELECT DB_ID, BALANCE FROM ACCOUNT"),
          "the generated key is the row's id after the commit");
      assertEquals(List.of(List.of("new")), query(other, "SELECT TAG FROM ACCOUNT_TAG"));
    }
    // a transaction that only reads commits without a round trip
    query(conn, "SELECT * FROM ACCOUNT");
    conn.commit();
    assertEquals(before + 2, t());
  }

  @Test
  void rollback_andSavepoints_discardWrites() throws SQLException {
    conn.setAutoCommit(false);
    Statement s = conn.createStatement();
    s.executeUpdate("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('s1', 1)");
    Savepoint one = conn.setSavepoint("one");
    s.executeUpdate("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('s2', 2)");
    Savepoint two = conn.setSavepoint();
    s.executeUpdate("UPDATE ACCOUNT SET BALANCE = 10");
    conn.rollback(two);
    assertEquals(List.of(List.of(3L)), query(conn, "SELECT SUM(BALANCE) FROM ACCOUNT"));
    conn.rollback(one);
    assertEquals(List.of(List.of("s1")), query(conn, "SELECT NUMBER FROM ACCOUNT"));
    SQLException e = assertThrows(SQLException.class, () -> conn.rollback(two));
    assertEquals("3B001", e.getSQLState());
    // a failed statement changes nothing and the transaction goes on
    e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO ACCOUNT (NUMBER) VALUES ('s1')"));
    assertEquals("23505", e.getSQLState());
    s.executeUpdate("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('s3', 3)");
    conn.commit();
    assertEquals(List.of(List.of(4L)), query(conn, "SELECT SUM(BALANCE) FROM ACCOUNT"));
    s.executeUpdate("DELETE FROM ACCOUNT");
    conn.rollback();
    assertEquals(2, query(conn, "SELECT * FROM ACCOUNT").size());
    conn.setAutoCommit(true);
    e = assertThrows(SQLException.class, conn::commit);
    assertEquals("25P01", e.getSQLState());
  }

  @Test
  void conflictingTransactions_oneCommits_theOtherFailsWith40001() throws SQLException {
    conn.createStatement().executeUpdate("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('c', 10), ('d', 10)");
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url)) {
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      assertEquals(10L, balance(a, "c"));
      assertEquals(10L, balance(b, "c"));
      a.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = BALANCE + 1 WHERE NUMBER = 'c'");
      b.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = BALANCE + 2 WHERE NUMBER = 'c'");
      a.commit();
      SQLException e = assertThrows(SQLException.class, b::commit);
      assertEquals("40001", e.getSQLState());
      assertEquals(11L, balance(conn, "c"), "no lost update");
      // transactions on other rows do not conflict
      a.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = 0 WHERE NUMBER = 'c'");
      b.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = 0 WHERE NUMBER = 'd'");
      a.commit();
      b.commit();
      assertEquals(List.of(List.of(0L)), query(conn, "SELECT SUM(BALANCE) FROM ACCOUNT"));
      // a scan reads the whole table: a new row conflicts (no phantom)
      assertEquals(List.of(List.of(2L)), query(a, "SELECT COUNT(*) FROM ACCOUNT"));
      a.createStatement().executeUpdate("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('sum', 2)");
      b.createStatement().executeUpdate("INSERT INTO ACCOUNT (NUMBER) VALUES ('e')");
      b.commit();
      e = assertThrows(SQLException.class, a::commit);
      assertEquals("40001", e.getSQLState());
    }
  }

  @Test
  void increments_commute_unlessTheValueIsRead() throws SQLException {
    conn.createStatement().executeUpdate("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('hot', 100)");
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url)) {
      a.setAutoCommit(false);
      b.setAutoCommit(false);
      // SET n = n + ? without reading n: both commit, both increments count
      a.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = BALANCE + 5 WHERE NUMBER = 'hot'");
      PreparedStatement p = b.prepareStatement("UPDATE ACCOUNT SET BALANCE = BALANCE - ? WHERE NUMBER = ?");
      p.setLong(1, 30);
      p.setString(2, "hot");
      assertEquals(1, p.executeUpdate());
      p.executeUpdate();
      assertEquals(40L, balance(b, "hot"), "b reads its own increments");
      a.commit();
      SQLException e = assertThrows(SQLException.class, b::commit);
      assertEquals("40001", e.getSQLState(), "b read the value after adding to it: that read conflicts");
      assertEquals(105L, balance(conn, "hot"));
      b.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = BALANCE - 30 WHERE NUMBER = 'hot'");
      a.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = 7 + BALANCE WHERE NUMBER = 'hot'");
      b.commit();
      a.commit();
      assertEquals(82L, balance(conn, "hot"), "105 - 30 + 7");
      // a read before the increment conflicts too: a debit checked against a balance read earlier
      assertEquals(82L, balance(a, "hot"));
      b.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = BALANCE + 50 WHERE NUMBER = 'hot'");
      b.commit();
      a.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = BALANCE - 80 WHERE NUMBER = 'hot'");
      e = assertThrows(SQLException.class, a::commit);
      assertEquals("40001", e.getSQLState(), "a read 82 before b added 50");
      assertEquals(132L, balance(conn, "hot"));
      // a value set outright conflicts as any write does
      a.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = BALANCE + 1 WHERE NUMBER = 'hot'");
      b.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = 0 WHERE NUMBER = 'hot'");
      b.commit();
      assertEquals(0L, balance(conn, "hot"));
      a.commit();
      assertEquals(1L, balance(conn, "hot"), "the increment applies to the value at commit");
      // NULL plus anything is NULL
      a.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = NULL WHERE NUMBER = 'hot'");
      a.createStatement().executeUpdate("UPDATE ACCOUNT SET BALANCE = BALANCE + 1 WHERE NUMBER = 'hot'");
      a.commit();
      assertEquals(List.of(List.of("hot")), query(conn, "SELECT NUMBER FROM ACCOUNT WHERE BALANCE IS NULL"));
    }
  }

  @Test
  void concurrentAutocommitUpdates_loseNothing() throws Exception {
    conn.createStatement().executeUpdate("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES ('counter', 0)");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        done.add(pool.submit(() -> {
          try (Connection c = DriverManager.getConnection(url);
              PreparedStatement p = c.prepareStatement("UPDATE ACCOUNT SET BALANCE = BALANCE + ? WHERE NUMBER = ?")) {
            for (int i = 0; i < 25; i++) {
              p.setInt(1, 1);
              p.setString(2, "counter");
              assertEquals(1, p.executeUpdate());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(200L, balance(conn, "counter"));
  }
}
