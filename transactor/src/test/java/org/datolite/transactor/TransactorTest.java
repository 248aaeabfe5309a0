package org.datolite.transactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.schema.Ids;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.db.Db;
import org.datolite.storage.kv.ForwardingStore;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.log.LogBlock;
import org.datolite.storage.tree.IndexRoots;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.TreeConfig;
import org.datolite.transactor.tx.TxException;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

/** The writer: group commit, durability, recovery, indexing, fencing and failures. */
class TransactorTest {
  static final String SCHEMA = "[{:db/ident :item/n :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
      + " {:db/ident :item/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one"
      + "  :db/unique :db.unique/identity}"
      + " {:db/ident :item/tag :db/valueType :db.type/string :db/cardinality :db.cardinality/many :db/noHistory true}]";

  private static List<Datom> all(Db db, Index index) {
    List<Datom> out = new ArrayList<>();
    for (Iterator<Datom> it = db.range(index, null, true, null, true); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  @Test
  void concurrentSubmitters_areGroupCommittedInOrder() throws Exception {
    try (TransactorFixture f = new TransactorFixture()) {
      f.tx(SCHEMA);
      long start = f.transactor.basisT();
      List<CompletableFuture<TxReport>> futures = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        futures.add(f.transactor.transactAsync(Edn.read("[{:item/name \"n" + i + "\" :item/n " + i + "}]"), null));
      }
      List<Long> ts = new ArrayList<>();
      for (CompletableFuture<TxReport> future : futures) {
        ts.add(f.transactor.await(future).t());
      }
      for (int i = 0; i < ts.size(); i++) {
        assertEquals(start + 1 + i, ts.get(i), "submission order is commit order");
      }
      int blocks = f.kv.keys("test/log/").size();
      assertTrue(blocks < 1 + 2 + 500, "group commit: " + blocks + " log blocks for 502 transactions");
      assertEquals(500, f.db().count(Index.AEVT, Index.AEVT.lowerBound(f.attr(":item/n")), true,
          Index.AEVT.upperBound(f.attr(":item/n")), true));
    }
  }

  @Test
  void reopening_recoversEveryCommitAndContinuesIds() {
    MemoryStore kv = new MemoryStore("reopen");
    List<Datom> before;
    long t;
    long lastEntity;
    try (TransactorFixture f = new TransactorFixture(kv, TransactorConfig.defaults("test"))) {
      f.tx(SCHEMA);
      for (int i = 0; i < 20; i++) {
        f.tx("[{:item/name \"x" + i + "\" :item/n " + i + " :item/tag [\"a\" \"b\"]}]");
      }
      f.tx("[[:db/retract [:item/name \"x3\"] :item/n 3]]");
      before = all(f.db().history(), Index.EAVT);
      t = f.transactor.basisT();
      lastEntity = f.lookup(":item/name", "x19");
    }
    try (TransactorFixture f = new TransactorFixture(kv, TransactorConfig.defaults("test"))) {
      assertEquals(t, f.transactor.basisT());
      assertEquals(before, all(f.db().history(), Index.EAVT));
      long next = f.tx("[{:db/id \"new\" :item/name \"after\"}]").tempids().get("new");
      assertEquals(lastEntity + 1, next, "ids continue after recovery");
    }
  }

  @Test
  void indexJobs_moveNoveltyIntoTreesWithoutChangingReads() throws Exception {
    MemoryStore kv = new MemoryStore("index");
    TransactorConfig config = TransactorConfig.defaults("test").withIndexThreshold(64 << 10)
        .withTree(new TreeConfig(64, 64 << 10, 8));
    List<IndexRoots> indexed = new CopyOnWriteArrayList<>();
    List<Datom> expected;
    try (TransactorFixture f = new TransactorFixture(kv, config)) {
      f.transactor.addListener(new TransactorListener() {
        @Override
        public void indexed(IndexRoots roots) {
          indexed.add(roots);
        }
      });
      f.tx(SCHEMA);
      for (int i = 0; i < 300; i++) {
        f.tx("[{:item/name \"x" + i + "\" :item/n " + i + " :item/tag [\"t" + i + "\"]}]");
        if (i % 7 == 0) {
          f.tx("[[:db/add [:item/name \"x" + i + "\"] :item/n " + (1000 + i) + "] [:db/retract [:item/name \"x" + i
              + "\"] :item/tag \"t" + i + "\"]]");
        }
      }
      f.transactor.requestIndex();
      long deadline = System.currentTimeMillis() + 10_000;
      while ((indexed.isEmpty() || indexed.get(indexed.size() - 1).basisT() < f.transactor.basisT())
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertFalse(indexed.isEmpty(), "index jobs ran");
      assertEquals(f.transactor.basisT(), indexed.get(indexed.size() - 1).basisT());
      expected = all(f.db(), Index.AVET);
      assertEquals(1000L, f.value(f.lookup(":item/name", "x0"), ":item/n"));
      // noHistory: retracted tags are not kept in the history trees.
      long tag = f.attr(":item/tag");
      assertTrue(all(f.db().history(), Index.AEVT).stream().noneMatch(d -> d.a() == tag && !d.added()));
    }
    try (TransactorFixture f = new TransactorFixture(kv, config)) {
      assertEquals(expected, all(f.db(), Index.AVET), "reopened from the new root");
    }
  }

  /** A store whose writes can be made to fail, or to land and then report failure. */
  static final class FlakyStore extends ForwardingStore {
    volatile boolean failLogWrites;
    volatile boolean landThenFail;
    /** While set, each log write announces itself on {@code waiting} and waits for a permit. */
    volatile boolean gated;
    final Semaphore waiting = new Semaphore(0);
    final Semaphore permits = new Semaphore(0);
    /** How many of the next log writes fail. */
    final AtomicInteger failNext = new AtomicInteger();

    /** How many of the next reads of log keys fail. */
    final AtomicInteger failNextGets = new AtomicInteger();

    FlakyStore() {
      super(new MemoryStore("flaky"));
    }

    @Override public byte[] get(String key) {
      if (key.contains("/log/") && failNextGets.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new StorageException(StorageErrorCode.STORE_UNAVAILABLE, "simulated outage of one read");
      }
      return inner().get(key);
    }

    @Override public boolean putIfAbsent(String key, byte[] value) {
      if (key.contains("/log/") && gated) {
        waiting.release();
        permits.acquireUninterruptibly();
      }
      if (key.contains("/log/") && failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new StorageException(StorageErrorCode.STORE_UNAVAILABLE, "simulated outage of one write");
      }
      if (key.contains("/log/") && landThenFail) {
        inner().putIfAbsent(key, value);
        throw new StorageException(StorageErrorCode.STORE_UNAVAILABLE, "connection reset after the write");
      }
      if (key.contains("/log/") && failLogWrites) {
        throw new StorageException(StorageErrorCode.STORE_UNAVAILABLE, "simulated outage");
      }
      return inner().putIfAbsent(key, value);
    }
  }

  @Test
  void failedLogWrite_failsTheBatchChangesNothingAndServingGoesOn() {
    FlakyStore kv = new FlakyStore();
    try (TransactorFixture f = new TransactorFixture(kv, TransactorConfig.defaults("test"))) {
      f.tx(SCHEMA);
      long t = f.transactor.basisT();
      List<String> keys = kv.keys("");
      kv.failLogWrites = true;
      TransactorException e = assertThrows(TransactorException.class, () -> f.tx("[{:item/name \"lost\"}]"));
      assertEquals(TransactorException.Code.STORAGE_FAILED, e.code());
      assertTrue(e.getMessage().contains("simulated outage") && e.getMessage().contains("uuid"), e.getMessage());
      assertEquals(t, f.transactor.basisT());
      assertEquals(keys, kv.keys(""));
      kv.failLogWrites = false;
      TxReport r = f.tx("[{:item/name \"kept\"}]");
      assertEquals(t + 1, r.t());
      assertTrue(f.db().first(Index.AVET, f.attr(":item/name"), "lost") == null);
    }
  }

  @Test
  void batchProcessedOnTopOfAFailedWrite_isProcessedAgainWithoutIt() throws Exception {
    FlakyStore kv = new FlakyStore();
    TransactorConfig d = TransactorConfig.defaults("test");
    TransactorConfig oneByOne = new TransactorConfig(d.database(), d.indexThresholdBytes(), d.maxNoveltyBytes(), 1,
        d.queueCapacity(), d.maxTxDatoms(), d.transactTimeout(), d.allowedPredicateClasses(), d.tree(), d.clock());
    try (TransactorFixture f = new TransactorFixture(kv, oneByOne)) {
      f.tx(SCHEMA);
      long t = f.transactor.basisT();
      kv.gated = true;
      // A's write waits at the gate; meanwhile B, C and D queue up, one batch each.
      CompletableFuture<TxReport> a = f.transactor.transactAsync(Edn.read("[{:item/name \"z\"}]"), null);
      assertTrue(kv.waiting.tryAcquire(10, TimeUnit.SECONDS));
      CompletableFuture<TxReport> first = f.transactor.transactAsync(Edn.read("[{:item/name \"a\" :item/n 1}]"), null);
      UUID secondId = UUID.randomUUID();
      // Upserts "a": on top of the first it only changes :item/n; without it, it creates "a".
      CompletableFuture<TxReport> second = f.transactor.transactAsync(Edn.read("[{:item/name \"a\" :item/n 2}]"), secondId);
      // Rejected (it follows the second), but told only once the batches below it are settled.
      CompletableFuture<TxReport> third = f.transactor.transactAsync(
          Edn.read("[[:db/cas [:item/name \"a\"] :item/n 1 5]]"), null);
      kv.permits.release(); // A lands; B's write starts with C and D waiting, so it is pipelined
      assertEquals(t + 1, f.transactor.await(a).t());
      assertTrue(kv.waiting.tryAcquire(10, TimeUnit.SECONDS));
      Thread.sleep(200); // the writer processes C on top of B meanwhile
      assertFalse(second.isDone(), "nothing is acknowledged before the write below it returns");
      assertFalse(third.isDone(), "nor rejected");
      assertEquals(t + 1, f.transactor.basisT(), "readers see nothing unwritten");
      kv.failNext.set(1);
      kv.gated = false;
      kv.permits.release(100);
      TransactorException e = assertThrows(TransactorException.class, () -> f.transactor.await(first));
      assertEquals(TransactorException.Code.STORAGE_FAILED, e.code());
      TxReport r = f.transactor.await(second);
      assertEquals(t + 2, r.t(), "processed again on the state without the failed batch");
      assertEquals(2L, f.value(f.lookup(":item/name", "a"), ":item/n"));
      assertEquals(2, f.userDatoms(r).size(), "it created \"a\" itself: " + f.userDatoms(r));
      assertEquals(t + 2, f.transactor.committedT(secondId));
      TxException rejected = assertThrows(TxException.class,
          () -> f.transactor.await(third));
      assertTrue(rejected.getMessage().contains("found 2"), "judged against what was written: " + rejected.getMessage());
    }
  }

  @Test
  void ambiguousWriteThatDidNotLand_thenTheSlotTakenByTheNextBatch_isNotMistakenForAnotherTransactor() {
    FlakyStore kv = new FlakyStore();
    try (TransactorFixture f = new TransactorFixture(kv, TransactorConfig.defaults("test"))) {
      f.tx(SCHEMA);
      long t = f.transactor.basisT();
      kv.failNext.set(1);
      kv.failNextGets.set(1000); // the slot cannot be read back for a while
      UUID lost = UUID.randomUUID();
      TransactorException e = assertThrows(TransactorException.class,
          () -> f.transactor.await(f.transactor.transactAsync(Edn.read("[{:item/name \"lost\"}]"), lost)));
      assertFalse(e.outcomeKnown());
      TransactorException asked = assertThrows(TransactorException.class, () -> f.transactor.committedT(lost));
      assertEquals(TransactorException.Code.UNKNOWN_OUTCOME, asked.code(), "not 'not committed' while unresolved");
      // The next batch takes the same slot (the read-back still fails), then more batches follow.
      assertEquals(t + 1, f.tx("[{:item/name \"next\"}]").t());
      kv.failNextGets.set(0);
      assertEquals(t + 2, f.tx("[{:item/name \"after\"}]").t());
      assertEquals(t + 3, f.tx("[{:item/name \"later\"}]").t());
      assertNull(f.transactor.committedT(lost), "it did not land");
      assertTrue(f.db().first(Index.AVET, f.attr(":item/name"), "lost") == null);
    }
  }

  @Test
  void ambiguousLogWriteThatLanded_isAdoptedAndFoundByUuid() {
    FlakyStore kv = new FlakyStore();
    try (TransactorFixture f = new TransactorFixture(kv, TransactorConfig.defaults("test"))) {
      f.tx(SCHEMA);
      long t = f.transactor.basisT();
      UUID uuid = UUID.randomUUID();
      kv.landThenFail = true;
      TransactorException e = assertThrows(TransactorException.class,
          () -> f.transactor.await(f.transactor.transactAsync(Edn.read("[{:item/name \"maybe\"}]"), uuid)));
      assertFalse(e.outcomeKnown());
      kv.landThenFail = false;
      TxReport next = f.tx("[{:item/name \"next\"}]");
      assertEquals(t + 2, next.t(), "the landed block was adopted before the next write");
      assertEquals(t + 1, f.transactor.committedT(uuid));
      f.lookup(":item/name", "maybe");
    }
  }

  @Test
  void aSecondTransactorOnTheSameStorage_deposesTheFirst() {
    MemoryStore kv = new MemoryStore("two");
    try (TransactorFixture first = new TransactorFixture(kv, TransactorConfig.defaults("test"))) {
      first.tx(SCHEMA);
      first.tx("[{:item/name \"one\"}]");
      try (TransactorFixture second = new TransactorFixture(kv, TransactorConfig.defaults("test"))) {
        second.tx("[{:item/name \"two\"}]");
        TransactorException e = assertThrows(TransactorException.class, () -> first.tx("[{:item/name \"stale\"}]"));
        assertEquals(TransactorException.Code.DEPOSED, e.code());
        assertTrue(e.outcomeKnown());
        e = assertThrows(TransactorException.class, () -> first.tx("[{:item/name \"later\"}]"));
        assertEquals(TransactorException.Code.DEPOSED, e.code());
        second.tx("[{:item/name \"three\"}]");
      }
      try (TransactorFixture third = new TransactorFixture(kv, TransactorConfig.defaults("test"))) {
        third.lookup(":item/name", "three");
        assertTrue(third.db().first(Index.AVET, third.attr(":item/name"), "stale") == null);
      }
    }
  }

  @Test
  void listeners_seeEveryCommitInOrder() {
    try (TransactorFixture f = new TransactorFixture()) {
      List<Long> seen = new CopyOnWriteArrayList<>();
      AtomicInteger calls = new AtomicInteger();
      f.transactor.addListener(new TransactorListener() {
        @Override
        public void committed(TxReport report) {
          seen.add(report.t());
          if (calls.incrementAndGet() == 2) {
            throw new IllegalStateException("a broken listener does not stop the writer");
          }
        }
      });
      f.tx(SCHEMA);
      f.tx("[{:item/name \"a\"}]");
      f.tx("[{:item/name \"b\"}]");
      assertEquals(List.of(1L, 2L, 3L), seen);
    }
  }

  @Test
  void rejectedTransactionInABatch_failsAloneAndLeavesNoTrace() {
    try (TransactorFixture f = new TransactorFixture()) {
      f.tx(SCHEMA);
      CompletableFuture<TxReport> good1 = f.transactor.transactAsync(Edn.read("[{:item/name \"g1\"}]"), null);
      CompletableFuture<TxReport> bad = f.transactor.transactAsync(Edn.read("[{:item/n \"nope\"}]"), null);
      CompletableFuture<TxReport> good2 = f.transactor.transactAsync(Edn.read("[{:item/name \"g2\"}]"), null);
      long t1 = f.transactor.await(good1).t();
      assertThrows(TxException.class, () -> f.transactor.await(bad));
      assertEquals(t1 + 1, f.transactor.await(good2).t(), "no gap in t for the rejected one");
    }
  }

  @Test
  void closedTransactor_refusesWork() {
    TransactorFixture f = new TransactorFixture();
    f.close();
    TransactorException e = assertThrows(TransactorException.class, () -> f.tx("[]"));
    assertEquals(TransactorException.Code.CLOSED, e.code());
  }

  @Test
  void emptyTransaction_commitsOnlyItsInstantAndUuid() {
    try (TransactorFixture f = new TransactorFixture()) {
      TxReport r = f.tx("[]");
      assertEquals(2, r.txData().size());
      assertEquals(r.t(), f.transactor.committedT(r.txUuid()));
      assertEquals(Ids.tx(r.t()), r.tx());
      assertArrayEquals(new Object[0], f.userDatoms(r).toArray());
      assertEquals(r.dbBefore().basisTx() + 1, r.dbAfter().basisTx());
    }
  }

  @Test
  void newDatabase_startsWithTheBootstrapAtTZero() {
    try (TransactorFixture f = new TransactorFixture(new MemoryStore("boot"), TransactorConfig.defaults("fresh"))) {
      assertEquals(0, f.transactor.basisT());
      assertTrue(f.kv.getVersioned("fresh/root") != null);
      assertTrue(f.kv.get(LogBlock.key("fresh/", 0)) != null);
      assertTrue(f.transactor.schema().attribute(Keyword.of(":db/ident")) != null);
      SegmentCache unused = new SegmentCache(1);
      assertTrue(unused.maximumBytes() == 1);
    }
  }
}
