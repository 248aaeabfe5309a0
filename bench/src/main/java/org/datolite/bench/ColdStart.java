package org.datolite.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;

/**
 * Connect-to-first-result in a cold JVM (issue 11), Datolite against pgjdbc in the same run:
 * child JVMs on this class path, Datolite's and PostgreSQL's alternating so both meet the same
 * machine load, each timing {@code getConnection} → the first {@code next()} of
 * {@code SELECT name, qty FROM item WHERE qty > 1}, then in the same JVM the same statement with
 * another literal ({@code qty > 2}) and a statement of another shape
 * ({@code SELECT COUNT(*), MAX(qty) FROM item WHERE name <> 'x'}), each from
 * {@code executeQuery} to its first {@code next()}.
 *
 * <p>A Datolite child first creates a three-row {@code ITEM} table in a fresh {@code mem}
 * database through the native API (outside the timed span, as {@link SqlVsPostgres} does); a
 * PostgreSQL child reads a three-row table in a scratch database. Besides the wall time, the
 * child reports its main thread's CPU time and its whole process's CPU time over the span
 * (compiler and background threads included), since the wall time on a shared machine follows
 * its load.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.datolite.bench.ColdStart [runs]}
 * (default 9 children a side). {@code DATOLITE_BENCH_PG_URL} names the server (default the local
 * one); {@code COLD_JVM_ARGS} adds JVM options to every child (space-separated), e.g. to try
 * class-data sharing.
 */
public final class ColdStart {
  private static final String FIRST = "SELECT name, qty FROM item WHERE qty > 1";
  private static final String LITERAL = "SELECT name, qty FROM item WHERE qty > 2";
  private static final String SHAPE = "SELECT COUNT(*), MAX(qty) FROM item WHERE name <> 'x'";
  private static final String[] NAMES = {"getConnection → first next()", "main thread CPU", "process CPU",
      "other literal", "other shape"};

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && "--child".equals(args[0])) {
      child(args[1], args[2]);
      return;
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    String admin = System.getenv().getOrDefault("DATOLITE_BENCH_PG_URL",
        "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    String extra = System.getenv().getOrDefault("COLD_JVM_ARGS", "").trim();
    String db = "datolite_cold_" + Long.toHexString(System.nanoTime());
    String pg = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + db + "$1");
    System.out.printf(Locale.ROOT, "ColdStart: %d children a side, %s, %d cores, load %.2f, child JVM options [%s]%n",
        runs, Instant.now(), Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), extra);
    try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + db);
    }
    try {
      try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE item (name text, qty bigint)");
        st.execute("INSERT INTO item VALUES ('a', 1), ('b', 2), ('c', 3)");
      }
      double[][] d = new double[NAMES.length][runs];
      double[][] p = new double[NAMES.length][runs];
      double[] ratio = new double[runs];
      for (int i = 0; i < runs; i++) {
        double[] di = run("datolite", "jdbc:datolite:mem:cold", extra);
        double[] pi = run("postgres", pg, extra);
        for (int k = 0; k < NAMES.length; k++) {
          d[k][i] = di[k];
          p[k][i] = pi[k];
        }
        ratio[i] = di[0] / pi[0];
        System.out.printf(Locale.ROOT, "  run %d: Datolite %.0f ms (main CPU %.0f, process CPU %.0f), pgjdbc %.0f ms%n",
            i + 1, di[0], di[1], di[2], pi[0]);
      }
      System.out.println();
      System.out.println("| medians of " + runs + " cold JVMs | Datolite | pgjdbc | Datolite ÷ pgjdbc |");
      System.out.println("|---|---|---|---|");
      for (int k = 0; k < NAMES.length; k++) {
        double dm = median(d[k]);
        double pm = median(p[k]);
        System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.2f× |%n", NAMES[k], dm, pm, dm / pm);
      }
      double dm = median(d[0]);
      System.out.printf(Locale.ROOT, "median of the per-run ratios (first result): %.2f×; goal first result ≤ 500 ms: %s%n",
          median(ratio), dm <= 500 ? "met" : "NOT met");
    } finally {
      try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double[] run(String kind, String url, String extra) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    if (!extra.isEmpty()) {
      cmd.addAll(Arrays.asList(extra.split("\\s+")));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdStart.class.getName(), "--child", kind, url));
    String[] result = ChildJvm.report(cmd, "cold-start ");
    double[] r = new double[NAMES.length];
    for (int k = 0; k < r.length; k++) {
      r[k] = Double.parseDouble(result[k + 1]);
    }
    return r;
  }

  /** In a child JVM: the timed span, printed as one line. */
  private static void child(String kind, String url) throws Exception {
    DatoliteConnection nativeConn = null;
    if ("datolite".equals(kind)) {
      nativeConn = Datolite.connect(url.substring("jdbc:datolite:".length()), null);
      nativeConn.transact("[{:db/ident :item/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
          + " {:db/ident :item/qty :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
      nativeConn.transact("[{:item/name \"a\" :item/qty 1} {:item/name \"b\" :item/qty 2} {:item/name \"c\" :item/qty 3}]");
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long process0 = os.getProcessCpuTime();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      String first = firstValue(st, FIRST);
      double ms = (System.nanoTime() - t0) / 1e6;
      double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
      double processMs = (os.getProcessCpuTime() - process0) / 1e6;
      long t1 = System.nanoTime();
      firstValue(st, LITERAL);
      double literalMs = (System.nanoTime() - t1) / 1e6;
      long t2 = System.nanoTime();
      firstValue(st, SHAPE);
      double shapeMs = (System.nanoTime() - t2) / 1e6;
      System.out.println("cold-start " + ms + " " + cpuMs + " " + processMs + " " + literalMs + " " + shapeMs + " ("
          + first + ")");
    }
    if (nativeConn != null) {
      nativeConn.close();
    }
  }

  private static String firstValue(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      if (!rs.next()) {
        throw new IllegalStateException("no rows: " + sql);
      }
      return rs.getString(1);
    }
  }
}
