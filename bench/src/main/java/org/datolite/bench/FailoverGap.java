package org.datolite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.TxStatus;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.Stores;
import org.datolite.transactor.TransactorConfig;
import org.datolite.transactor.remote.Lease;
import org.datolite.transactor.remote.LogPreload;
import org.datolite.value.Keyword;

/**
 * The failover gap (issue 14): an active and a standby transactor (child JVMs, {@code
 * heartbeat-ms}) on PostgreSQL storage, 4 peer threads of one peer transacting continuously
 * through the native API, and a log of {@code blocks} one-transaction blocks since the last index
 * job written before the first transactor starts. Each round either SIGKILLs the active
 * transactor and times the gap from the kill to the first acknowledged transaction sent after it,
 * or SIGSTOPs it and times the gap until the peers, which were connected to it, transact again
 * (then it is resumed, steps down, and is killed); a new standby replaces it. At the end every
 * acknowledged transaction is present exactly once (by its UUID).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.datolite.bench.FailoverGap [rounds
 * [blocks [heartbeat-ms]]]} (default 6 rounds, alternately SIGKILL and SIGSTOP; 20,000 blocks;
 * 300 ms). {@code DATOLITE_BENCH_PG_URL} names the server (default the local one).
 */
public final class FailoverGap {
  private static final String SECRET = "failover-bench-shared-secret-0123";

  private FailoverGap() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int heartbeat = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    Path logs = Files.createTempDirectory("failover-gap");
    try (ScratchDatabase scratch = new ScratchDatabase("failover")) {
      run(scratch.storage(), rounds, blocks, heartbeat, logs);
    }
  }

  private static void run(String storage, int rounds, int blocks, int heartbeat, Path logs) throws Exception {
    KeyValueStore kv = Stores.open(storage);
    TransactorConfig config = TransactorConfig.defaults("bench");
    LogPreload.write(kv, config, "[{:db/ident :bench/id :db/valueType :db.type/uuid"
        + " :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}]", blocks);
    System.out.printf(Locale.ROOT, "FailoverGap: %d rounds, %,d log blocks since the last index job, heartbeat %d ms,"
        + " %s, %d cores, transactor logs in %s%n", rounds, blocks, heartbeat, Instant.now(),
        Runtime.getRuntime().availableProcessors(), logs);
    Map<String, Process> processes = new LinkedHashMap<>();
    int started = 0;
    Map<UUID, Long> acked = new ConcurrentHashMap<>();
    List<long[]> acks = new CopyOnWriteArrayList<>(); // {sent, acknowledged} nanoTimes
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    try {
      String first = "t" + started++;
      processes.put(first, start(storage, first, heartbeat, logs));
      Lease active = awaitHolder(kv, null, 120_000);
      String standby = "t" + started++;
      processes.put(standby, start(storage, standby, heartbeat, logs));
      Properties p = new Properties();
      p.setProperty("secret", SECRET);
      try (DatoliteConnection conn = Datolite.connect(storage + "&db=bench", p)) {
        for (int w = 0; w < 4; w++) {
          Thread t = new Thread(() -> {
            while (!stop.get()) {
              UUID id = UUID.randomUUID();
              long sent = System.nanoTime();
              try {
                acked.put(id, conn.transact("[{:bench/id #uuid \"" + id + "\"}]", id).t());
                acks.add(new long[] {sent, System.nanoTime()});
              } catch (RuntimeException e) {
                // an unknown outcome is looked up at the end; anything else is retried with a new id
                sleep(5);
              }
            }
          }, "writer-" + w);
          t.setDaemon(true);
          t.start();
          writers.add(t);
        }
        sleep(2_000);
        double[] kills = new double[(rounds + 1) / 2];
        double[] stops = new double[rounds / 2];
        for (int r = 0; r < rounds; r++) {
          boolean kill = r % 2 == 0;
          Process victim = processOf(processes, active, logs);
          if (kill) {
            victim.destroyForcibly(); // SIGKILL, sent before this returns
          } else {
            signal(victim, "STOP"); // the kill command has returned: the process is stopped
          }
          long at = System.nanoTime();
          Instant wallAt = Instant.now();
          Lease next = awaitHolder(kv, active.holder(), 60_000);
          double gap = awaitAckSentAfter(acks, at, 60_000);
          if (kill) {
            kills[r / 2] = gap;
          } else {
            stops[r / 2] = gap;
            signal(victim, "CONT");
            sleep(heartbeat * 4L); // it notices it lost the lease and steps down
            victim.destroyForcibly();
          }
          victim.waitFor(10, TimeUnit.SECONDS);
          System.out.printf(Locale.ROOT, "  round %d (%s at %s): first acknowledged transaction sent %.0f ms after the %s"
              + " (epoch %d → %d)%n", r + 1, kill ? "SIGKILL" : "SIGSTOP", wallAt, gap, kill ? "kill" : "stop",
              active.epoch(), next.epoch());
          active = next;
          String name = "t" + started++;
          processes.put(name, start(storage, name, heartbeat, logs));
          sleep(3_000); // the new standby is up, and the writers run on the new active one
        }
        stop.set(true);
        for (Thread t : writers) {
          t.join(30_000);
        }
        int missing = 0;
        for (Map.Entry<UUID, Long> e : acked.entrySet()) {
          TxStatus s = conn.txStatus(e.getKey());
          if (!s.isCommitted() || s.t() != e.getValue()) {
            missing++;
          }
        }
        long id = conn.db().entid(Keyword.of(":bench/id"));
        long entities = 0;
        for (Datom ignored : conn.db().datoms(Index.AEVT, id)) {
          entities++;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "| heartbeat %d ms, %,d log blocks | median | max | goal |%n", heartbeat, blocks);
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| SIGKILL → first acknowledged transaction (%d rounds) | %.0f ms | %.0f ms | < 2,000 ms |%n",
            kills.length, median(kills), max(kills));
        if (stops.length > 0) {
          System.out.printf(Locale.ROOT, "| SIGSTOP → the peers transact again (%d rounds) | %.0f ms | %.0f ms | < 2,000 ms |%n",
              stops.length, median(stops), max(stops));
        }
        System.out.printf(Locale.ROOT, "%,d transactions acknowledged, %d of them not found at their t; %,d :bench/id"
            + " entities in the database (unknown outcomes may add some)%n", acked.size(), missing, entities);
      }
    } finally {
      stop.set(true);
      for (Process p : processes.values()) {
        if (p.isAlive()) {
          signal(p, "CONT");
          p.destroyForcibly();
        }
      }
      kv.close();
    }
  }

  private static Process start(String storage, String name, int heartbeat, Path logs) throws IOException {
    return TransactorChild.start(storage, "bench", SECRET, logs.resolve(name + ".log"), List.of("-Xmx512m"),
        "heartbeat-ms=" + heartbeat);
  }

  /** The process of a lease holder: the one whose log names the holder's id. */
  private static Process processOf(Map<String, Process> processes, Lease lease, Path logs) throws IOException {
    String id = lease.holder().toString().substring(0, 8);
    for (Map.Entry<String, Process> e : processes.entrySet()) {
      Path log = logs.resolve(e.getKey() + ".log");
      if (e.getValue().isAlive() && Files.exists(log) && Files.readString(log).contains(id)) {
        return e.getValue();
      }
    }
    throw new IllegalStateException("no running transactor's log names the lease holder " + id);
  }

  private static Lease awaitHolder(KeyValueStore kv, UUID notThis, long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      KeyValueStore.Versioned v = Lease.read(kv, "bench/");
      if (v != null) {
        Lease l = Lease.decode(v.value(), Lease.key("bench/"));
        if (l.port() != 0 && l.heartbeatMillis() > 0 && (notThis == null || !l.holder().equals(notThis))) {
          return l;
        }
      }
      sleep(10);
    }
    throw new IllegalStateException("no transactor took the lease within " + timeoutMillis + " ms");
  }

  /** Milliseconds from {@code at} to the sending of the first acknowledged transaction sent after it. */
  private static double awaitAckSentAfter(List<long[]> acks, long at, long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      long first = Long.MAX_VALUE;
      for (long[] a : acks) {
        if (a[0] > at) {
          first = Math.min(first, a[1]);
        }
      }
      if (first != Long.MAX_VALUE) {
        return (first - at) / 1e6;
      }
      sleep(5);
    }
    throw new IllegalStateException("no transaction was acknowledged within " + timeoutMillis + " ms");
  }

  private static void signal(Process p, String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s[s.length / 2];
  }

  private static double max(double[] xs) {
    return Arrays.stream(xs).max().orElse(Double.NaN);
  }
}
