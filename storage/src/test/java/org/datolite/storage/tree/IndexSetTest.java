package org.datolite.storage.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Ids;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.codec.ByteWriter;
import org.datolite.storage.codec.Frame;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.log.ColumnDatoms;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.NoveltyDatoms;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Novelty applied to the current and history trees in several index jobs, compared with a model
 * that replays the same datoms naively.
 */
class IndexSetTest {
  private static final LongPredicate REF = a -> a == 12;
  private static final TreeConfig SMALL = new TreeConfig(4, 1024, 3);

  /** A fact toggled by one transaction: asserted if false, retracted if true. */
  record Toggle(long e, long a, long v) {}

  private static Gen<Toggle> toggles() {
    Gen<Long> e = Gen.longs(1, 8);
    Gen<Long> a = Gen.longs(10, 12);
    Gen<Long> v = Gen.longs(0, 4);
    return r -> new Toggle(e.next(r), a.next(r), v.next(r));
  }

  @Test
  void merge_matchesNaiveReplay() {
    Gen<List<Toggle>> toggleLists = toggles().list(0, 120);
    Gen<List<Integer>> cutLists = Gen.ints(0, 9).list(1, 5);
    AtomicInteger layered = new AtomicInteger();
    Seeds.check(60, random -> replay(toggleLists.next(random), cutLists.next(random), layered));
    assertTrue(layered.get() > 5, "only " + layered.get() + " replays made an index of several levels");
  }

  /** Applies the toggles in index jobs cut where {@code cuts} say, checking the trees after each. */
  private static void replay(List<Toggle> toggles, List<Integer> cuts, AtomicInteger layered) {
    NodeStore store = new NodeStore(new MemoryStore("set"), new SegmentCache(1 << 20), "db/");
    IndexSet set = IndexSet.empty(store, SMALL);
    Map<Datom, Datom> live = new HashMap<>();
    List<Datom> currentModel = new ArrayList<>();
    List<Datom> historyModel = new ArrayList<>();
    List<Datom> novelty = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < toggles.size(); i++) {
      Toggle toggle = toggles.get(i);
      t++;
      long tx = 1000 + t;
      Datom fact = new Datom(toggle.e(), toggle.a(), toggle.v(), 0, true);
      Datom assertion = live.remove(fact);
      if (assertion == null) {
        Datom d = Datom.of(toggle.e(), toggle.a(), toggle.v(), tx);
        live.put(fact, d);
        novelty.add(d);
      } else {
        Datom r = assertion.retractedBy(tx);
        historyModel.add(assertion);
        historyModel.add(r);
        novelty.add(r);
      }
      boolean cutHere = cuts.contains(i % 10) || i == toggles.size() - 1;
      if (cutHere) {
        set = set.merge(novelty, t, REF);
        novelty.clear();
        currentModel = new ArrayList<>(live.values());
        check(set, currentModel, historyModel);
        if (set.current(Index.AVET).levels().size() > 1 || set.current(Index.EAVT).levels().size() > 1) {
          layered.incrementAndGet();
        }
        set = IndexSet.open(new NodeStore(store.kv(), new SegmentCache(1 << 20), "db/"), SMALL, set.roots());
        check(set, currentModel, historyModel);
      }
    }
  }

  private static void check(IndexSet set, List<Datom> current, List<Datom> history) {
    for (Index index : Index.values()) {
      assertEquals(expected(index, current), IndexTreeModelTest.drain(set.current(index).iterator()), "current " + index);
      assertEquals(expected(index, history), IndexTreeModelTest.drain(set.history(index).iterator()), "history " + index);
    }
  }

  private static List<Datom> expected(Index index, List<Datom> datoms) {
    TreeSet<Datom> s = new TreeSet<>(index.comparator());
    for (Datom d : datoms) {
      if (index != Index.VAET || REF.test(d.a())) {
        s.add(d);
      }
    }
    return new ArrayList<>(s);
  }

  @Test
  void merge_inconsistentNoveltyIsRejected() {
    NodeStore store = new NodeStore(new MemoryStore("bad"), new SegmentCache(1 << 20), "db/");
    IndexSet set = IndexSet.empty(store, SMALL).merge(List.of(Datom.of(1, 10, 5L, 100)), 1, REF);
    StorageException e = assertThrows(StorageException.class,
        () -> set.merge(List.of(Datom.of(1, 10, 5L, 101)), 2, REF));
    assertEquals(StorageErrorCode.INVALID_MERGE, e.code());
    assertTrue(e.getMessage().contains("already true"), e.getMessage());
    e = assertThrows(StorageException.class,
        () -> set.merge(List.of(new Datom(1, 10, 6L, 101, false)), 2, REF));
    assertTrue(e.getMessage().contains("not true"), e.getMessage());
    e = assertThrows(StorageException.class, () -> set.merge(List.of(), 0, REF));
    assertTrue(e.getMessage().contains("precedes"), e.getMessage());
    // Only assertions (a load), one fact asserted twice by two transactions: caught as neighbours in EAVT.
    List<Datom> twice = List.of(Datom.of(7, 10, 5L, 101), Datom.of(8, 10, 1L, 101), Datom.of(7, 10, 5L, 102));
    e = assertThrows(StorageException.class, () -> set.merge(twice, 3, REF));
    assertTrue(e.getMessage().contains("already true"), e.getMessage());
    long sorted = IndexSet.STREAMS_SORTED_INSTEAD.get();
    e = assertThrows(StorageException.class, () -> set.merge(twice, index -> sortedFor(index, twice), 3, REF, a -> true,
        ForkJoinPool.commonPool()));
    assertTrue(e.getMessage().contains("already true"), e.getMessage());
    assertEquals(sorted, IndexSet.STREAMS_SORTED_INSTEAD.get(), "an invalid novelty is not a wrong stream");
  }

  private static Iterator<Datom> sortedFor(Index index, List<Datom> datoms) {
    List<Datom> out = new ArrayList<>();
    for (Datom d : datoms) {
      if (index != Index.VAET || REF.test(d.a())) {
        out.add(d);
      }
    }
    out.sort(index.comparator());
    return out.iterator();
  }

  @Test
  void roots_roundTripThroughBytes() {
    NodeStore store = new NodeStore(new MemoryStore("roots"), new SegmentCache(1 << 20), "db/");
    IndexSet set = IndexSet.empty(store, SMALL).merge(List.of(Datom.of(1, 12, 2L, 100)), 7, REF);
    IndexRoots roots = set.roots();
    assertEquals(roots, IndexRoots.decode(roots.encode(), "db/roots"));
    assertEquals(7, roots.basisT());
    byte[] bad = roots.encode();
    bad[bad.length - 1] ^= 1;
    StorageException e = assertThrows(StorageException.class, () -> IndexRoots.decode(bad, "db/roots"));
    assertEquals(StorageErrorCode.SEGMENT_CORRUPT, e.code());
    assertTrue(e.getMessage().contains("db/roots"));
    assertEquals(1, set.current(Index.VAET).count());
  }

  /** Roots written before indexes had levels (kind byte 0: one current and one history tree each) still open. */
  @Test
  void roots_ofOneTreeEach_stillDecode() {
    ByteWriter out = new ByteWriter(160);
    out.writeZigZag(41);
    out.writeVarInt(4);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      out.writeLong(id.getMostSignificantBits());
      out.writeLong(id.getLeastSignificantBits());
    }
    IndexRoots roots = IndexRoots.decode(Frame.encode(Frame.Kind.INDEX_ROOTS, 0, out), "db/root");
    assertEquals(41, roots.basisT());
    for (Index index : Index.values()) {
      assertEquals(List.of(ids.get(2 * index.ordinal())), roots.current().get(index));
      assertEquals(List.of(ids.get(2 * index.ordinal() + 1)), roots.history().get(index));
    }
    IndexRoots again = IndexRoots.decode(roots.encode(), "db/root");
    assertEquals(roots, again);
    // an unknown layout, and a level count no index has, are corrupt records naming the key
    StorageException e = assertThrows(StorageException.class,
        () -> IndexRoots.decode(Frame.encode(Frame.Kind.INDEX_ROOTS, 2, out), "db/root"));
    assertTrue(e.getMessage().contains("db/root") && e.getMessage().contains("layout 2"), e.getMessage());
    ByteWriter tooMany = new ByteWriter(16);
    tooMany.writeZigZag(1);
    tooMany.writeVarInt(4);
    tooMany.writeVarInt(1000);
    e = assertThrows(StorageException.class,
        () -> IndexRoots.decode(Frame.encode(Frame.Kind.INDEX_ROOTS, 1, tooMany), "db/root"));
    assertEquals(StorageErrorCode.SEGMENT_CORRUPT, e.code());
    assertTrue(e.getMessage().contains("1000 levels"), e.getMessage());
  }

  @Test
  void merge_interruptedWhileItsOrdersWait_failsInsteadOfHanging() throws InterruptedException {
    // a pool shut down drops the orders queued on it: the job's thread must not wait for them forever
    NodeStore store = new NodeStore(new MemoryStore("dropped"), new SegmentCache(1L << 20), "d/");
    IndexSet set = IndexSet.empty(store, SMALL);
    List<Datom> novelty = List.of(Datom.of(1, 10, 5L, 100));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread job = new Thread(() -> {
      try {
        set.merge(novelty, null, 1, REF, a -> true, task -> { }); // a pool that never runs what it is given
      } catch (RuntimeException e) {
        thrown.set(e);
      }
    });
    job.start();
    job.interrupt();
    job.join(10_000);
    assertFalse(job.isAlive(), "the merge still waits");
    StorageException e = (StorageException) thrown.get();
    assertEquals(StorageErrorCode.CLOSED, e.code());
    assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
  }

  @Test
  void merge_withAWrongSortedStream_sortsInstead() {
    NodeStore store = new NodeStore(new MemoryStore("wrong"), new SegmentCache(1L << 20), "w/");
    List<Datom> novelty = List.of(Datom.of(1, 10, 5L, 100), Datom.of(2, 10, 4L, 100), Datom.of(3, 12, 1L, 100));
    IndexSet expected = IndexSet.empty(store, SMALL).merge(novelty, 1, REF);
    Datom extra = Datom.of(4, 10, 9L, 100);
    List<Function<Index, Iterator<Datom>>> wrong = List.of(
        index -> List.of(novelty.get(0)).iterator(), // too few
        index -> sortedFor(index, List.of(novelty.get(0), novelty.get(1), novelty.get(2), extra)), // one too many
        index -> { // out of order
          List<Datom> out = new ArrayList<>();
          sortedFor(index, novelty).forEachRemaining(out::add);
          Collections.reverse(out);
          return out.iterator();
        },
        index -> { // the right count, one datom twice and another missing
          List<Datom> out = new ArrayList<>();
          sortedFor(index, novelty).forEachRemaining(out::add);
          if (out.size() >= 2) {
            out.set(out.size() - 1, out.get(out.size() - 2));
          }
          return out.iterator();
        });
    long sorted = IndexSet.STREAMS_SORTED_INSTEAD.get();
    IndexSet.empty(store, SMALL).merge(novelty, index -> sortedFor(index, novelty), 1, REF, a -> true, Runnable::run);
    assertEquals(sorted, IndexSet.STREAMS_SORTED_INSTEAD.get(), "a right stream is used as it is");
    for (Function<Index, Iterator<Datom>> stream : wrong) {
      sorted = IndexSet.STREAMS_SORTED_INSTEAD.get();
      IndexSet picked = IndexSet.empty(store, SMALL).merge(novelty, stream, 1, REF, a -> true, Runnable::run);
      assertTrue(IndexSet.STREAMS_SORTED_INSTEAD.get() > sorted, "a wrong stream is sorted instead");
      for (Index index : Index.values()) {
        List<Datom> a = new ArrayList<>();
        expected.current(index).range(null, true, null, true).forEachRemaining(a::add);
        List<Datom> b = new ArrayList<>();
        picked.current(index).range(null, true, null, true).forEachRemaining(b::add);
        assertEquals(a, b, index.toString());
      }
    }
  }

  /**
   * A bulk load sealed after a retraction that a read had sorted: the job picks its additions
   * from the novelty's streams by identity then, so the novelty hands it its own datoms (not ones
   * made anew in the order) and no stream is sorted again.
   */
  @Test
  void aBulkLoadAfterARetraction_isMergedFromTheNoveltysOwnStreams() {
    mergeSealedLoad(true, false);
  }

  /**
   * A load held as columns ({@link ColumnDatoms}, as the transactor keeps a large transaction):
   * after a retraction the job and the novelty's streams read the lists' own datoms (made once,
   * the same objects), so no stream is sorted again; without one, neither makes the lists' datoms
   * at all (the job's novelty and its streams are new datoms read from the columns).
   */
  @Test
  void aBulkLoadHeldAsColumns_isMergedFromItsColumns_andFromItsOwnDatomsAfterARetraction() {
    mergeSealedLoad(true, true);
    mergeSealedLoad(false, true);
    mergeSealedLoad(false, false);
  }

  private static void mergeSealedLoad(boolean retraction, boolean columns) {
    NodeStore store = new NodeStore(new MemoryStore("retracted"), new SegmentCache(1L << 20), "r/");
    MemoryIndex novelty = new MemoryIndex(a -> false, a -> false, true);
    long e0 = Ids.entity(Ids.PARTITION_USER, 0); // new entities of the user partition, above the transactions' own
    long tx0 = (3L << 42) + 1;
    List<List<Datom>> txs = new ArrayList<>();
    List<Datom> plain = new ArrayList<>();
    if (retraction) {
      txs.add(List.of(Datom.of(e0, 100, 7L, tx0)));
      txs.add(List.of(new Datom(e0, 100, 7L, tx0 + 1, false)));
      txs.forEach(plain::addAll);
    }
    int first = txs.size();
    for (int t = 2; t < 6; t++) {
      List<Datom> tx = new ArrayList<>();
      long txId = tx0 + txs.size();
      tx.add(Datom.of(txId, 50, (long) t, txId)); // the transaction's own datom, first in EAVT (below the rows)
      for (int r = 0; r < 300; r++) {
        long e = e0 + t * 1000L + r;
        for (int a = 0; a < 5; a++) {
          tx.add(Datom.of(e, 100 + a, (long) (r * 31 + a) % 97, txId));
        }
      }
      txs.add(columns ? ColumnDatoms.of(txId, tx) : tx);
      plain.addAll(tx);
    }
    for (int t = 0; t < txs.size(); t++) {
      novelty.add(new CommittedTx(t, tx0 + t, txs.get(t)));
      if (retraction && t == 1) {
        for (Index index : Index.values()) {
          novelty.count(index, null, true, null, true); // a reader sorts the retraction in
        }
      }
    }
    long last = tx0 + txs.size() - 1;
    novelty.seal(last);
    List<Datom> all = NoveltyDatoms.of(novelty.transactions(last)); // as the index job reads it
    String what = (retraction ? "after a retraction" : "without one") + (columns ? ", as columns" : ", as datoms");
    long sorted = IndexSet.STREAMS_SORTED_INSTEAD.get();
    IndexSet merged = IndexSet.empty(store, SMALL).merge(all, index -> novelty.sorted(index, Long.MIN_VALUE, last), 1,
        a -> false, a -> true, Runnable::run);
    assertEquals(sorted, IndexSet.STREAMS_SORTED_INSTEAD.get(), "the novelty's streams were used as they are, " + what);
    IndexSet expected = IndexSet.empty(store, SMALL).merge(plain, 1, a -> false);
    for (Index index : Index.values()) {
      List<Datom> a = new ArrayList<>();
      expected.current(index).range(null, true, null, true).forEachRemaining(a::add);
      List<Datom> b = new ArrayList<>();
      merged.current(index).range(null, true, null, true).forEachRemaining(b::add);
      assertEquals(a, b, index + ", " + what);
      assertEquals(index == Index.VAET ? 0 : 1200 * 5 + 4, b.size(), index + ", " + what);
    }
    for (int t = first; t < txs.size() && columns; t++) {
      assertEquals(retraction, ((ColumnDatoms) txs.get(t)).isMade(),
          "the load's own datoms are made only where the job picks by identity, " + what);
    }
  }
}
