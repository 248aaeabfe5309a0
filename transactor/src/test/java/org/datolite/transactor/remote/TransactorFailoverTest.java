package org.datolite.transactor.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.datolite.datom.Index;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.Stores;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.testkit.PostgresDatabase;
import org.datolite.testkit.WithPostgres;
import org.datolite.transactor.Transactor;
import org.datolite.transactor.TransactorConfig;
import org.datolite.transactor.TransactorException;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standalone transactors as separate processes on PostgreSQL: the active one is killed and the
 * standby takes over while clients keep writing; then the new active one is paused (SIGSTOP),
 * a third takes over, and the paused one, resumed (SIGCONT), steps down without writing.
 */
@WithPostgres
class TransactorFailoverTest {
  private static final int PRELOADED = 20_000;
  @TempDir
  Path logs;

  private static Lease lease(KeyValueStore kv) {
    KeyValueStore.Versioned v = Lease.read(kv, "ha/");
    return v == null ? null : Lease.decode(v.value(), "ha/lease");
  }

  private static Lease awaitHolder(KeyValueStore kv, UUID notThis, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      Lease l = lease(kv);
      if (l != null && l.port() != 0 && l.heartbeatMillis() > 0 && (notThis == null || !l.holder().equals(notThis))) {
        return l;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no new lease holder within " + timeoutMillis + " ms; last: " + lease(kv));
  }

  @Test
  void standbyTakesOver_clientsContinue_andAResumedOldTransactorStepsDown(PostgresDatabase pg) throws Exception {
    String storage = "postgresql://" + pg.jdbcUrl().substring("jdbc:postgresql://".length());
    Map<UUID, Long> acked = new ConcurrentHashMap<>();
    List<Long> ackTimes = new CopyOnWriteArrayList<>();
    try (KeyValueStore kv = Stores.open(storage);
         TransactorProcesses processes = new TransactorProcesses(storage, "ha", logs)) {
      // 20,000 transactions in the log since the last index job (issue 14): each takeover must
      // still be quick, and lose nothing
      LogPreload.write(kv, TransactorConfig.defaults("ha"), "[{:db/ident :ha/id :db/valueType :db.type/uuid"
          + " :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}]", PRELOADED);
      Process a = processes.start("a", 300);
      Lease first = awaitHolder(kv, null, 30_000);
      processes.start("b", 300);
      try (TransactorClient client = TransactorClient.connect(kv, "ha/",
          TransactorProcesses.SECRET.getBytes(StandardCharsets.UTF_8), null, Duration.ofSeconds(5),
          new TransactorClient.Listener() {})) {
        assertTrue(client.awaitConnected(Duration.ofSeconds(30)));
        client.transact("[{:db/ident :ha/id :db/valueType :db.type/uuid :db/cardinality :db.cardinality/one"
            + " :db/unique :db.unique/identity}]");
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
          while (!stop.get()) {
            UUID id = UUID.randomUUID();
            long sent = System.nanoTime();
            try {
              acked.put(id, client.await(client.transactAsync("[{:ha/id #uuid \"" + id + "\"}]", id)).t());
              ackTimes.add(sent); // when the acknowledged request was sent
            } catch (TransactorException e) {
              try {
                Thread.sleep(20);
              } catch (InterruptedException ie) {
                return;
              }
            }
          }
        });
        writer.start();
        Thread.sleep(700);

        long killedAt = System.nanoTime();
        TransactorProcesses.kill(a);
        Lease second = awaitHolder(kv, first.holder(), 30_000);
        assertEquals(first.epoch() + 1, second.epoch());
        long deadline = System.currentTimeMillis() + 30_000;
        while (ackTimes.stream().noneMatch(t -> t > killedAt + 1) && System.currentTimeMillis() < deadline) {
          Thread.sleep(20);
        }
        long firstAckAfter = ackTimes.stream().filter(t -> t > killedAt).findFirst().orElseThrow(
            () -> new AssertionError("no client write succeeded after the failover"));
        System.out.printf("failover: clients wrote again %d ms after the kill (heartbeat 300 ms)%n",
            (firstAckAfter - killedAt) / 1_000_000);

        // Pause the new active one; a third takes over; the paused one, resumed, must step down.
        Process c = processes.start("c", 300);
        Process b = ProcessHandleFinder.processOf(processes, second);
        TransactorProcesses.signal(b, "STOP");
        Lease third = awaitHolder(kv, second.holder(), 30_000);
        TransactorProcesses.signal(b, "CONT");
        long resumedAt = System.nanoTime();
        deadline = System.currentTimeMillis() + 10_000;
        String bLog = "";
        // It steps down either when its lease check finds the lease gone, or when a log write it
        // had begun before the pause finds its slot taken (fencing by the log).
        while (!steppedDown(bLog) && System.currentTimeMillis() < deadline) {
          Thread.sleep(50);
          bLog = Files.readString(logs.resolve(ProcessHandleFinder.logName(processes, second)));
        }
        assertTrue(steppedDown(bLog), "the resumed transactor stepped down; its log:\n" + bLog);
        deadline = System.currentTimeMillis() + 30_000;
        while (ackTimes.stream().noneMatch(t -> t > resumedAt) && System.currentTimeMillis() < deadline) {
          Thread.sleep(20);
        }
        stop.set(true);
        writer.join(30_000);
        assertTrue(ackTimes.stream().anyMatch(t -> t > resumedAt), "clients kept writing through the third transactor");
        assertEquals(third.holder(), lease(kv).holder(), "the third transactor still holds the lease");
        assertTrue(c.isAlive());
      }
      for (Process p : List.of(a)) {
        assertTrue(!p.isAlive());
      }
    }
    // Every acknowledged write is there, once.
    try (KeyValueStore kv = Stores.open(storage)) {
      // The third transactor still runs; read through a local recovery on a fresh store handle of our own
      // without writing (Transactor.open creates nothing when the database exists, and reads only).
      Transactor local = Transactor.open(kv, new SegmentCache(64L << 20), TransactorConfig.defaults("ha"));
      try {
        long preloaded = 0;
        for (var it = local.db().datoms(Index.AEVT, local.schema().entid(Keyword.of(":preload/n"))); it.hasNext(); it.next()) {
          preloaded++;
        }
        assertEquals(PRELOADED, preloaded, "the preloaded log survived every takeover");
        long id = local.schema().entid(Keyword.of(":ha/id"));
        for (Map.Entry<UUID, Long> e : acked.entrySet()) {
          assertNotNull(local.db().first(Index.AVET, id, e.getKey()), "acknowledged " + e.getKey());
          assertEquals(e.getValue(), local.committedT(e.getKey()));
        }
      } finally {
        local.close();
      }
    }
  }

  @Test
  void standbyWhosePortIsTakenWhenItBecomesActive_releasesTheLeaseAndExitsWithStatus1(PostgresDatabase pg)
      throws Exception {
    String storage = "postgresql://" + pg.jdbcUrl().substring("jdbc:postgresql://".length());
    try (KeyValueStore kv = Stores.open(storage);
         TransactorProcesses processes = new TransactorProcesses(storage, "taken", logs)) {
      Process a = processes.start("a", 300);
      KeyValueStore.Versioned first = null;
      long deadline = System.currentTimeMillis() + 30_000;
      while (first == null && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
        first = Lease.read(kv, "taken/");
      }
      assertNotNull(first, "the first transactor took the lease");
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      // The port flag overrides the "--set port=0" that every process gets.
      Process b = processes.start("b", 300, "--port=" + port);
      Path bLog = logs.resolve("b.log");
      String log = "";
      deadline = System.currentTimeMillis() + 30_000;
      while (!log.contains("standby until it holds the lease") && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
        log = Files.exists(bLog) ? Files.readString(bLog) : "";
      }
      assertTrue(log.contains("standby until it holds the lease"), "b started as a standby; its log:\n" + log);
      try (ServerSocket taken = new ServerSocket()) {
        taken.bind(new InetSocketAddress("127.0.0.1", port));
        TransactorProcesses.kill(a);
        assertTrue(b.waitFor(30, TimeUnit.SECONDS), "b stopped by itself");
        log = Files.readString(bLog);
        assertEquals(1, b.exitValue(), "b's log:\n" + log);
        assertTrue(log.contains("cannot serve as the active transactor, so it releases the lease and stops")
            && log.contains("cannot listen on 127.0.0.1:" + port), log);
        Lease released = Lease.decode(Lease.read(kv, "taken/").value(), "taken/lease");
        assertEquals(0, released.heartbeatMillis(), "b released the lease");
      }
    }
  }

  /** Maps a lease holder back to its process, through the transactor's log, which names its id. */
  static final class ProcessHandleFinder {
    private ProcessHandleFinder() {}

    static Process processOf(TransactorProcesses processes, Lease lease) throws Exception {
      return processes.byLogContaining(lease.holder().toString().substring(0, 8));
    }

    static String logName(TransactorProcesses processes, Lease lease) throws Exception {
      return processes.logNameContaining(lease.holder().toString().substring(0, 8));
    }
  }

  private static boolean steppedDown(String log) {
    return log.contains("lost the lease") || log.contains("has been replaced and stops writing");
  }
}
