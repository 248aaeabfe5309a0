package org.datolite.sqltests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.StringJoiner;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A difference the differential tests found, now fixed: an IN list of 20 literals or more on a
 * DECIMAL column matched nothing. Calcite (inSubQueryThreshold 20) turned the list into a hash
 * join with a VALUES whose decimals carry the literal type's huge scale ({@code 1.5000…}), and
 * the join compared BigDecimals by {@code equals}, so the stored {@code 1.50} never met it. The
 * driver now keeps every IN list a predicate (an AVET lookup comparing decimals by value).
 */
class DatoliteDecimalInListTest {
  private static long count(int listSize) throws Exception {
    Assumptions.assumeTrue(DatoliteJdbc.present(), DatoliteJdbc.ABSENT);
    String name = DatoliteJdbc.memName("decimal-in");
    try (DatoliteConnection store = Datolite.connect(DatoliteJdbc.nativeUrl(name), null)) {
      store.transact("[{:db/ident :c/rev :db/valueType :db.type/bigdec :db/cardinality :db.cardinality/one}]");
      store.transact("[{:db/id \"a\" :c/rev 1.50M} {:db/id \"b\" :c/rev 2.00M}]");
      StringJoiner in = new StringJoiner(", ", "SELECT COUNT(*) FROM C WHERE REV IN (", ")");
      in.add("1.50");
      for (int i = 1; i < listSize; i++) {
        in.add((99 + i) + ".25");
      }
      try (Connection conn = DriverManager.getConnection(DatoliteJdbc.jdbcUrl(name));
          Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(in.toString())) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 12, 18})
  void shortInList_matchesByValue(int size) throws Exception {
    assertEquals(1, count(size));
  }

  @ParameterizedTest
  @ValueSource(ints = {20, 30})
  void longInList_matchesByValue(int size) throws Exception {
    assertEquals(1, count(size));
  }
}
