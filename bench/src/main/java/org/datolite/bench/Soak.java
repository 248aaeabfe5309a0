package org.datolite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datolite.DatoliteConnection;
import org.datolite.datom.Index;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.Stores;
import org.datolite.storage.tree.IndexRoots;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.StorageGc;
import org.datolite.storage.tree.TreeConfig;

/**
 * A soak (issue 15): one standalone transactor (a child JVM, {@code -Xmx2g}, default settings and
 * {@code gc-older-than-minutes}) on PostgreSQL storage, and 8 submitters of one peer sending small
 * transactions (a random UUID identity, a name, an age: with the transaction's own datoms 5 a
 * transaction) for {@code minutes}. Each minute it prints throughput, transact latency p50 and
 * p99, the index jobs that finished (datoms, time, bytes written, from the transactor's log), the
 * storage table's size and the bytes the current root and the log reach, and the transactor's
 * resident memory.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.datolite.bench.Soak [minutes
 * [submitters [gc-older-than-minutes]]]} (default 20, 8, 10). {@code DATOLITE_BENCH_PG_URL} names
 * the server (default the local one).
 */
public final class Soak {
  private static final String SECRET = "soak-bench-shared-secret-0123456789";
  private static final Pattern JOB = Pattern.compile(
      "index job merged (\\d+) datoms up to t (\\d+) in (\\d+) ms \\((\\d+) new segments, (\\d+) bytes written\\)");

  private Soak() {}

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int submitters = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int gcMinutes = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    try (ScratchDatabase scratch = new ScratchDatabase("soak")) {
      Path log = Files.createTempFile("soak-transactor", ".log");
      Process transactor = start(scratch.storage(), gcMinutes, log);
      try {
        run(scratch.storage(), scratch.jdbcUrl(), minutes, submitters, gcMinutes, transactor, log);
      } finally {
        transactor.destroy();
        transactor.waitFor();
      }
    }
  }

  private static void run(String storage, String jdbc, int minutes, int submitters, int gcMinutes, Process transactor,
      Path log) throws Exception {
    Properties p = new Properties();
    p.setProperty("secret", SECRET);
    List<long[]> latencies = new ArrayList<>(); // {sentNanos, micros}
    AtomicBoolean stop = new AtomicBoolean();
    System.out.printf(Locale.ROOT, "Soak: %d minutes, %d submitters, gc-older-than-minutes %d, transactor -Xmx2g,"
        + " %s, %d cores; transactor log %s%n", minutes, submitters, gcMinutes, Instant.now(),
        Runtime.getRuntime().availableProcessors(), log);
    System.out.println("| minute | tx/s | p50 ms | p99 ms | index jobs (datoms, s, MB written) | table MB | reachable MB"
        + " (trees + log) | transactor RSS MB | transactor GC pauses (full), longest ms | errors |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    try (DatoliteConnection conn = TransactorChild.connectWhenServed(storage + "&db=soak", p);
         KeyValueStore kv = Stores.open(storage);
         Connection pg = DriverManager.getConnection(jdbc)) {
      conn.transact("[{:db/ident :soak/id :db/valueType :db.type/uuid :db/cardinality :db.cardinality/one"
          + " :db/unique :db.unique/identity}"
          + " {:db/ident :soak/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
          + " {:db/ident :soak/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
      long[] errors = new long[1];
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < submitters; i++) {
        Thread t = new Thread(() -> {
          ThreadLocalRandom r = ThreadLocalRandom.current();
          while (!stop.get()) {
            long sent = System.nanoTime();
            try {
              conn.transact("[{:soak/id #uuid \"" + UUID.randomUUID() + "\" :soak/name \"n" + r.nextInt(100_000)
                  + "\" :soak/age " + r.nextInt(100) + "}]");
              long micros = (System.nanoTime() - sent) / 1000;
              synchronized (latencies) {
                latencies.add(new long[] {sent, micros});
              }
            } catch (RuntimeException e) {
              synchronized (latencies) {
                errors[0]++;
              }
            }
          }
        }, "submitter-" + i);
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
      int jobsSeen = 0;
      int gcLinesSeen = 0;
      for (int m = 1; m <= minutes; m++) {
        Thread.sleep(60_000);
        List<long[]> minute;
        long errs;
        synchronized (latencies) {
          minute = new ArrayList<>(latencies);
          latencies.clear();
          errs = errors[0];
          errors[0] = 0;
        }
        long[] micros = minute.stream().mapToLong(x -> x[1]).sorted().toArray();
        List<String> jobs = new ArrayList<>();
        List<String> lines = Files.readAllLines(log);
        int n = 0;
        for (String line : lines) {
          Matcher j = JOB.matcher(line);
          if (j.find() && n++ >= jobsSeen) {
            jobs.add(String.format(Locale.ROOT, "%,d, %.1f, %.0f", Long.parseLong(j.group(1)),
                Long.parseLong(j.group(3)) / 1000.0, Long.parseLong(j.group(5)) / 1e6));
          }
        }
        jobsSeen = n;
        String pauses = gcPauses(Path.of(log + ".gc"), gcLinesSeen);
        gcLinesSeen = gcLineCount(Path.of(log + ".gc"));
        System.out.printf(Locale.ROOT, "| %d | %,.0f | %.2f | %.2f | %s | %,.0f | %,.0f | %,.0f | %s | %d |%n", m,
            micros.length / 60.0, pct(micros, 50) / 1000.0, pct(micros, 99) / 1000.0,
            jobs.isEmpty() ? "—" : String.join("; ", jobs), tableBytes(pg) / 1e6, reachableBytes(kv, pg) / 1e6,
            rss(transactor) / 1e6, pauses, errs);
      }
      stop.set(true);
      for (Thread t : threads) {
        t.join(30_000);
      }
      long datoms = 0;
      for (var it = conn.db().db().datoms(Index.EAVT); it.hasNext(); it.next()) {
        datoms++;
      }
      System.out.printf(Locale.ROOT, "%,d datoms at the end; transactor still alive: %s%n", datoms, transactor.isAlive());
      // With the writers stopped and the last index job over, a collection with a one-minute
      // retention shows what the live rows come to against what the current root reaches.
      Thread.sleep(20_000);
      long liveBefore = liveRowBytes(pg);
      StorageGc.Result r = StorageGc.collect(kv, "soak/", Instant.now().minusSeconds(60));
      System.out.printf(Locale.ROOT, "live rows %,.0f MB; after a collection with one minute's retention (%s) %,.0f MB;"
          + " reachable %,.0f MB%n", liveBefore / 1e6, r, liveRowBytes(pg) / 1e6, reachableBytes(kv, pg) / 1e6);
    }
  }

  private static Process start(String storage, int gcMinutes, Path log) throws IOException {
    return TransactorChild.start(storage, "soak", SECRET, log, List.of("-Xmx2g", "-Xlog:gc:file=" + log + ".gc"),
        "gc-older-than-minutes=" + gcMinutes);
  }

  /** The one number a query answers. */
  private static long scalar(Connection pg, String sql) throws Exception {
    try (Statement st = pg.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The bytes of every row's value in the storage table (what it holds, whatever space PostgreSQL keeps). */
  private static long liveRowBytes(Connection pg) throws Exception {
    return scalar(pg, "SELECT coalesce(sum(octet_length(val)), 0) FROM datolite_kvs");
  }


  /** The pauses in the transactor's GC log after line {@code from}: "n (full f), longest x". */
  private static String gcPauses(Path gcLog, int from) throws IOException {
    if (!Files.exists(gcLog)) {
      return "—";
    }
    List<String> lines = Files.readAllLines(gcLog);
    int pauses = 0;
    int full = 0;
    double longest = 0;
    Pattern ms = Pattern.compile("Pause .* ([0-9.]+)ms$");
    for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
      Matcher m = ms.matcher(line);
      if (m.find()) {
        pauses++;
        full += line.contains("Pause Full") ? 1 : 0;
        longest = Math.max(longest, Double.parseDouble(m.group(1)));
      }
    }
    return String.format(Locale.ROOT, "%d (%d), %.0f", pauses, full, longest);
  }

  private static int gcLineCount(Path gcLog) throws IOException {
    return Files.exists(gcLog) ? Files.readAllLines(gcLog).size() : 0;
  }

  private static long pct(long[] sorted, int p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) ((long) sorted.length * p / 100))];
  }

  private static long tableBytes(Connection pg) throws Exception {
    return scalar(pg, "SELECT pg_total_relation_size('datolite_kvs')");
  }


  /** The bytes of the values the current root reaches, plus the log's. */
  private static long reachableBytes(KeyValueStore kv, Connection pg) throws Exception {
    byte[] root = kv.get("soak/root");
    IndexSet set = IndexSet.open(new NodeStore(kv, new SegmentCache(64L << 20), "soak/"), TreeConfig.DEFAULT,
        IndexRoots.decode(root, "soak/root"));
    Set<String> keys = new HashSet<>();
    for (Index index : Index.values()) {
      keys.addAll(set.current(index).nodeKeys());
      keys.addAll(set.history(index).nodeKeys());
    }
    long trees;
    try (PreparedStatement ps = pg.prepareStatement("SELECT coalesce(sum(octet_length(val)), 0) FROM datolite_kvs"
        + " WHERE id = ANY(?)")) {
      Array a = pg.createArrayOf("text", keys.toArray());
      ps.setArray(1, a);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        trees = rs.getLong(1);
      }
    }
    return trees + scalar(pg, "SELECT coalesce(sum(octet_length(val)), 0) FROM datolite_kvs WHERE id LIKE 'soak/log/%'");
  }

  private static long rss(Process p) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
