package org.datolite.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a bulk load's CPU goes on embedded storage: {@link SqlWritesVsPostgres}'s lineitem load
 * ({@code executeBatch}, a commit every 5,000 rows) run several times into one {@code file:}
 * database, with each load's rows a second, the process's CPU time and the CPU time of its
 * threads grouped by name (digits dropped: the index job's order threads, the writer, the
 * collector's threads, the compiler's, the JDBC caller). The first load includes the JIT and is
 * left out of the totals. Thread times come from {@code /proc/self/task} (Linux, which keeps 15
 * characters of a thread's name; elsewhere only the process's time is printed). Compare two builds by alternating their runs, and read totals,
 * not single loads: a busy machine moves one load by a third.
 *
 * <p>Run: {@code java -Xmx4g -cp bench/target/benchmarks.jar org.datolite.bench.BulkLoadCpu [loads] [rows]}
 * (6 loads of 200,000 rows unless given).
 */
public final class BulkLoadCpu {
  private BulkLoadCpu() {}

  public static void main(String[] args) throws Exception {
    int loads = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    if (loads < 2 || rows < 1) {
      throw new IllegalArgumentException("loads " + loads + ", rows " + rows + "; expected at least 2 loads and 1 row");
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Path dir = Files.createTempDirectory("datolite-bulk-cpu");
    String url = "jdbc:datolite:file:" + dir.resolve("db");
    try (Connection keep = DriverManager.getConnection(url); Statement st = keep.createStatement()) {
      st.execute(SqlWritesVsPostgres.LINEITEM_TABLE);
      long cpu = 0;
      Map<String, Long> threads = new TreeMap<>();
      List<Double> rates = new ArrayList<>();
      for (int i = 0; i < loads; i++) {
        long c0 = os.getProcessCpuTime();
        Map<String, Long> t0 = threadCpuMillis();
        double rate = SqlWritesVsPostgres.bulkLoad(url, rows);
        long c1 = os.getProcessCpuTime();
        Map<String, Long> t1 = threadCpuMillis();
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, Long> e : t1.entrySet()) {
          long ms = e.getValue() - t0.getOrDefault(e.getKey(), 0L);
          if (i > 0) {
            threads.merge(e.getKey(), ms, Long::sum);
          }
          if (ms >= 200) {
            line.append(String.format(Locale.ROOT, " %s %.1f s,", e.getKey(), ms / 1e3));
          }
        }
        if (i > 0) {
          cpu += c1 - c0;
          rates.add(rate);
        }
        System.out.printf(Locale.ROOT, "load %d: %,.0f rows/s, process CPU %.1f s;%s%n", i, rate, (c1 - c0) / 1e9, line);
      }
      Collections.sort(rates);
      System.out.printf(Locale.ROOT, "loads 1-%d: process CPU %.1f s, median %,.0f rows/s%n", loads - 1, cpu / 1e9,
          rates.get(rates.size() / 2));
      StringBuilder line = new StringBuilder();
      threads.forEach((name, ms) -> {
        if (ms >= 500) {
          line.append(String.format(Locale.ROOT, " %s %.1f s,", name, ms / 1e3));
        }
      });
      System.out.println("threads, loads 1-" + (loads - 1) + ":" + (line.length() == 0 ? " (no /proc/self/task here)" : line));
    } finally {
      SqlWritesVsPostgres.deleteTree(dir);
    }
  }

  /** CPU time (user and system) of this process's threads by name, digits dropped; empty without /proc. */
  private static Map<String, Long> threadCpuMillis() throws IOException {
    Map<String, Long> out = new TreeMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return out;
    }
    try (var ds = Files.newDirectoryStream(tasks)) {
      for (Path t : ds) {
        String stat;
        try {
          stat = Files.readString(t.resolve("stat"));
        } catch (IOException gone) {
          continue; // the thread ended meanwhile
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
        out.merge(name, TransactorThroughput.statCpuNanos(stat) / 1_000_000, Long::sum);
      }
    }
    return out;
  }
}
