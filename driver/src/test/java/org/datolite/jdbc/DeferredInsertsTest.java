package org.datolite.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * INSERTs that read nothing (into a table without references or keys of several columns) inside a
 * JDBC transaction are deferred: kept as transaction data and applied only when a later statement reads. Whatever
 * the order of statements, the transaction reads and commits exactly what it would without the
 * deferral: its own rows, after rollbacks to savepoints, with conflicts detected on what it read.
 */
class DeferredInsertsTest {
  private static int databases;
  private String url;
  private DatoliteConnection nativeConn;
  private Connection conn;

  @BeforeEach
  void open() throws SQLException {
    String name = "deferred-inserts-test-" + ++databases;
    url = "jdbc:datolite:mem:" + name;
    nativeConn = Datolite.connect("mem:" + name, null);
    conn = DriverManager.getConnection(url);
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE reading (sensor VARCHAR(10) NOT NULL, val INTEGER CHECK (val >= 0))");
      s.execute("CREATE TABLE sensor (id INTEGER PRIMARY KEY, name VARCHAR(10))");
      s.execute("INSERT INTO sensor (id, name) VALUES (1, 'a')");
    }
    conn.setAutoCommit(false);
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
    nativeConn.close();
  }

  private static List<String> readings(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sensor, val FROM reading ORDER BY sensor, val")) {
      while (rs.next()) {
        out.add(rs.getString(1) + "=" + rs.getObject(2));
      }
    }
    return out;
  }

  private void insert(String sensor, Integer val) throws SQLException {
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO reading (sensor, val) VALUES (?, ?)")) {
      p.setString(1, sensor);
      p.setObject(2, val);
      assertEquals(1, p.executeUpdate());
    }
  }

  @Test
  void deferredRows_areReadByTheTransaction_andCommittedOnce() throws SQLException {
    insert("x", 1);
    long t = nativeConn.db().basisT(); // after the connection reserved ids for new rows
    insert("x", 2);
    assertEquals(t, nativeConn.db().basisT(), "nothing is sent before commit");
    assertEquals(List.of("x=1", "x=2"), readings(conn), "a read sees the deferred rows");
    insert("y", 3);
    try (Statement s = conn.createStatement()) {
      assertEquals(1, s.executeUpdate("UPDATE reading SET val = 30 WHERE sensor = 'y'"));
    }
    conn.commit();
    assertEquals(t + 1, nativeConn.db().basisT(), "one transaction");
    try (Connection other = DriverManager.getConnection(url)) {
      assertEquals(List.of("x=1", "x=2", "y=30"), readings(other));
    }
  }

  @Test
  void aBatchOfDeferredRows_commitsAsItIs_withItsKeys() throws SQLException {
    List<Long> keys = new ArrayList<>();
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO reading (sensor, val) VALUES (?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      for (int i = 0; i < 5; i++) {
        p.setString(1, "b");
        p.setInt(2, i);
        p.addBatch();
      }
      assertArrayEquals(new int[] {1, 1, 1, 1, 1}, p.executeBatch());
      try (ResultSet rs = p.getGeneratedKeys()) {
        while (rs.next()) {
          keys.add(rs.getLong(1));
        }
      }
    }
    conn.commit();
    assertEquals(5, keys.size());
    for (long id : keys) {
      assertEquals("b", nativeConn.db().q("[:find ?s . :in $ ?e :where [?e :reading/sensor ?s]]", id));
    }
  }

  @Test
  void badRows_failTheirStatement_andTheOthersStay() throws SQLException {
    insert("x", 1);
    SQLException e = assertThrows(SQLException.class, () -> insert(null, 2));
    assertEquals("23502", e.getSQLState());
    e = assertThrows(SQLException.class, () -> insert("x", -1));
    assertEquals("23514", e.getSQLState());
    insert("x", 3);
    conn.commit();
    assertEquals(List.of("x=1", "x=3"), readings(conn));
  }

  @Test
  void rollback_andSavepoints_discardDeferredRows() throws SQLException {
    insert("x", 1);
    conn.rollback();
    insert("x", 2);
    Savepoint s = conn.setSavepoint();
    insert("x", 3);
    insert("x", 4);
    conn.rollback(s);
    insert("x", 5);
    conn.commit();
    assertEquals(List.of("x=2", "x=5"), readings(conn));
  }

  @Test
  void aLargeBatch_reservesIdsInGrowingBlocks_andItsKeysAreDistinct() throws SQLException {
    int rows = 20_000;
    long t = nativeConn.db().basisT();
    List<Long> keys = new ArrayList<>();
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO reading (sensor, val) VALUES (?, ?)",
        Statement.RETURN_GENERATED_KEYS)) {
      for (int i = 0; i < rows; i++) {
        p.setString(1, "s");
        p.setInt(2, i);
        p.addBatch();
      }
      assertEquals(rows, p.executeBatch().length);
      try (ResultSet k = p.getGeneratedKeys()) {
        while (k.next()) {
          keys.add(k.getLong(1));
        }
      }
    }
    // blocks of 1,024, 2,048, 4,096, 8,192 and 16,384 ids: five reservations, where blocks of
    // 1,024 took twenty
    assertEquals(t + 5, nativeConn.db().basisT(), "one small transaction per reserved block");
    assertEquals(rows, keys.stream().distinct().count());
    conn.commit();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT db_id)"
        + " FROM reading")) {
      rs.next();
      assertEquals(rows, rs.getLong(1));
      assertEquals(rows, rs.getLong(2));
    }
  }

  @Test
  void aTableWithAKey_defersToo_andDuplicateKeysFailAtTheirStatement() throws SQLException {
    try (Statement s = conn.createStatement()) {
      long t = nativeConn.db().basisT();
      assertEquals(1, s.executeUpdate("INSERT INTO sensor (id, name) VALUES (2, 'b')"));
      assertEquals(t + 1, nativeConn.db().basisT(), "the connection reserved ids");
      assertEquals(1, s.executeUpdate("INSERT INTO sensor (id, name) VALUES (3, 'c')"));
      assertEquals(t + 1, nativeConn.db().basisT(), "nothing is sent before commit");
      // a key the database has, and a key a deferred row has
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO sensor VALUES (1, 'x')"));
      assertEquals("23505", e.getSQLState());
      e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO sensor VALUES (3, 'x')"));
      assertEquals("23505", e.getSQLState());
      e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO sensor VALUES (4, 'x'), (4, 'y')"));
      assertEquals("23505", e.getSQLState());
      // a key deleted in the transaction is free again
      assertEquals(1, s.executeUpdate("DELETE FROM sensor WHERE id = 1"));
      assertEquals(1, s.executeUpdate("INSERT INTO sensor VALUES (1, 'again')"));
    }
    try (PreparedStatement p = conn.prepareStatement("INSERT INTO sensor (id, name) VALUES (?, ?)")) {
      for (int id : new int[] {5, 6, 5}) {
        p.setInt(1, id);
        p.setString(2, "n" + id);
        p.addBatch();
      }
      BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
      assertEquals("23505", e.getSQLState());
      assertArrayEquals(new long[] {1, 1}, e.getLargeUpdateCounts(), "the entries before the failing one");
    }
    conn.commit();
    try (Connection other = DriverManager.getConnection(url); Statement s = other.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name FROM sensor ORDER BY id")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getInt(1) + "=" + rs.getString(2));
      }
      assertEquals(List.of("1=again", "2=b", "3=c"), rows, "a failed statement or batch keeps nothing");
    }
  }

  @Test
  void whatTheTransactionRead_isCheckedAtCommit_evenWithOnlyDeferredWrites() throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM sensor WHERE id = 1")) {
      assertTrue(rs.next());
    }
    insert("a", 1);
    try (Connection other = DriverManager.getConnection(url); Statement s = other.createStatement()) {
      s.executeUpdate("UPDATE sensor SET name = 'b' WHERE id = 1");
    }
    SQLException e = assertThrows(SQLException.class, () -> conn.commit());
    assertEquals("40001", e.getSQLState());
    assertEquals(List.of(), readings(conn));
  }
}
