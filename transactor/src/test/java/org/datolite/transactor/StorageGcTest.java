package org.datolite.transactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.ForwardingStore;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.tree.IndexRoots;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.NodeIds;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.StorageGc;
import org.datolite.storage.tree.TreeConfig;
import org.junit.jupiter.api.Test;

/**
 * Garbage collection of index trees under a transactor that writes and indexes: every database
 * value whose root was in use at or after the cutoff reads exactly as before (from storage, not a
 * cache), what no such root reaches is gone, a reader of such a value never fails while a
 * collection runs, and a collection that dies midway loses nothing live and is finished by the
 * next one.
 */
class StorageGcTest {
  private static final String SCHEMA = "[{:db/ident :item/name :db/valueType :db.type/string"
      + " :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}"
      + " {:db/ident :item/n :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]";
  private static final TreeConfig SMALL = new TreeConfig(8, 1024, 4); // many small segments

  /** A root as installed, and what its trees held then. */
  private record Snapshot(byte[] root, List<Datom> datoms) {}

  @Test
  void valuesInUseAfterTheCutoffStayReadable_andTheRestIsDeleted() throws Exception {
    MemoryStore kv = new MemoryStore("gc");
    TransactorConfig config = TransactorConfig.defaults("gc").withTree(SMALL);
    List<Snapshot> before = new ArrayList<>();
    List<Snapshot> after = new ArrayList<>();
    Instant cutoff;
    try (Transactor t = Transactor.open(kv, new SegmentCache(64L << 20), config)) {
      t.transact(Edn.read(SCHEMA));
      for (int job = 0; job < 6; job++) {
        writeAndIndex(t, job);
        before.add(snapshot(kv, config));
      }
      Thread.sleep(5);
      cutoff = Instant.now();
      Thread.sleep(5);
      for (int job = 6; job < 9; job++) {
        writeAndIndex(t, job);
        after.add(snapshot(kv, config));
      }
      // a node an index job wrote after the cutoff, its root not installed yet, stays; an
      // unreachable node of the old id scheme (no time) goes
      String inFlight = config.keyPrefix() + "seg/" + NodeIds.next();
      String legacy = config.keyPrefix() + "seg/" + UUID.randomUUID();
      kv.putIfAbsent(inFlight, new byte[] {1});
      kv.putIfAbsent(legacy, new byte[] {1});
      Set<String> nodesBefore = nodeKeys(kv, config);
      StorageGc.Result r = StorageGc.collect(kv, config.keyPrefix(), cutoff);
      assertEquals(1, r.nodesTooNew(), r.toString());
      assertTrue(kv.get(inFlight) != null && kv.get(legacy) == null);
      kv.delete(inFlight);
      assertTrue(r.nodesDeleted() > 0, r.toString());
      assertEquals(5, r.recordsDeleted(), "the first five roots were replaced before the cutoff: " + r);
      // the last root before the cutoff was still in use at it; every later one too
      readsAsRecorded(kv, config, before.get(before.size() - 1));
      for (Snapshot s : after) {
        readsAsRecorded(kv, config, s);
      }
      Set<String> live = new HashSet<>();
      for (Snapshot s : List.of(before.get(5), after.get(0), after.get(1), after.get(2))) {
        live.addAll(reachable(kv, config, s.root()));
      }
      Set<String> left = nodeKeys(kv, config);
      assertEquals(live, left, "exactly the nodes the roots in use reach are left");
      assertEquals(nodesBefore.size() - left.size() - 1, r.nodesDeleted());
      // the database goes on: more writes, an index job, another collection that finds nothing new
      writeAndIndex(t, 9);
      StorageGc.Result again = StorageGc.collect(kv, config.keyPrefix(), cutoff);
      assertEquals(0, again.nodesDeleted(), again.toString());
      readsAsRecorded(kv, config, snapshot(kv, config));
    }
  }

  @Test
  void aReaderOfAValueInUse_neverFailsWhileACollectionRuns() throws Exception {
    MemoryStore kv = new MemoryStore("gc");
    TransactorConfig config = TransactorConfig.defaults("gc").withTree(SMALL);
    try (Transactor t = Transactor.open(kv, new SegmentCache(64L << 20), config)) {
      Instant cutoff = sixJobsThenCutoff(t);
      Snapshot held = snapshot(kv, config); // a peer took this value; it is in use after the cutoff
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicInteger scans = new AtomicInteger();
      Thread reader = new Thread(() -> {
        while (!stop.get()) {
          try {
            readsAsRecorded(kv, config, held); // a fresh cache every time: every segment from storage
            scans.incrementAndGet();
          } catch (Throwable e) {
            failure.set(e);
            return;
          }
        }
      });
      reader.start();
      while (scans.get() < 1) {
        Thread.sleep(1);
      }
      StorageGc.Result r = StorageGc.collect(kv, config.keyPrefix(), cutoff);
      int atEnd = scans.get();
      while (scans.get() < atEnd + 2 && failure.get() == null) {
        Thread.sleep(1);
      }
      stop.set(true);
      reader.join();
      assertEquals(null, failure.get(), "the reader failed during " + r);
      assertTrue(r.nodesDeleted() > 0, r.toString());
    }
  }

  @Test
  void aCollectionThatDiesMidway_losesNothingLive_andTheNextOneFinishes() throws Exception {
    MemoryStore store = new MemoryStore("gc");
    AtomicInteger deletesLeft = new AtomicInteger(Integer.MAX_VALUE);
    KeyValueStore kv = new ForwardingStore(store) {
      @Override
      public boolean delete(String key) {
        if (deletesLeft.decrementAndGet() < 0) {
          throw new StorageException(StorageErrorCode.STORE_UNAVAILABLE, "storage went away during the collection");
        }
        return super.delete(key);
      }
    };
    TransactorConfig config = TransactorConfig.defaults("gc").withTree(SMALL);
    try (Transactor t = Transactor.open(kv, new SegmentCache(64L << 20), config)) {
      Instant cutoff = sixJobsThenCutoff(t);
      Snapshot current = snapshot(kv, config);
      deletesLeft.set(7);
      assertThrows(StorageException.class, () -> StorageGc.collect(kv, config.keyPrefix(), cutoff));
      readsAsRecorded(kv, config, current);
      deletesLeft.set(Integer.MAX_VALUE);
      StorageGc.Result r = StorageGc.collect(kv, config.keyPrefix(), cutoff);
      assertTrue(r.nodesDeleted() > 0, r.toString());
      assertEquals(reachable(kv, config, current.root()), nodeKeys(kv, config), "the next collection finished the work");
      readsAsRecorded(kv, config, current);
      writeAndIndex(t, 7); // and the transactor goes on writing and indexing
      readsAsRecorded(kv, config, snapshot(kv, config));
    }
  }

  /** The schema, six index jobs, then a cutoff after them. */
  private static Instant sixJobsThenCutoff(Transactor t) throws InterruptedException {
    t.transact(Edn.read(SCHEMA));
    for (int job = 0; job < 6; job++) {
      writeAndIndex(t, job);
    }
    Thread.sleep(5);
    return Instant.now();
  }

  private static void writeAndIndex(Transactor t, int job) {
    for (int i = 0; i < 30; i++) {
      t.transact(Edn.read("[{:item/name \"i" + (i % 40) + "\" :item/n " + (job * 100 + i) + "}]"));
    }
    t.requestIndex();
    long deadline = System.currentTimeMillis() + 10_000;
    while (t.db().persisted().basisT() < t.basisT() && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(t.basisT(), t.db().persisted().basisT(), "the index job ran");
  }

  /** The installed root, and every datom of its trees read from storage. */
  private static Snapshot snapshot(KeyValueStore kv, TransactorConfig config) {
    byte[] root = kv.get(config.keyPrefix() + "root");
    return new Snapshot(root, read(kv, config, root));
  }

  private static void readsAsRecorded(KeyValueStore kv, TransactorConfig config, Snapshot s) {
    assertEquals(s.datoms(), read(kv, config, s.root()));
  }

  /** The trees of a root, read through a cache of their own (so from storage). */
  private static IndexSet open(KeyValueStore kv, TransactorConfig config, byte[] root) {
    return IndexSet.open(new NodeStore(kv, new SegmentCache(1L << 20), config.keyPrefix()), config.tree(),
        IndexRoots.decode(root, "root"));
  }

  private static List<Datom> read(KeyValueStore kv, TransactorConfig config, byte[] root) {
    IndexSet set = open(kv, config, root);
    List<Datom> out = new ArrayList<>();
    for (Index index : Index.values()) {
      set.current(index).range(null, true, null, true).forEachRemaining(out::add);
      set.history(index).range(null, true, null, true).forEachRemaining(out::add);
    }
    return out;
  }

  private static Set<String> reachable(KeyValueStore kv, TransactorConfig config, byte[] root) {
    IndexSet set = open(kv, config, root);
    Set<String> keys = new HashSet<>();
    for (Index index : Index.values()) {
      keys.addAll(set.current(index).nodeKeys());
      keys.addAll(set.history(index).nodeKeys());
    }
    return keys;
  }

  private static Set<String> nodeKeys(KeyValueStore kv, TransactorConfig config) {
    Set<String> keys = new HashSet<>(kv.keys(config.keyPrefix() + "seg/"));
    keys.addAll(kv.keys(config.keyPrefix() + "dir/"));
    return keys;
  }
}
