package org.datolite.storage.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.kv.ForwardingStore;
import org.datolite.storage.kv.MemoryStore;
import org.junit.jupiter.api.Test;

/** Scans over a cold cache batch their segment reads, as a remote store needs. */
class ReadAheadTest {

  /** A memory store that counts round trips. */
  static final class CountingStore extends ForwardingStore {
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger batches = new AtomicInteger();

    CountingStore() {
      super(new MemoryStore("counting"));
    }

    @Override public byte[] get(String key) {
      gets.incrementAndGet();
      return inner().get(key);
    }

    @Override public Map<String, byte[]> getMany(Collection<String> keys) {
      batches.incrementAndGet();
      return inner().getMany(keys);
    }
  }

  private final CountingStore kv = new CountingStore();
  private final TreeConfig config = new TreeConfig(100, 64 << 10, 1000);
  private final List<Datom> datoms = new ArrayList<>();
  private final IndexTree built;

  ReadAheadTest() {
    for (long e = 1; e <= 20_000; e++) {
      datoms.add(Datom.of(e, 10, "v" + e, 1));
    }
    built = IndexTree.build(Index.EAVT, new NodeStore(kv, new SegmentCache(1 << 20), "db/"), config, datoms.iterator());
  }

  private IndexTree cold() {
    kv.gets.set(0);
    kv.batches.set(0);
    return IndexTree.open(Index.EAVT, new NodeStore(kv, new SegmentCache(256L << 20), "db/"), config, built.rootId());
  }

  @Test
  void forwardScan_readsSegmentsInBatches() {
    IndexTree tree = cold();
    assertEquals(datoms, IndexTreeModelTest.drain(tree.iterator()));
    // 200 segments: the root, the directory and the first segment one by one, the rest 16 at a time.
    assertEquals(3, kv.gets.get());
    assertTrue(kv.batches.get() <= 200 / NodeStore.READ_AHEAD + 1, "batches " + kv.batches.get());
  }

  /**
   * An index job's scan of a level it merges into another reads in batches too, and caches none
   * of the segments (the merge replaces them); segments already cached are not read again.
   */
  @Test
  void rewriteScan_readsSegmentsInBatches_withoutCachingThem() {
    SegmentCache cache = new SegmentCache(256L << 20);
    kv.gets.set(0);
    kv.batches.set(0);
    IndexTree tree = IndexTree.open(Index.EAVT, new NodeStore(kv, cache, "db/"), config, built.rootId());
    assertEquals(datoms.subList(0, 50), IndexTreeModelTest.drain(tree.range(null, true, datoms.get(49), true)));
    long cachedBefore = cache.asMapSizeForTests(); // the root, the directory and the first segment
    int getsBefore = kv.gets.get();
    assertEquals(datoms, IndexTreeModelTest.drain(tree.rewriteScan()));
    assertEquals(cachedBefore, cache.asMapSizeForTests(), "the scan cached segments");
    assertEquals(getsBefore, kv.gets.get(), "segments read one at a time");
    assertTrue(kv.batches.get() <= 200 / NodeStore.READ_AHEAD + 1, "batches " + kv.batches.get());
  }

  @Test
  void reverseScan_readsSegmentsInBatches() {
    IndexTree tree = cold();
    List<Datom> reversed = IndexTreeModelTest.drain(tree.rangeReverse(null, true, null, true));
    assertEquals(datoms.size(), reversed.size());
    assertEquals(datoms.get(0), reversed.get(reversed.size() - 1));
    assertEquals(3, kv.gets.get());
    assertTrue(kv.batches.get() <= 200 / NodeStore.READ_AHEAD + 1, "batches " + kv.batches.get());
  }

  @Test
  void boundedScan_readsNothingBeyondItsRange() {
    IndexTree tree = cold();
    // Datoms 1001..1300 lie in segments 10..12.
    List<Datom> got = IndexTreeModelTest.drain(tree.range(
        Index.EAVT.lowerBound(1001L), true, Index.EAVT.upperBound(1300L), true));
    assertEquals(300, got.size());
    SegmentCache cache = new SegmentCache(256L << 20);
    IndexTree fresh = IndexTree.open(Index.EAVT, new NodeStore(kv, cache, "db/"), config, built.rootId());
    IndexTreeModelTest.drain(fresh.range(Index.EAVT.lowerBound(1001L), true, Index.EAVT.upperBound(1300L), true));
    // The root, the directory, segment 9 (the seek key precedes segment 10's first datom, so the
    // cursor starts in 9 and finds it exhausted) and segment 10 one by one, then 11 and 12 in one
    // batch; 13 starts at 1301, beyond the range, and is not read.
    assertEquals(6, cache.asMapSizeForTests(), "nodes cached");
  }

  @Test
  void pointLookup_readsOneSegment() {
    IndexTree tree = cold();
    assertEquals(1, IndexTreeModelTest.drain(tree.range(
        Index.EAVT.lowerBound(5000L), true, Index.EAVT.upperBound(5000L), true)).size());
    assertEquals(3, kv.gets.get());
    assertEquals(0, kv.batches.get());
  }
}
