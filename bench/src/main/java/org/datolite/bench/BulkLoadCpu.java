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
import java.util.Properties;
import java.util.TreeMap;
import org.datolite.DatoliteConnection;

/**
 * Where a bulk load's CPU goes: {@link SqlWritesVsPostgres}'s lineitem load ({@code executeBatch},
 * a commit every 5,000 rows) run several times into one database, with each load's rows a second,
 * the process's CPU time and the CPU time of its threads grouped by name (digits dropped: the
 * index job's order threads, the writer, the collector's threads, the compiler's, the JDBC
 * caller). The first load includes the JIT and is left out of the totals. Thread times come from
 * {@code /proc/<pid>/task} (Linux, which keeps 15 characters of a thread's name; elsewhere only
 * the process's time is printed). Compare two builds by alternating their runs, and read totals,
 * not single loads: a busy machine moves one load by a third.
 *
 * <p>On {@code file:} (the default) the database is embedded in this process. With
 * {@code postgresql} the database lives in a scratch PostgreSQL database
 * ({@code DATOLITE_BENCH_PG_URL}, default the local server) and is served by a transactor in a
 * child JVM ({@code -Xmx2g}, as in {@link SqlWritesVsPostgres}, and the options of a fourth argument,
 * split at spaces); this process is then the peer, and the child's threads and PostgreSQL's
 * processes are reported beside it, and after each load what its log says of the index jobs
 * and of writes waiting for indexing ({@link TransactorLog}).
 *
 * <p>Run: {@code java -Xmx4g -cp bench/target/benchmarks.jar org.datolite.bench.BulkLoadCpu [loads] [rows] [file|postgresql] [transactor JVM options]}
 * (6 loads of 200,000 rows on {@code file:} unless given).
 */
public final class BulkLoadCpu {
  private BulkLoadCpu() {}

  public static void main(String[] args) throws Exception {
    int loads = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    if (loads < 2 || rows < 1) {
      throw new IllegalArgumentException("loads " + loads + ", rows " + rows + "; expected at least 2 loads and 1 row");
    }
    boolean postgres = args.length > 2 && args[2].equals("postgresql");
    if (args.length > 2 && !postgres && !args[2].equals("file")) {
      throw new IllegalArgumentException("storage " + args[2] + "; expected file or postgresql");
    }
    Path dir = Files.createTempDirectory("datolite-bulk-cpu");
    try (ScratchDatabase storage = postgres ? new ScratchDatabase("datolite_bulk_cpu") : null) {
      Process transactor = null;
      try { // the transactor ends before its scratch database is dropped
        String nativeUrl = postgres ? storage.storage() + "&db=lineitem" : "file:" + dir.resolve("db");
        Properties props = new Properties();
        if (postgres) {
          List<String> jvm = new ArrayList<>(List.of("-Xmx2g"));
          if (args.length > 3 && !args[3].isBlank()) {
            jvm.addAll(List.of(args[3].trim().split("\\s+")));
          }
          transactor = TransactorChild.start(storage.storage(), "lineitem", SqlWritesVsPostgres.SECRET,
              dir.resolve("transactor.log"), jvm);
          props.setProperty("secret", SqlWritesVsPostgres.SECRET);
        }
        String url = "jdbc:datolite:" + nativeUrl;
        try (DatoliteConnection keep = TransactorChild.connectWhenServed(nativeUrl, postgres ? props : null);
            Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement()) {
          st.execute(SqlWritesVsPostgres.LINEITEM_TABLE);
          List<Meter> meters = new ArrayList<>(List.of(new Meter("this process", "self")));
          if (postgres) {
            meters.add(new Meter("transactor", Long.toString(transactor.pid())));
          }
          run(loads, rows, url, meters, postgres ? new TransactorLog(dir.resolve("transactor.log")) : null);
        }
      } finally {
        if (transactor != null) {
          transactor.destroy();
          transactor.waitFor();
        }
      }
    } finally {
      SqlWritesVsPostgres.deleteTree(dir);
    }
  }

  private static void run(int loads, int rows, String url, List<Meter> meters, TransactorLog log) throws Exception {
    boolean postgres = log != null;
    List<Double> rates = new ArrayList<>();
    long pgTotal = 0;
    if (postgres) {
      log.since(); // the database's creation
    }
    for (int i = 0; i < loads; i++) {
      long pg0 = postgres ? TransactorThroughput.postgresCpuNanos() : 0;
      for (Meter m : meters) {
        m.start();
      }
      double rate = SqlWritesVsPostgres.bulkLoad(url, rows);
      StringBuilder line = new StringBuilder();
      for (Meter m : meters) {
        line.append(m.stop(i > 0));
      }
      if (postgres) {
        long pg = TransactorThroughput.postgresCpuNanos() - pg0;
        line.append(String.format(Locale.ROOT, "; PostgreSQL %.1f s", pg / 1e9));
        if (i > 0) {
          pgTotal += pg;
        }
      }
      if (i > 0) {
        rates.add(rate);
      }
      System.out.printf(Locale.ROOT, "load %d: %,.0f rows/s;%s%n", i, rate, line);
      if (postgres) {
        System.out.println("  transactor: " + log.since());
      }
    }
    Collections.sort(rates);
    System.out.printf(Locale.ROOT, "loads 1-%d: median %,.0f rows/s%s%n", loads - 1, rates.get(rates.size() / 2),
        postgres ? String.format(Locale.ROOT, ", PostgreSQL CPU %.1f s", pgTotal / 1e9) : "");
    for (Meter m : meters) {
      System.out.println(m.totals(loads - 1));
    }
  }

  /** One process's CPU time and its threads', by load and over the counted loads. */
  private static final class Meter {
    private final String name;
    private final String pid;
    private final Map<String, Long> threads = new TreeMap<>();
    private long cpu;
    private long c0;
    private Map<String, Long> t0;

    Meter(String name, String pid) {
      this.name = name;
      this.pid = pid;
    }

    void start() throws IOException {
      t0 = threadCpuMillis(pid);
      c0 = processCpuNanos();
    }

    private long processCpuNanos() {
      long n = TransactorThroughput.cpuNanos(pid.equals("self") ? ProcessHandle.current().pid() : Long.parseLong(pid));
      if (n >= 0) {
        return n;
      }
      return pid.equals("self") ? ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() : 0;
    }

    String stop(boolean counted) throws IOException {
      long c = processCpuNanos() - c0;
      Map<String, Long> t1 = threadCpuMillis(pid);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, " %s CPU %.1f s:", name, c / 1e9));
      for (Map.Entry<String, Long> e : t1.entrySet()) {
        long ms = e.getValue() - t0.getOrDefault(e.getKey(), 0L);
        if (counted) {
          threads.merge(e.getKey(), ms, Long::sum);
        }
        if (ms >= 200) {
          line.append(String.format(Locale.ROOT, " %s %.1f s,", e.getKey(), ms / 1e3));
        }
      }
      if (counted) {
        cpu += c;
      }
      return line.toString();
    }

    String totals(int counted) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s, loads 1-%d: CPU %.1f s;", name, counted, cpu / 1e9));
      threads.forEach((thread, ms) -> {
        if (ms >= 500) {
          line.append(String.format(Locale.ROOT, " %s %.1f s,", thread, ms / 1e3));
        }
      });
      return line.toString();
    }
  }

  /** CPU time (user and system) of a process's threads by name, digits dropped; empty without /proc. */
  private static Map<String, Long> threadCpuMillis(String pid) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    Path tasks = Path.of("/proc", pid, "task");
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
