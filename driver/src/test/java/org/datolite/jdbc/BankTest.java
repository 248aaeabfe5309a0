package org.datolite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.datolite.Database;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The bank: 8 threads move money between 100 accounts in JDBC transactions (read the balance,
 * debit, credit, record the transfer), each retried on 40001. Serializable transactions lose no
 * update and never overdraw: at the end, and at every {@code t} of the history, the total is the
 * opening total and no balance is negative; each account's balance is its opening balance plus
 * the transfers recorded in and out of it.
 */
class BankTest {
  private static final int ACCOUNTS = 100;
  private static final long OPENING = 1_000;
  private static final int THREADS = 8;
  private static final int TRANSFERS = 40;

  @Test
  void concurrentTransfers_keepTheTotal_atEveryT() {
    Seeds.check(1, random -> run(random.nextLong()));
  }

  private static void run(long seed) throws Exception {
    String name = "bank-test-" + seed;
    try (DatoliteConnection nativeConn = Datolite.connect("mem:" + name, null)) {
      nativeConn.transact("[{:db/ident :account/number :db/valueType :db.type/long :db/cardinality :db.cardinality/one"
          + " :db/unique :db.unique/identity}"
          + " {:db/ident :account/balance :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
          + " {:db/ident :transfer/from :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
          + " {:db/ident :transfer/to :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
          + " {:db/ident :transfer/amount :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
      String url = "jdbc:datolite:mem:" + name;
      try (Connection c = DriverManager.getConnection(url);
          PreparedStatement p = c.prepareStatement("INSERT INTO ACCOUNT (NUMBER, BALANCE) VALUES (?, ?)")) {
        for (int i = 0; i < ACCOUNTS; i++) {
          p.setInt(1, i);
          p.setLong(2, OPENING);
          p.addBatch();
        }
        p.executeBatch();
      }
      long opened = nativeConn.db().basisT();
      AtomicInteger retries = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Integer>> workers = new ArrayList<>();
      for (int w = 0; w < THREADS; w++) {
        Random random = new Random(seed + w);
        workers.add(pool.submit(() -> transfers(url, random, retries)));
      }
      int done = 0;
      try {
        for (Future<Integer> f : workers) {
          done += f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      Database db = nativeConn.db();
      String context = " (seed " + seed + ", " + done + " transfers, " + retries + " retries)";
      assertEquals(ACCOUNTS * OPENING, balances(db).values().stream().mapToLong(Long::longValue).sum(),
          "the total at the end" + context);
      for (long t = opened; t <= db.basisT(); t++) {
        Map<Long, Long> balances = balances(db.asOf(t));
        assertEquals(ACCOUNTS * OPENING, balances.values().stream().mapToLong(Long::longValue).sum(),
            "the total at t " + t + context);
        assertTrue(balances.values().stream().allMatch(b -> b >= 0), "no overdraft at t " + t + context);
      }
      // no lost update: each balance is its opening balance plus the transfers recorded
      Map<Long, Long> expected = new HashMap<>();
      try (Connection c = DriverManager.getConnection(url);
          ResultSet rs = c.createStatement().executeQuery("SELECT \"FROM\", \"TO\", AMOUNT FROM TRANSFER")) {
        int recorded = 0;
        while (rs.next()) {
          recorded++;
          expected.merge(rs.getLong(1), -rs.getLong(3), Long::sum);
          expected.merge(rs.getLong(2), rs.getLong(3), Long::sum);
        }
        assertEquals(done, recorded, "every committed transfer is recorded" + context);
      }
      Map<Long, Long> last = balances(db);
      for (long a = 0; a < ACCOUNTS; a++) {
        assertEquals(OPENING + expected.getOrDefault(a, 0L), last.get(a), "account " + a + context);
      }
    }
  }

  /** One worker's transfers, each a JDBC transaction run again on 40001; how many committed. */
  private static int transfers(String url, Random random, AtomicInteger retries) throws SQLException {
    int committed = 0;
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      PreparedStatement read = c.prepareStatement("SELECT BALANCE FROM ACCOUNT WHERE NUMBER = ?");
      PreparedStatement move = c.prepareStatement("UPDATE ACCOUNT SET BALANCE = BALANCE + ? WHERE NUMBER = ?");
      PreparedStatement record = c.prepareStatement(
          "INSERT INTO TRANSFER (\"FROM\", \"TO\", AMOUNT) VALUES (?, ?, ?)");
      for (int i = 0; i < TRANSFERS; i++) {
        int from = random.nextInt(ACCOUNTS);
        int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
        long amount = 1 + random.nextInt(700);
        while (true) {
          try {
            read.setInt(1, from);
            long balance;
            try (ResultSet rs = read.executeQuery()) {
              rs.next();
              balance = rs.getLong(1);
            }
            if (balance >= amount) {
              move.setLong(1, -amount);
              move.setInt(2, from);
              assertEquals(1, move.executeUpdate());
              move.setLong(1, amount);
              move.setInt(2, to);
              assertEquals(1, move.executeUpdate());
              record.setInt(1, from);
              record.setInt(2, to);
              record.setLong(3, amount);
              record.executeUpdate();
              c.commit();
              committed++;
            } else {
              c.rollback();
            }
            break;
          } catch (SQLException e) {
            c.rollback();
            if (!"40001".equals(e.getSQLState())) {
              throw e;
            }
            retries.incrementAndGet();
          }
        }
      }
    }
    return committed;
  }

  private static Map<Long, Long> balances(Database db) {
    long number = db.attribute(":account/number").id();
    long balance = db.attribute(":account/balance").id();
    Map<Long, Long> byEntity = new HashMap<>();
    for (Iterator<Datom> it = db.datoms(Index.AEVT, balance).iterator(); it.hasNext(); ) {
      Datom d = it.next();
      byEntity.put(d.e(), (Long) d.v());
    }
    Map<Long, Long> out = new HashMap<>();
    for (Iterator<Datom> it = db.datoms(Index.AEVT, number).iterator(); it.hasNext(); ) {
      Datom d = it.next();
      out.put((Long) d.v(), byEntity.get(d.e()));
    }
    return out;
  }
}
