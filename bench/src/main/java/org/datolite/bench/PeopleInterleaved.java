package org.datolite.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;

/**
 * The people queries of {@link SqlVsPostgres} that read several columns of each entity a lookup
 * finds (q2–q4), measured interleaved with PostgreSQL's: each query a few seconds on one side, then
 * on the other, three rounds, so that both meet the same machine load; optionally beside the
 * accounts of {@code SqlVsPostgres} in the same heap, as there. A single run of
 * {@code SqlVsPostgres} measures each query once, and on a shared machine a ratio near 1 moves by
 * ±0.3 between runs; this gives three.
 *
 * <p>Run: {@code java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -cp bench/target/benchmarks.jar
 * org.datolite.bench.PeopleInterleaved [accounts [seconds]]} (defaults 1,000,000 and 3).
 */
public final class PeopleInterleaved {
  private static final String[][] QUERIES = {
      {"q2 + age", "SELECT db_id, age FROM person WHERE name = ?", "SELECT id, age FROM person WHERE name = ?"},
      {"q3 + sex", "SELECT db_id, age FROM person WHERE name = ? AND sex = ':male'",
        "SELECT id, age FROM person WHERE name = ? AND sex = 'male'"},
      {"q4 + last name", "SELECT db_id, last_name, age FROM person WHERE name = ? AND sex = ':male'",
        "SELECT id, last_name, age FROM person WHERE name = ? AND sex = 'male'"},
  };

  private PeopleInterleaved() {}

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    try (ScratchDatabase scratch = new ScratchDatabase("datolite_people");
         DatoliteConnection accountsConn = Datolite.connect("mem:interleaved-accounts", null);
         DatoliteConnection people = Datolite.connect("mem:interleaved-people", null);
         Connection pg = DriverManager.getConnection(scratch.jdbcUrl());
         Connection dl = DriverManager.getConnection("jdbc:datolite:mem:interleaved-people")) {
      if (accounts > 0) {
        SqlVsPostgres.loadAccounts(accountsConn, accounts);
      }
      DatalogVsPostgres.load(people, pg, 20_000);
      pg.setAutoCommit(true);
      try (Statement st = pg.createStatement()) {
        st.execute("VACUUM ANALYZE");
      }
      System.out.printf(Locale.ROOT, "PeopleInterleaved: %,d accounts beside 20,000 people, %.1f s a side, 3 rounds%n",
          accounts, seconds);
      System.out.println("| round | query | Datolite median | PostgreSQL median | PostgreSQL ÷ Datolite |");
      System.out.println("|---|---|---|---|---|");
      for (int round = 1; round <= 3; round++) {
        for (String[] q : QUERIES) {
          double d = medianMs(dl, q[1], seconds);
          double p = medianMs(pg, q[2], seconds);
          System.out.printf(Locale.ROOT, "| %d | %s | %.3f ms | %.3f ms | %.2f× |%n", round, q[0], d, p, p / d);
        }
      }
    }
  }

  /** The median time of the runs of a statement (parameter 'Ivan') within {@code seconds}, at least five. */
  private static double medianMs(Connection c, String sql, double seconds) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      double[] times = new double[100_000];
      int n = 0;
      long end = System.nanoTime() + (long) (seconds * 1e9);
      while ((System.nanoTime() < end || n < 5) && n < times.length) {
        long t0 = System.nanoTime();
        ps.setString(1, "Ivan");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getLong(1);
          }
        }
        times[n++] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(times, 0, n);
      return times[n / 2];
    }
  }
}
