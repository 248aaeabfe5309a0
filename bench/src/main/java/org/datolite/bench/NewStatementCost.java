package org.datolite.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;

/**
 * What a statement text never seen before costs in a warm JVM (issue 11: "a never-seen statement
 * text" is parsed, planned and compiled, where a seen one reuses its plan), Datolite against
 * PostgreSQL through pgjdbc in the same run: for each shape, the median time from
 * {@code executeQuery} through the last row of statements that differ only in a literal (each
 * text new), and of one text repeated (the plan cache's floor).
 *
 * <p>Shapes, over 1,000 items and 2,000 sales (the same rows on both sides): a point read by id,
 * a filter on a column, an aggregate over a filter, a two-table join with a filter; the literals
 * grow, so no text repeats and most statements find no row (what is measured is the planning). A
 * warm-up of at least 3 s of new texts comes first.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.datolite.bench.NewStatementCost [runs]}
 * (default 300 statements per shape and kind); {@code DATOLITE_BENCH_PG_URL} names the server.
 */
public final class NewStatementCost {
  private static final int ITEMS = 1000;
  private static final String[][] SHAPES = {
      {"point read by id", "SELECT name, qty FROM item WHERE db_id = %d", "SELECT name, qty FROM item WHERE id = %d"},
      {"filter", "SELECT name FROM item WHERE qty = %d", "SELECT name FROM item WHERE qty = %d"},
      {"aggregate", "SELECT COUNT(*), SUM(qty) FROM item WHERE qty > %d", "SELECT COUNT(*), SUM(qty) FROM item WHERE qty > %d"},
      {"join", "SELECT i.name, s.amount FROM item i JOIN sale s ON s.item = i.db_id WHERE i.qty = %d",
          "SELECT i.name, s.amount FROM item i JOIN sale s ON s.item = i.id WHERE i.qty = %d"},
  };

  private NewStatementCost() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    String admin = System.getenv().getOrDefault("DATOLITE_BENCH_PG_URL",
        "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    String db = "datolite_newstmt_" + Long.toHexString(System.nanoTime());
    String pgUrl = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + db + "$1");
    System.out.printf(Locale.ROOT, "NewStatementCost: %d statements a shape and kind, %s, %d cores%n", runs, Instant.now(),
        Runtime.getRuntime().availableProcessors());
    DatoliteConnection n = Datolite.connect("mem:newstmt", null);
    n.transact("[{:db/ident :item/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :item/qty :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :sale/item :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}"
        + " {:db/ident :sale/amount :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
    StringBuilder tx = new StringBuilder("[");
    for (int i = 0; i < ITEMS; i++) {
      tx.append("{:db/id \"i").append(i).append("\" :item/name \"item").append(i).append("\" :item/qty ").append(i % 100)
          .append("} {:sale/item \"i").append(i).append("\" :sale/amount ").append(i).append("} {:sale/item \"i")
          .append(i).append("\" :sale/amount ").append(2 * i).append("}");
    }
    n.transact(tx.append("]").toString());
    long firstId;
    try (Connection c = DriverManager.getConnection("jdbc:datolite:mem:newstmt"); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT MIN(db_id) FROM item")) {
      rs.next();
      firstId = rs.getLong(1);
    }
    try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + db);
    }
    try (Connection dl = DriverManager.getConnection("jdbc:datolite:mem:newstmt");
         Connection pg = DriverManager.getConnection(pgUrl);
         Statement d = dl.createStatement(); Statement p = pg.createStatement()) {
      p.execute("CREATE TABLE item (id bigint PRIMARY KEY, name text, qty bigint)");
      p.execute("CREATE INDEX ON item (qty)");
      p.execute("CREATE TABLE sale (item bigint, amount bigint)");
      p.execute("CREATE INDEX ON sale (item)");
      p.execute("INSERT INTO item SELECT " + firstId + " + i, 'item' || i, i % 100 FROM generate_series(0, "
          + (ITEMS - 1) + ") i");
      p.execute("INSERT INTO sale SELECT " + firstId + " + i, i FROM generate_series(0, " + (ITEMS - 1) + ") i");
      p.execute("INSERT INTO sale SELECT " + firstId + " + i, 2 * i FROM generate_series(0, " + (ITEMS - 1) + ") i");
      p.execute("ANALYZE");
      long[] next = {0};
      long until = System.nanoTime() + 3_000_000_000L;
      while (System.nanoTime() < until) {
        for (String[] s : SHAPES) {
          long v = next[0]++;
          drain(d, String.format(Locale.ROOT, s[1], literal(s, v, firstId)));
          drain(p, String.format(Locale.ROOT, s[2], literal(s, v, firstId)));
        }
      }
      System.out.println();
      System.out.println("| shape, medians of " + runs + " | Datolite new text | Datolite same text | pgjdbc new text"
          + " | Datolite ÷ pgjdbc (new text) |");
      System.out.println("|---|---|---|---|---|");
      for (String[] s : SHAPES) {
        double[] dNew = new double[runs];
        double[] dSame = new double[runs];
        double[] pNew = new double[runs];
        String same = String.format(Locale.ROOT, s[1], literal(s, 7, firstId));
        for (int i = 0; i < runs; i++) {
          long v = next[0]++;
          dNew[i] = time(d, String.format(Locale.ROOT, s[1], literal(s, v, firstId)));
          pNew[i] = time(p, String.format(Locale.ROOT, s[2], literal(s, v, firstId)));
          dSame[i] = time(d, same);
        }
        double dn = median(dNew);
        double pn = median(pNew);
        System.out.printf(Locale.ROOT, "| %s | %.2f ms | %.3f ms | %.2f ms | %.1f× |%n", s[0], dn, median(dSame), pn, dn / pn);
      }
    } finally {
      try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
      n.close();
    }
  }

  /** The literal of the v-th statement of a shape, never repeated (so every text is new); most match no row. */
  private static long literal(String[] shape, long v, long firstId) {
    return shape[1].contains("db_id") ? firstId + v : v;
  }

  private static double time(Statement st, String sql) throws Exception {
    long t0 = System.nanoTime();
    drain(st, sql);
    return (System.nanoTime() - t0) / 1e6;
  }

  private static void drain(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }
}
