package org.datolite.transactor.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.db.Db;
import org.datolite.storage.kv.Stores;
import org.datolite.storage.kv.postgres.PostgresStore;
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
 * A standalone transactor on PostgreSQL storage, under load from several clients, killed with
 * SIGKILL at random moments and restarted, round after round. Afterwards every acknowledged
 * transaction is in the database, no transaction is there in part, and every transaction whose
 * outcome was unknown is found, or not, by its UUID — all of it or none of it.
 */
@WithPostgres
class TransactorCrashTest {
  static final String SCHEMA = "[{:db/ident :item/id :db/valueType :db.type/uuid :db/cardinality :db.cardinality/one"
      + " :db/unique :db.unique/identity}"
      + " {:db/ident :item/a :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
      + " {:db/ident :item/b :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
      + " {:db/ident :item/c :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]";

  @TempDir
  Path logs;

  @Test
  void killedTransactor_losesNoAcknowledgedTransactionAndLeavesNoneHalfDone(PostgresDatabase pg) throws Exception {
    long seed = Long.getLong("datolite.crashSeed", System.nanoTime());
    Random random = new Random(seed);
    String context = "seed " + seed + " (rerun with -Ddatolite.crashSeed=" + seed + "); logs in " + logs;
    String storage = "postgresql://" + pg.jdbcUrl().substring("jdbc:postgresql://".length());
    Map<UUID, Long> acked = new ConcurrentHashMap<>();
    Set<UUID> unknown = ConcurrentHashMap.newKeySet();
    AtomicInteger counter = new AtomicInteger();
    try (PostgresStore kv = (PostgresStore) Stores.open(storage);
         TransactorProcesses processes = new TransactorProcesses(storage, "crash", logs)) {
      Process transactor = processes.start("round-0", 200);
      try (TransactorClient client = TransactorClient.connect(kv, "crash/",
          TransactorProcesses.SECRET.getBytes(StandardCharsets.UTF_8), null, Duration.ofSeconds(5),
          new TransactorClient.Listener() {})) {
        assertTrue(client.awaitConnected(Duration.ofSeconds(30)), "first transactor came up; " + context);
        client.transact(SCHEMA);
        int rounds = 4;
        for (int round = 1; round <= rounds; round++) {
          // Kill a transactor that serves, not one still starting: every round puts load on one.
          assertTrue(client.awaitConnected(Duration.ofSeconds(60)), "transactor of round " + round + " came up; " + context);
          AtomicBoolean stop = new AtomicBoolean();
          ExecutorService writers = Executors.newFixedThreadPool(4);
          for (int w = 0; w < 4; w++) {
            writers.execute(() -> {
              while (!stop.get()) {
                UUID id = UUID.randomUUID();
                int n = counter.incrementAndGet();
                String edn = "[{:item/id #uuid \"" + id + "\" :item/a " + n + " :item/b \"b" + n + "\" :item/c " + (n * 3) + "}]";
                try {
                  acked.put(id, client.await(client.transactAsync(edn, id)).t());
                } catch (TransactorException e) {
                  if (e.outcomeKnown()) {
                    sleep(20); // no transactor yet; nothing was sent
                  } else {
                    unknown.add(id);
                  }
                }
              }
            });
          }
          Thread.sleep(300 + random.nextInt(1200));
          TransactorProcesses.kill(transactor);
          Thread.sleep(random.nextInt(300));
          transactor = processes.start("round-" + round, 200);
          Thread.sleep(200 + random.nextInt(800));
          stop.set(true);
          writers.shutdown();
          assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS), context);
        }
        assertTrue(client.awaitConnected(Duration.ofSeconds(30)), context);
        client.sync(0);
        for (Map.Entry<UUID, Long> e : acked.entrySet()) {
          assertEquals(e.getValue(), client.committedT(e.getKey()), "acknowledged transaction " + e.getKey() + "; " + context);
        }
        for (UUID id : unknown) {
          client.committedT(id); // answers, one way or the other
        }
      }
      TransactorProcesses.kill(transactor);
      // Recover the database in this JVM and check every entity is whole.
      try (Transactor local = Transactor.open(kv, new SegmentCache(64L << 20), TransactorConfig.defaults("crash"))) {
        Db db = local.db();
        long id = local.schema().entid(Keyword.of(":item/id"));
        List<String> partial = new ArrayList<>();
        int whole = 0;
        for (Iterator<Datom> it = db.datoms(Index.AEVT, id); it.hasNext(); ) {
          Datom d = it.next();
          int attrs = 0;
          for (Iterator<Datom> e = db.datoms(Index.EAVT, d.e()); e.hasNext(); e.next()) {
            attrs++;
          }
          if (attrs != 4) {
            partial.add(d.e() + " has " + attrs + " attributes");
          } else {
            whole++;
          }
          UUID uuid = (UUID) d.v();
          Long committed = local.committedT(uuid);
          assertTrue(acked.containsKey(uuid) || unknown.contains(uuid), "entity for a transaction nobody sent: " + uuid);
          assertNotNull(committed, context);
        }
        assertTrue(partial.isEmpty(), "partial transactions: " + partial + "; " + context);
        for (UUID uuid : acked.keySet()) {
          assertNotNull(db.first(Index.AVET, id, uuid), "acknowledged " + uuid + " is missing; " + context);
        }
        assertTrue(whole >= acked.size(), context);
        assertTrue(acked.size() > 50, "the load reached the transactor: " + acked.size() + " acknowledged; " + context);
        System.out.printf("crash test: %d acknowledged, %d with unknown outcome (%d of them committed), %d whole entities; %s%n",
            acked.size(), unknown.size(), unknown.stream().filter(u -> local.committedT(u) != null).count(), whole, context);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
