package org.datolite.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.Stores;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.tree.IndexRoots;
import org.datolite.transactor.remote.PeerProtocol;
import org.datolite.transactor.remote.TransactorClient;
import org.datolite.transactor.server.TransactorCommand;

/**
 * Transaction throughput of the standalone transactor on PostgreSQL storage, side by side with
 * PostgreSQL itself, in one run:
 *
 * <ul>
 *   <li><b>small transactions</b>: one entity with three attributes per transaction, from 1, 8 and
 *       32 concurrent submitters through a transactor running in its own JVM; the anchor is the
 *       same number of JDBC clients each committing single-row {@code INSERT}s into a table with a
 *       primary key, straight into the same PostgreSQL server;
 *   <li><b>bulk import</b>: transactions of 1,000 entities (4,000 datoms with the transaction's
 *       own) with 20 in flight, as Datomic advises for imports, in datoms per second.
 * </ul>
 * The PostgreSQL server is {@code DATOLITE_BENCH_PG_URL} (default: the local one, user
 * postgres); a scratch database is created and dropped.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.datolite.bench.TransactorThroughput [seconds
 * [submitters,… [nobulk]]]}; {@code BENCH_JFR=file.jfr} records a profile of the transactor, and
 * {@code BENCH_TRANSACTOR_OPTS} adds JVM options to it. Each row also gives the CPU time (user and
 * system, from {@code /proc}) that the transactor, this client process and all PostgreSQL
 * processes spent per transaction while measured (on a machine whose cores they share, that, not
 * waiting, is what limits throughput), and how many background index jobs finished meanwhile (their
 * CPU is part of the transactor's). Both sides are warmed up first, the transactor until two index
 * jobs have run so that their code is compiled.
 */
public final class TransactorThroughput {
  private static final String SECRET = "benchmark-shared-secret-0123456789";

  private TransactorThroughput() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int[] submitters = args.length <= 1 ? new int[] {1, 8, 32}
        : args[1].equals("none") ? new int[0] : Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
    boolean runBulk = args.length <= 2 || !args[2].equals("nobulk");
    String admin = System.getenv().getOrDefault("DATOLITE_BENCH_PG_URL",
        "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    String scratch = "datolite_bench_" + Long.toHexString(System.nanoTime());
    String url = admin.replaceFirst("/[^/?]+(\\?|$)", "/" + scratch + "$1");
    try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + scratch);
    }
    Path logs = Files.createTempDirectory("datolite-bench");
    Process transactor = null;
    try {
      String storage = "postgresql://" + url.substring("jdbc:postgresql://".length());
      transactor = startTransactor(storage, logs);
      System.out.println("transactor logs: " + logs);
      List<String> rows = new ArrayList<>();
      try (KeyValueStore kv = Stores.open(storage);
           TransactorClient client = TransactorClient.connect(kv, "bench/", SECRET.getBytes(StandardCharsets.UTF_8),
               null, Duration.ofSeconds(30), new TransactorClient.Listener() {
                 @Override
                 public void indexed(IndexRoots roots) {
                   INDEX_JOBS.incrementAndGet();
                 }

                 @Override
                 public void novelty(List<CommittedTx> txs) {
                   for (CommittedTx tx : txs) {
                     PUSHED_DATOMS.addAndGet(tx.datoms().size());
                   }
                 }
               })) {
        if (!client.awaitConnected(Duration.ofSeconds(60))) {
          throw new IllegalStateException("the transactor did not come up; see " + logs);
        }
        client.transact("[{:db/ident :bench/id :db/valueType :db.type/uuid :db/cardinality :db.cardinality/one"
            + " :db/unique :db.unique/identity}"
            + " {:db/ident :bench/n :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
            + " {:db/ident :bench/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
          st.execute("CREATE TABLE items (id uuid PRIMARY KEY, n bigint NOT NULL, name text NOT NULL)");
        }
        // Warm up both sides until the JIT has settled, which for the transactor means until two
        // index jobs have run (their code is compiled then; on two cores the compiler threads
        // would otherwise take half a core through the first phases); not measured.
        long transactorPid = transactor.pid();
        long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        do {
          datolite(client, 8, 5, transactorPid);
        } while (INDEX_JOBS.get() < 2 && System.nanoTime() < warmUpEnd);
        postgres(url, 8, 5);
        for (int clients : submitters) {
          Result datolite = datolite(client, clients, seconds, transactorPid);
          Result postgres = postgres(url, clients, seconds);
          rows.add(String.format("| %d | %,.0f | %.1f ms | %,.0f | %.1f ms | %.2f× | %s | %s | %d |", clients,
              datolite.tps(), datolite.p50(), postgres.tps(), postgres.p50(), datolite.tps() / postgres.tps(),
              datolite.cpu(), postgres.cpu(), datolite.indexJobs()));
        }
        double bulk = runBulk ? bulk(client, seconds) : Double.NaN;
        System.out.println();
        System.out.println("| submitters | Datolite tx/s | Datolite p50 | PostgreSQL tx/s | PostgreSQL p50 | Datolite ÷ PostgreSQL"
            + " | Datolite CPU µs/tx (transactor + client + PostgreSQL) | PostgreSQL CPU µs/tx (client + PostgreSQL)"
            + " | index jobs done |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.printf("bulk import: %,.0f datoms/s (transactions of 1,000 entities, 20 in flight)%n", bulk);
      }
    } finally {
      if (transactor != null) {
        transactor.destroy(); // SIGTERM: a clean stop
        transactor.waitFor(30, TimeUnit.SECONDS);
      }
      try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
      }
    }
  }

  private static Process startTransactor(String storage, Path logs) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"));
    if (System.getenv().containsKey("BENCH_JFR")) {
      command.add("-XX:StartFlightRecording=filename=" + System.getenv("BENCH_JFR") + ",settings=profile");
    }
    String extra = System.getenv().getOrDefault("BENCH_TRANSACTOR_OPTS", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(Arrays.asList(extra.split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        TransactorCommand.class.getName(), "--set", "storage=" + storage, "--set", "database=bench",
        "--set", "port=0", "--set", "heartbeat-ms=1000", "--set", "secret-env=BENCH_SECRET"));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("BENCH_SECRET", SECRET);
    pb.redirectErrorStream(true);
    pb.redirectOutput(logs.resolve("transactor.log").toFile());
    return pb.start();
  }

  /** Throughput, median latency, and the CPU time each process spent per transaction while measured. */
  record Result(double tps, double p50, String cpu, long indexJobs) {}

  /** Index jobs the transactor has reported finished (INDEXED pushes). */
  private static final AtomicLong INDEX_JOBS = new AtomicLong();
  /** Datoms of the transactions the transactor has pushed (NOVELTY). */
  private static final AtomicLong PUSHED_DATOMS = new AtomicLong();

  /**
   * CPU time (user and system) of a process from {@code /proc}, in nanoseconds, or -1 where that
   * cannot be read (not Linux).
   */
  static long cpuNanos(long pid) {
    try {
      return statCpuNanos(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The CPU time (user and system) in a {@code /proc} process's or thread's {@code stat} text, in nanoseconds. */
  static long statCpuNanos(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // fields 14 and 15, at 100 ticks/s
  }

  /** CPU nanoseconds of every PostgreSQL process on this machine (-1 if unreadable). */
  static long postgresCpuNanos() {
    long sum = 0;
    for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
      if (p.info().command().orElse("").contains("postgres")) {
        long n = cpuNanos(p.pid());
        if (n < 0) {
          return -1;
        }
        sum += n;
      }
    }
    return sum;
  }

  /** CPU time per transaction of the given processes, labelled; -1 pids are skipped. */
  private static final class CpuMeter {
    private final long[] pids;
    private final long[] start;

    /** @param pids process ids; 0 stands for all PostgreSQL processes */
    CpuMeter(long... pids) {
      this.pids = pids;
      this.start = read();
    }

    private long[] read() {
      long[] now = new long[pids.length];
      for (int i = 0; i < pids.length; i++) {
        now[i] = pids[i] == 0 ? postgresCpuNanos() : cpuNanos(pids[i]);
      }
      return now;
    }

    String perTransaction(long transactions) {
      long[] end = read();
      StringBuilder out = new StringBuilder();
      long total = 0;
      for (int i = 0; i < pids.length; i++) {
        if (start[i] < 0 || end[i] < 0) {
          return "n/a";
        }
        long us = (end[i] - start[i]) / 1000 / Math.max(1, transactions);
        total += us;
        out.append(i == 0 ? "" : " + ").append(us);
      }
      return out.append(" = ").append(total).toString();
    }
  }

  /** Runs {@code body} on {@code clients} threads for a warm-up and a measured period. */
  private interface Body {
    void run(int client, long seq) throws Exception;
  }

  private static Result measure(int clients, int seconds, long[] pids, Body body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong count = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      int client = i;
      long[] lat = new long[1 << 20];
      latencies.add(lat);
      int[] n = {0};
      done.add(CompletableFuture.runAsync(() -> {
        long seq = 0;
        try {
          while (!stop.get()) {
            long t0 = System.nanoTime();
            body.run(client, seq++);
            if (measuring.get()) {
              count.incrementAndGet();
              if (n[0] < lat.length) {
                lat[n[0]++] = System.nanoTime() - t0;
              }
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        lat[lat.length - 1] = n[0];
      }, pool));
    }
    Thread.sleep(Math.min(3000, seconds * 300L)); // warm-up
    measuring.set(true);
    long jobsBefore = INDEX_JOBS.get();
    CpuMeter cpu = new CpuMeter(pids);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    measuring.set(false);
    String cpuPerTx = cpu.perTransaction(count.get());
    long jobsAfter = INDEX_JOBS.get();
    long elapsed = System.nanoTime() - start;
    stop.set(true);
    CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
    pool.shutdown();
    List<Long> all = new ArrayList<>();
    for (long[] lat : latencies) {
      int n = (int) lat[lat.length - 1];
      for (int i = 0; i < n; i++) {
        all.add(lat[i]);
      }
    }
    long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    double p50 = sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6;
    return new Result(count.get() / (elapsed / 1e9), p50, cpuPerTx, jobsAfter - jobsBefore);
  }

  private static Result datolite(TransactorClient client, int clients, int seconds, long transactorPid)
      throws Exception {
    return measure(clients, seconds, new long[] {transactorPid, ProcessHandle.current().pid(), 0}, (c, seq) -> {
      UUID id = UUID.randomUUID();
      client.transact("[{:bench/id #uuid \"" + id + "\" :bench/n " + seq + " :bench/name \"item "
          + c + "-" + seq + "\"}]", id);
    });
  }

  private static Result postgres(String url, int clients, int seconds) throws Exception {
    Connection[] connections = new Connection[clients];
    PreparedStatement[] inserts = new PreparedStatement[clients];
    for (int i = 0; i < clients; i++) {
      connections[i] = DriverManager.getConnection(url);
      inserts[i] = connections[i].prepareStatement("INSERT INTO items (id, n, name) VALUES (?, ?, ?)");
    }
    try {
      return measure(clients, seconds, new long[] {ProcessHandle.current().pid(), 0}, (c, seq) -> {
        PreparedStatement ps = inserts[c];
        ps.setObject(1, UUID.randomUUID());
        ps.setLong(2, seq);
        ps.setString(3, "item " + c + "-" + seq);
        ps.executeUpdate(); // autocommit: one transaction, one durable commit
      });
    } finally {
      for (Connection c : connections) {
        try {
          c.close();
        } catch (SQLException e) {
          // closing
        }
      }
    }
  }

  private static double bulk(TransactorClient client, int seconds) throws Exception {
    Semaphore inFlight = new Semaphore(20);
    AtomicBoolean measuring = new AtomicBoolean();
    long pushedBefore = 0;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 3);
    long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    long measuredStart = 0;
    long seq = 0;
    List<CompletableFuture<?>> pending = new ArrayList<>();
    while (System.nanoTime() < end) {
      if (!measuring.get() && System.nanoTime() >= measureFrom) {
        measuring.set(true);
        measuredStart = System.nanoTime();
        pushedBefore = PUSHED_DATOMS.get();
      }
      StringBuilder tx = new StringBuilder("[");
      for (int i = 0; i < 1000; i++, seq++) {
        tx.append("{:bench/id #uuid \"").append(UUID.randomUUID()).append("\" :bench/n ").append(seq)
            .append(" :bench/name \"bulk ").append(seq).append("\"}");
      }
      tx.append(']');
      inFlight.acquire();
      pending.add(client.transactAsync(tx.toString(), UUID.randomUUID()).whenComplete((r, e) -> inFlight.release()));
    }
    long elapsed = System.nanoTime() - measuredStart;
    CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
    // the datoms committed since measuring began, as the pushes bring them (under protocol 2 an
    // answer no longer carries its transaction's datoms); a push comes before its answer
    return (PUSHED_DATOMS.get() - pushedBefore) / (elapsed / 1e9);
  }
}
