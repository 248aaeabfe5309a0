package org.datolite.transactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.kv.ForwardingStore;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.tree.TreeConfig;
import org.junit.jupiter.api.Test;

/**
 * A slow index job is absorbed by back-pressure, not by the heap: while the job cannot write its
 * nodes, commits go on until the novelty reaches {@code maxNoveltyBytes}, then wait; the novelty
 * stays within a batch of the limit however many transactions are submitted; once the job
 * finishes, every waiting transaction commits.
 */
class BackPressureTest {
  private static final String SCHEMA = "[{:db/ident :item/name :db/valueType :db.type/string"
      + " :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}"
      + " {:db/ident :item/note :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]";
  private static final long THRESHOLD = 16 << 10;
  private static final long LIMIT = 64 << 10;

  @Test
  void aSlowIndexJob_makesWritesWait_andTheNoveltyStaysNearItsLimit() throws Exception {
    AtomicBoolean slow = new AtomicBoolean();
    Semaphore gate = new Semaphore(0);
    Semaphore blocked = new Semaphore(0);
    KeyValueStore kv = new ForwardingStore(new MemoryStore("bp")) {
      @Override
      public Set<String> putAllIfAbsent(Map<String, byte[]> entries) {
        boolean nodes = entries.keySet().stream().anyMatch(k -> k.contains("/seg/") || k.contains("/dir/"));
        if (slow.get() && nodes) {
          blocked.release();
          gate.acquireUninterruptibly(); // the index job's node writes wait here: a slow job
        }
        return super.putAllIfAbsent(entries);
      }
    };
    TransactorConfig d = TransactorConfig.defaults("bp");
    TransactorConfig config = new TransactorConfig(d.database(), THRESHOLD, LIMIT, 10, d.queueCapacity(),
        d.maxTxDatoms(), d.transactTimeout(), d.allowedPredicateClasses(), new TreeConfig(64, 4096, 8), d.clock());
    try (TransactorFixture f = new TransactorFixture(kv, config)) {
      Transactor t = f.transactor;
      f.tx(SCHEMA);
      slow.set(true);
      List<CompletableFuture<TxReport>> submitted = new ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        submitted.add(t.transactAsync(Edn.read("[{:item/name \"item-" + i + "\" :item/note \"" + "x".repeat(100)
            + "\"}]"), null));
      }
      assertTrue(blocked.tryAcquire(10, TimeUnit.SECONDS), "an index job started and tried to write its nodes");
      // commits stop once the novelty passes the limit
      long basis = -1;
      for (int i = 0; i < 100 && basis != t.basisT(); i++) {
        basis = t.basisT();
        Thread.sleep(100);
      }
      assertEquals(basis, t.basisT(), "commits stopped while the index job could not finish");
      long novelty = noveltyBytes(t);
      assertTrue(novelty > LIMIT, "the writer waits above the limit, at " + novelty + " bytes");
      assertTrue(novelty < LIMIT + (32 << 10), "the novelty stays within a batch of the limit: " + novelty + " bytes");
      long waiting = submitted.stream().filter(p -> !p.isDone()).count();
      assertTrue(waiting > 1_000, "transactions wait in the queue rather than in the novelty: " + waiting);
      slow.set(false);
      gate.release(Integer.MAX_VALUE / 2);
      for (CompletableFuture<TxReport> p : submitted) {
        t.await(p);
      }
      assertFalse(submitted.stream().anyMatch(CompletableFuture::isCompletedExceptionally));
      int items = 0;
      for (Iterator<Datom> it = f.db().datoms(Index.AEVT, f.attr(":item/name")); it.hasNext(); it.next()) {
        items++;
      }
      assertEquals(3_000, items, "every waiting transaction committed");
      t.requestIndex(); // and indexing goes on
      long deadline = System.currentTimeMillis() + 10_000;
      while (t.db().persisted().basisT() < t.basisT() && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(t.basisT(), t.db().persisted().basisT(), "the index caught up");
    }
  }

  private static long noveltyBytes(Transactor t) {
    long n = 0;
    for (MemoryIndex layer : t.db().novelty()) {
      n += layer.estimatedBytes();
    }
    return n;
  }
}
