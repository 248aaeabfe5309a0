package org.datolite.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Joins that look their inner rows up by key (DatoliteLookupJoin): each query gives the same bag
 * planned with every possible lookup join and with none (the planner's switch), over data with
 * NULL refs, refs to entities of another table, branches without tellers and a cardinality-many
 * child table; and the planner, left to its estimates, looks rows up only when the outer side is
 * small.
 */
class LookupJoinTest {
  static final String SWITCH = DifferentialTest.LOOKUP_JOINS;
  static final int BRANCHES = 20;
  static final int TELLERS = 200;
  static final int ACCOUNTS = 3000;

  static String name;
  static DatoliteConnection store;
  /** The basis t before the last transaction, which moves some accounts. */
  static long before;

  @BeforeAll
  static void load() throws SQLException {
    name = DatoliteJdbc.memName("lookup-join");
    store = Datolite.connect(DatoliteJdbc.nativeUrl(name), null);
    store.transact("[{:db/ident :branch/bid :db/valueType :db.type/long :db/cardinality :db.cardinality/one"
        + " :db/unique :db.unique/identity}"
        + " {:db/ident :branch/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :branch/bbalance :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :teller/tid :db/valueType :db.type/long :db/cardinality :db.cardinality/one"
        + " :db/unique :db.unique/identity}"
        + " {:db/ident :teller/tbalance :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :teller/branch :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}"
        + " {:db/ident :account/aid :db/valueType :db.type/long :db/cardinality :db.cardinality/one"
        + " :db/unique :db.unique/identity}"
        + " {:db/ident :account/abalance :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :account/branch :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}"
        + " {:db/ident :account/tag :db/valueType :db.type/string :db/cardinality :db.cardinality/many}]");
    StringBuilder tx = new StringBuilder("[");
    for (int b = 1; b <= BRANCHES; b++) {
      tx.append("{:branch/bid ").append(b).append(" :branch/bbalance ").append(b % 7)
          .append(b % 5 == 0 ? "" : " :branch/name \"t" + b % 9 + "\"").append('}');
    }
    store.transact(tx.append(']').toString());
    tx.setLength(0);
    tx.append('[');
    for (int t = 1; t <= TELLERS; t++) {
      tx.append("{:teller/tid ").append(t).append(" :teller/tbalance ").append(t % 7);
      if (t % 10 == 3) {
        tx.append(" :teller/branch [:account/aid 1]"); // a ref to an entity that is no branch
      } else if (t % 10 != 7) { // every tenth teller has no branch: a NULL ref
        tx.append(" :teller/branch [:branch/bid ").append(1 + t % (BRANCHES - 1)).append(']'); // none for the last branch
      }
      tx.append('}');
    }
    store.transact("[{:account/aid 1 :account/abalance 0}]");
    store.transact(tx.append(']').toString());
    tx.setLength(0);
    tx.append('[');
    for (int a = 2; a <= ACCOUNTS; a++) {
      tx.append("{:account/aid ").append(a).append(" :account/abalance ").append(a % 11);
      if (a % 13 != 0) {
        tx.append(" :account/branch [:branch/bid ").append(1 + a % (BRANCHES - 1)).append(']');
      }
      if (a % 4 == 0) {
        tx.append(" :account/tag [\"t").append(a % 9).append("\" \"x\"]");
      }
      tx.append('}');
    }
    store.transact(tx.append(']').toString());
    before = store.db().basisT();
    store.transact("[{:account/aid 2 :account/branch [:branch/bid 1]} {:account/aid 3 :account/branch [:branch/bid 2]}"
        + " {:account/aid 5 :account/abalance 99}]");
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static final List<String> QUERIES = List.of(
      // along a ref to the id, from one row
      "SELECT T.TID, B.BID, B.BBALANCE FROM TELLER T JOIN BRANCH B ON B.DB_ID = T.BRANCH WHERE T.TID = 5",
      // three tables: the ref, then the reverse ref (AVET of ACCOUNT.BRANCH)
      "SELECT A.AID, A.ABALANCE, B.BBALANCE, T.TBALANCE FROM TELLER T JOIN BRANCH B ON B.DB_ID = T.BRANCH"
          + " JOIN ACCOUNT A ON A.BRANCH = B.DB_ID WHERE T.TID = 11",
      // NULL refs and a ref to an account keep their tellers with NULLs
      "SELECT T.TID, B.BID FROM TELLER T LEFT JOIN BRANCH B ON B.DB_ID = T.BRANCH WHERE T.TID < 40",
      // every teller, written the other way round
      "SELECT T.TID, B.BID FROM BRANCH B JOIN TELLER T ON B.DB_ID = T.BRANCH WHERE T.TID BETWEEN 20 AND 35",
      // semi and anti joins
      "SELECT B.BID FROM BRANCH B WHERE B.DB_ID IN (SELECT T.BRANCH FROM TELLER T WHERE T.TID < 30)",
      "SELECT B.BID FROM BRANCH B WHERE EXISTS (SELECT 1 FROM TELLER T WHERE T.BRANCH = B.DB_ID AND T.TID < 30)",
      "SELECT B.BID FROM BRANCH B WHERE NOT EXISTS (SELECT 1 FROM ACCOUNT A WHERE A.BRANCH = B.DB_ID)",
      "SELECT T.TID FROM TELLER T WHERE T.TID < 50 AND NOT EXISTS (SELECT 1 FROM BRANCH B WHERE B.DB_ID = T.BRANCH)",
      // a value key that is no id, two keys, and a condition beside the key
      "SELECT A.AID, T.TID FROM TELLER T JOIN ACCOUNT A ON A.BRANCH = T.BRANCH WHERE T.TID = 12",
      "SELECT A.AID, T.TID FROM TELLER T JOIN ACCOUNT A ON A.BRANCH = T.BRANCH AND A.ABALANCE = T.TBALANCE"
          + " WHERE T.TID IN (12, 13, 14)",
      "SELECT T.TID, B.BID FROM TELLER T JOIN BRANCH B ON B.DB_ID = T.BRANCH AND B.BBALANCE > T.TBALANCE"
          + " WHERE T.TID < 60",
      "SELECT A.AID, B.BID FROM ACCOUNT A LEFT JOIN BRANCH B ON B.DB_ID = A.BRANCH WHERE A.AID < 40",
      // the child table, by owner and by value
      "SELECT A.AID, G.TAG FROM ACCOUNT A JOIN ACCOUNT_TAG G ON G.ACCOUNT_ID = A.DB_ID WHERE A.AID < 30",
      "SELECT A.AID, G.TAG FROM ACCOUNT A LEFT JOIN ACCOUNT_TAG G ON G.ACCOUNT_ID = A.DB_ID WHERE A.AID < 30",
      "SELECT B.BID, G.ACCOUNT_ID FROM BRANCH B JOIN ACCOUNT_TAG G ON G.TAG = B.NAME WHERE B.BID = 4",
      // the inner table as of an earlier point in time
      "SELECT A.AID, A.ABALANCE FROM TELLER T JOIN ACCOUNT FOR SYSTEM_TIME AS OF BASIS_T(%BEFORE%) A"
          + " ON A.BRANCH = T.BRANCH WHERE T.TID = 1",
      // a lookup join under an aggregate and a sort
      "SELECT B.BID, COUNT(*), SUM(A.ABALANCE) FROM TELLER T JOIN BRANCH B ON B.DB_ID = T.BRANCH"
          + " JOIN ACCOUNT A ON A.BRANCH = B.DB_ID WHERE T.TID IN (1, 2, 3, 4) GROUP BY B.BID ORDER BY B.BID");

  @Test
  void everyQuery_sameRowsWithAndWithoutLookupJoins() throws SQLException {
    int lookedUp = 0;
    for (String q : QUERIES) {
      String sql = q.replace("%BEFORE%", Long.toString(before));
      QueryResult never = run("never", sql);
      QueryResult always = run("always", sql);
      assertNull(never.difference(always, false), sql);
      assertFalse(never.rows().isEmpty() && !sql.contains("NOT EXISTS"), "expected rows from " + sql);
      lookedUp += plan("always", sql).contains("DatoliteLookupJoin") ? 1 : 0;
      assertFalse(plan("never", sql).contains("DatoliteLookupJoin"), sql);
    }
    assertTrue(lookedUp >= QUERIES.size() - 3, "only " + lookedUp + " of " + QUERIES.size() + " queries looked rows up");
  }

  @Test
  void refJoins_fromFewRows_lookRowsUp_andFromManyRows_scan() throws SQLException {
    String selective = plan("auto", QUERIES.get(1));
    assertEquals(2, count(selective, "DatoliteLookupJoin"), selective);
    assertTrue(selective.contains("key=[DB_ID = ACCOUNT.BRANCH]") && selective.contains("index=[AVET]"), selective);
    String all = plan("auto", "SELECT T.TID, A.AID FROM TELLER T JOIN ACCOUNT A ON A.BRANCH = T.BRANCH");
    assertFalse(all.contains("DatoliteLookupJoin"), all);
  }

  @Test
  void lookupJoin_rowsAreRight() throws SQLException {
    // teller 11: branch 1 + 11 % 19 = 12; the accounts of branch 12 (a % 19 == 11, a % 13 != 0) at every basis
    QueryResult r = run("auto", "SELECT COUNT(*), MIN(A.AID) FROM TELLER T JOIN BRANCH B ON B.DB_ID = T.BRANCH"
        + " JOIN ACCOUNT A ON A.BRANCH = B.DB_ID WHERE T.TID = 11");
    long expected = 0;
    long least = Long.MAX_VALUE;
    for (int a = 2; a <= ACCOUNTS; a++) {
      if (a % 19 == 11 && a % 13 != 0 && a != 2 && a != 3) {
        expected++;
        least = Math.min(least, a);
      }
    }
    assertEquals(List.of(List.of(expected, least)), r.rows().stream().map(row -> List.of(
        ((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue())).toList());
  }

  @Test
  void refsNamedAfterATable_areForeignKeysToIt_inMetadata() throws SQLException {
    try (Connection c = connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals(List.of("ACCOUNT.BRANCH->BRANCH.DB_ID"), keys(md.getImportedKeys(null, "PUBLIC", "ACCOUNT")));
      assertEquals(List.of("ACCOUNT.BRANCH->BRANCH.DB_ID", "TELLER.BRANCH->BRANCH.DB_ID"),
          keys(md.getExportedKeys(null, "PUBLIC", "BRANCH")));
      assertEquals(List.of("ACCOUNT_TAG.ACCOUNT_ID->ACCOUNT.DB_ID"), keys(md.getExportedKeys(null, "PUBLIC", "ACCOUNT")));
      assertEquals(List.of("TELLER.BRANCH->BRANCH.DB_ID"), keys(md.getCrossReference(null, "PUBLIC", "BRANCH", null,
          "PUBLIC", "TELLER")));
      assertEquals(List.of(), keys(md.getCrossReference(null, "PUBLIC", "ACCOUNT", null, "PUBLIC", "TELLER")));
    }
  }

  private static List<String> keys(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME") + "->" + rs.getString("PKTABLE_NAME")
            + "." + rs.getString("PKCOLUMN_NAME"));
      }
    }
    return out;
  }

  private static int count(String s, String part) {
    return s.split(part, -1).length - 1;
  }

  private static QueryResult run(String mode, String sql) throws SQLException {
    return withMode(mode, () -> {
      try (Connection c = connect()) {
        return QueryResult.run(c, tagged(mode, sql));
      }
    });
  }

  private static String plan(String mode, String sql) throws SQLException {
    return withMode(mode, () -> {
      try (Connection c = connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("EXPLAIN PLAN FOR "
              + tagged(mode, sql.replace("%BEFORE%", Long.toString(before))))) {
        StringBuilder b = new StringBuilder();
        while (rs.next()) {
          b.append(rs.getString(1)).append('\n');
        }
        return b.toString();
      }
    });
  }

  /** The statement planned anew for a mode: its text carries the mode (the plan cache is by text). */
  private static String tagged(String mode, String sql) {
    return "/* lookup joins " + mode + " */ " + sql;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(DatoliteJdbc.jdbcUrl(name));
  }

  private interface Body<T> {
    T run() throws SQLException;
  }

  private static <T> T withMode(String mode, Body<T> body) throws SQLException {
    String old = System.getProperty(SWITCH);
    System.setProperty(SWITCH, mode);
    try {
      return body.run();
    } finally {
      if (old == null) {
        System.clearProperty(SWITCH);
      } else {
        System.setProperty(SWITCH, old);
      }
    }
  }
}
