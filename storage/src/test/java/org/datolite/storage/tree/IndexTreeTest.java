package org.datolite.storage.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import org.datolite.storage.codec.Frame;
import org.datolite.storage.codec.ByteWriter;
import java.util.Random;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

class IndexTreeTest {
  private final MemoryStore kv = new MemoryStore("tree");
  private final NodeStore store = new NodeStore(kv, new SegmentCache(64 << 20), "db/");
  private final TreeConfig config = new TreeConfig(100, 64 << 10, 10);

  private static List<Datom> people(int n) {
    List<Datom> out = new ArrayList<>();
    for (long e = 1; e <= n; e++) {
      out.add(Datom.of(e, 10, "person " + e, 1000 + e));
      out.add(Datom.of(e, 11, e % 100, 1000 + e));
    }
    return out;
  }

  private IndexTree buildEavt(int people) {
    return IndexTree.build(Index.EAVT, store, config, people(people).iterator());
  }

  @Test
  void build_fillsSegmentsAndDirectoriesToTarget() {
    IndexTree tree = buildEavt(10_000);
    assertEquals(20_000, tree.count());
    assertEquals(List.of(20L, 200L, 20_000L), tree.shape());
    IndexTree.WriteStats stats = tree.writeStats();
    assertEquals(200, stats.segments());
    assertEquals(21, stats.directories());
    assertTrue(stats.bytes() > 0);
  }

  @Test
  void merge_rewritesOnlyTouchedSegments() {
    IndexTree tree = buildEavt(10_000);
    Set<String> before = tree.nodeKeys();
    Datom added = Datom.of(5000, 12, "new", 99_999);
    IndexTree merged = tree.merge(List.of(added), List.of());
    assertEquals(20_001, merged.count());
    Set<String> after = merged.nodeKeys();
    Set<String> fresh = new HashSet<>(after);
    fresh.removeAll(before);
    // One segment, its directory and the root are new; everything else is shared.
    assertEquals(3, fresh.size(), fresh.toString());
    assertEquals(1, merged.writeStats().segments());
    assertEquals(2, merged.writeStats().directories());
    Set<String> dropped = new HashSet<>(before);
    dropped.removeAll(after);
    assertEquals(3, dropped.size());
    // Both trees read correctly afterwards.
    assertEquals(20_000, IndexTreeModelTest.drain(tree.iterator()).size());
    assertTrue(IndexTreeModelTest.drain(merged.iterator()).contains(added));
  }

  @Test
  void merge_growingSegmentSplitsAndShrinkingOneMerges() {
    IndexTree tree = buildEavt(1000);
    List<Datom> additions = new ArrayList<>();
    for (int v = 0; v < 500; v++) {
      additions.add(Datom.of(500, 12, (long) v, 5));
    }
    IndexTree grown = tree.merge(additions, List.of());
    assertEquals(2500, grown.count());
    assertTrue(grown.shape().get(1) > tree.shape().get(1), "the touched segment split");
    List<Datom> all = IndexTreeModelTest.drain(grown.iterator());
    IndexTree emptied = grown.merge(List.of(), all);
    assertEquals(0, emptied.count());
    assertEquals(List.of(0L, 0L, 0L), emptied.shape());
    assertFalse(emptied.iterator().hasNext());
    assertEquals(additions, IndexTreeModelTest.drain(emptied.merge(additions, List.of()).iterator()));
  }

  @Test
  void merge_sameEditsAsBuild_readTheSame() {
    IndexTree empty = IndexTree.empty(Index.AVET, store, config);
    List<Datom> datoms = new ArrayList<>(people(3000));
    datoms.sort(Index.AVET.comparator());
    IndexTree merged = empty.merge(datoms, List.of());
    IndexTree built = IndexTree.build(Index.AVET, store, config, datoms.iterator());
    assertEquals(IndexTreeModelTest.drain(built.iterator()), IndexTreeModelTest.drain(merged.iterator()));
    assertEquals(built.shape(), merged.shape());
  }

  @Test
  void merge_invalidEditsAreRejectedAndChangeNothing() {
    IndexTree tree = buildEavt(100);
    List<String> keysBefore = kv.keys("");
    Datom present = Datom.of(7, 10, "person 7", 1007);
    Datom absent = Datom.of(7, 10, "nobody", 1007);
    StorageException e = assertThrows(StorageException.class, () -> tree.merge(List.of(present), List.of()));
    assertEquals(StorageErrorCode.INVALID_MERGE, e.code());
    assertTrue(e.getMessage().contains("already holds"), e.getMessage());
    e = assertThrows(StorageException.class, () -> tree.merge(List.of(), List.of(absent)));
    assertTrue(e.getMessage().contains("does not hold"), e.getMessage());
    e = assertThrows(StorageException.class, () -> tree.merge(List.of(absent), List.of(absent)));
    assertEquals(StorageErrorCode.INVALID_MERGE, e.code());
    Datom later = Datom.of(9, 10, "x", 1);
    e = assertThrows(StorageException.class, () -> tree.merge(List.of(later, absent), List.of()));
    assertTrue(e.getMessage().contains("out of order"), e.getMessage());
    assertEquals(keysBefore, kv.keys(""), "a rejected merge writes nothing");
    assertSame(tree, tree.merge(List.of(), List.of()));
  }

  /**
   * Additions out of order, anywhere in a tree of many segments (two swapped, one below the
   * addition before it by more than a segment, in a segment or across segments), are refused
   * and nothing is written; the same additions in order merge.
   */
  @Test
  void merge_additionsOutOfOrder_areRefusedWherever() {
    IndexTree tree = buildEavt(2_000); // entities 1..2000, attributes 10 and 11
    Seeds.check(100, random -> {
      List<Datom> additions = new ArrayList<>();
      for (long e = 1 + random.nextInt(5); e <= 2_000; e += 1 + random.nextInt(300)) {
        additions.add(Datom.of(e, 12, "extra " + e, 5000));
      }
      if (additions.size() < 2) {
        return;
      }
      int i = random.nextInt(additions.size() - 1);
      int j = random.nextBoolean() ? i + 1 : i + 1 + random.nextInt(additions.size() - i - 1);
      Datom moved = additions.remove(j); // now before the addition it followed, or further back
      additions.add(i, moved);
      List<String> keysBefore = kv.keys("");
      StorageException e = assertThrows(StorageException.class, () -> tree.merge(additions, List.of()));
      assertEquals(StorageErrorCode.INVALID_MERGE, e.code());
      assertTrue(e.getMessage().contains("out of order"), e.getMessage());
      assertEquals(keysBefore, kv.keys(""), "a rejected merge writes nothing");
      additions.sort(Index.EAVT.comparator()); // and in order, the same additions merge
      assertEquals(tree.count() + additions.size(), tree.merge(additions, List.of()).count());
    });
  }

  @Test
  void build_unsortedOrRepeatedInputIsRejected() {
    // the tree writer is what keeps segments in order: the segment codec does not check again
    List<Datom> datoms = List.of(Datom.of(2, 10, "b", 1), Datom.of(1, 10, "a", 1));
    StorageException e = assertThrows(StorageException.class,
        () -> IndexTree.build(Index.EAVT, store, config, datoms.iterator()));
    assertEquals(StorageErrorCode.INVALID_MERGE, e.code());
    List<Datom> repeated = List.of(Datom.of(1, 10, "a", 1), Datom.of(1, 10, "a", 1));
    e = assertThrows(StorageException.class, () -> IndexTree.build(Index.AVET, store, config, repeated.iterator()));
    assertEquals(StorageErrorCode.INVALID_MERGE, e.code());
    assertTrue(e.getMessage().contains("out of order or repeated"), e.getMessage());
  }

  @Test
  void build_hugeValuesGetSegmentsOfTheirOwn() {
    List<Datom> datoms = new ArrayList<>();
    for (long e = 1; e <= 10; e++) {
      datoms.add(Datom.of(e, 10, new byte[300_000], 1));
      datoms.add(Datom.of(e, 11, e, 1));
    }
    IndexTree tree = IndexTree.build(Index.EAVT, store, config, datoms.iterator());
    assertTrue(tree.shape().get(1) >= 10, "segments: " + tree.shape());
    NodeStore cold = new NodeStore(kv, new SegmentCache(64 << 20), "db/");
    assertEquals(datoms, IndexTreeModelTest.drain(IndexTree.open(Index.EAVT, cold, config, tree.rootId()).iterator()));
  }

  /**
   * The segments a merge rewrites are read without being cached (the new tree no longer refers
   * to them), those it writes are cached, and a segment already cached is used as it is.
   */
  @Test
  void merge_doesNotCacheTheSegmentsItReplaces() {
    IndexTree tree = buildEavt(10_000);
    SegmentCache cache = new SegmentCache(64 << 20);
    NodeStore cold = new NodeStore(kv, cache, "db/");
    IndexTree opened = IndexTree.open(Index.EAVT, cold, config, tree.rootId());
    Set<String> before = opened.nodeKeys(); // reads (and caches) the directories alone
    IndexTree merged = opened.merge(List.of(Datom.of(5000, 12, "new", 99_999), Datom.of(9000, 12, "new", 99_999)),
        List.of());
    Set<String> replaced = new HashSet<>(before);
    replaced.removeAll(merged.nodeKeys());
    assertEquals(5, replaced.size(), "two segments, their two directories and the root: " + replaced);
    for (String key : replaced) {
      if (key.startsWith("db/seg/")) {
        assertFalse(cache.contains(UUID.fromString(key.substring("db/seg/".length()))), key + " was cached");
      }
    }
    Set<String> written = new HashSet<>(merged.nodeKeys());
    written.removeAll(before);
    for (String key : written) {
      if (key.startsWith("db/seg/")) {
        assertTrue(cache.contains(UUID.fromString(key.substring("db/seg/".length()))), key + " was not cached");
      }
    }
    assertEquals(IndexTreeModelTest.drain(merged.iterator()).size(), 20_002);
  }

  /**
   * The segments a merge writes are cached as their stored bytes: a read decodes one without a
   * store read and caches it decoded from then on; a later merge rewriting one decodes it
   * without a store read and without caching it decoded.
   */
  @Test
  void writtenSegments_areCachedAsTheirBytes_untilRead() {
    SegmentCache cache = new SegmentCache(64 << 20);
    NodeStore nodes = new NodeStore(kv, cache, "db/");
    IndexTree tree = IndexTree.build(Index.EAVT, nodes, config, sortedBy(Index.EAVT, people(5000)).iterator());
    List<UUID> segments = new ArrayList<>();
    for (String key : tree.nodeKeys()) {
      if (key.startsWith("db/seg/")) {
        segments.add(UUID.fromString(key.substring("db/seg/".length())));
      }
    }
    assertTrue(segments.size() >= 3, "segments: " + segments.size());
    long weightAsBytes = cache.weightedSize();
    for (UUID id : segments) {
      NodeStore.Written w = assertInstanceOf(NodeStore.Written.class, cache.getIfPresent(id));
      assertArrayEquals(kv.get("db/seg/" + id), w.bytes(), "the stored bytes");
    }
    long misses = cache.stats().missCount();
    List<Datom> all = IndexTreeModelTest.drain(tree.iterator());
    assertEquals(sortedBy(Index.EAVT, people(5000)), all);
    assertEquals(misses, cache.stats().missCount(), "read from the cache, not the store");
    for (UUID id : segments) {
      assertInstanceOf(Segment.class, cache.getIfPresent(id), "decoded once read");
    }
    assertTrue(cache.weightedSize() > 3 * weightAsBytes,
        "decoded they weigh far more: " + cache.weightedSize() + " against " + weightAsBytes);

    // a merge rewriting segments cached as bytes: read from the cache (the store no longer has
    // them here, so a store read would fail) and not cached decoded
    IndexTree again = IndexTree.build(Index.EAVT, nodes, config, sortedBy(Index.EAVT, people(5000)).iterator());
    Set<String> before = again.nodeKeys();
    for (String key : before) {
      if (key.startsWith("db/seg/")) {
        kv.delete(key);
      }
    }
    Datom added = Datom.of(1, 99, "new", 99_999);
    IndexTree merged = again.merge(List.of(added), List.of());
    Set<String> replaced = new HashSet<>(before);
    replaced.removeAll(merged.nodeKeys());
    for (String key : replaced) {
      if (key.startsWith("db/seg/")) {
        assertInstanceOf(NodeStore.Written.class, cache.getIfPresent(UUID.fromString(key.substring("db/seg/".length()))),
            key + " was rewritten from its bytes and not cached decoded");
      }
    }
    assertTrue(IndexTreeModelTest.drain(merged.range(Index.EAVT.lowerBound(1L), true, Index.EAVT.upperBound(1L), true))
        .contains(added));
  }

  @Test
  void open_loadsSegmentsLazily() {
    IndexTree tree = buildEavt(10_000);
    SegmentCache cache = new SegmentCache(64 << 20);
    IndexTree cold = IndexTree.open(Index.EAVT, new NodeStore(kv, cache, "db/"), config, tree.rootId());
    Datom from = Index.EAVT.lowerBound(4242L);
    Datom to = Index.EAVT.upperBound(4242L);
    assertEquals(2, IndexTreeModelTest.drain(cold.range(from, true, to, true)).size());
    // The root, one directory and one segment.
    assertEquals(3, cache.stats().missCount());
    assertEquals(2, cold.count(from, true, to, true));
    assertEquals(3, cache.stats().missCount(), "counting the same range needs no new reads");
    assertTrue(cache.weightedSize() > 0);
  }

  @Test
  void count_isExactForPrefixes() {
    IndexTree tree = IndexTree.build(Index.AEVT, store, config, sortedBy(Index.AEVT, people(5000)).iterator());
    assertEquals(5000, tree.count(Index.AEVT.lowerBound(10L), true, Index.AEVT.upperBound(10L), true));
    assertEquals(1000, tree.count(Index.AEVT.lowerBound(11L, 1001L), true, Index.AEVT.lowerBound(11L, 2001L), false));
    assertEquals(0, tree.count(Index.AEVT.lowerBound(99L), true, Index.AEVT.upperBound(99L), true));
  }

  @Test
  void missingSegment_isAnErrorNamingTheKey() {
    IndexTree tree = buildEavt(1000);
    String victim = kv.keys("db/seg/").get(3);
    kv.delete(victim);
    IndexTree cold = IndexTree.open(Index.EAVT, new NodeStore(kv, new SegmentCache(1 << 20), "db/"), config, tree.rootId());
    StorageException e = assertThrows(StorageException.class, () -> IndexTreeModelTest.drain(cold.iterator()));
    assertEquals(StorageErrorCode.SEGMENT_MISSING, e.code());
    assertTrue(e.getMessage().contains(victim), e.getMessage());
  }

  @Test
  void corruptSegment_isAnErrorNamingTheKey() {
    IndexTree tree = buildEavt(1000);
    String victim = kv.keys("db/seg/").get(5);
    byte[] bytes = kv.get(victim);
    bytes[bytes.length / 2] ^= 0x10;
    kv.delete(victim);
    kv.putIfAbsent(victim, bytes);
    IndexTree cold = IndexTree.open(Index.EAVT, new NodeStore(kv, new SegmentCache(1 << 20), "db/"), config, tree.rootId());
    StorageException e = assertThrows(StorageException.class, () -> IndexTreeModelTest.drain(cold.iterator()));
    assertEquals(StorageErrorCode.SEGMENT_CORRUPT, e.code());
    assertTrue(e.getMessage().contains(victim) && e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void open_wrongKindOfNodeIsRejected() {
    IndexTree tree = buildEavt(10);
    StorageException e = assertThrows(StorageException.class,
        () -> IndexTree.open(Index.AEVT, new NodeStore(kv, new SegmentCache(1 << 20), "db/"), config, tree.rootId()));
    assertEquals(StorageErrorCode.SEGMENT_CORRUPT, e.code());
    e = assertThrows(StorageException.class,
        () -> IndexTree.open(Index.EAVT, store, config, UUID.randomUUID()));
    assertEquals(StorageErrorCode.SEGMENT_MISSING, e.code());
  }

  @Test
  void lookupOfAbsentPair_isAnsweredByTheKeyFilter_withoutLoadingTheSegment() {
    Random random = new Random(11);
    List<Datom> datoms = new ArrayList<>();
    for (long e = 1; e <= 20_000; e++) {
      datoms.add(Datom.of(e, 10, new UUID(random.nextLong(), random.nextLong()), 1000));
    }
    IndexTree tree = IndexTree.build(Index.AVET, store, config, sortedBy(Index.AVET, datoms).iterator());
    SegmentCache cache = new SegmentCache(64 << 20);
    IndexTree cold = IndexTree.open(Index.AVET, new NodeStore(kv, cache, "db/"), config, tree.rootId());
    for (int i = 0; i < 50; i++) {
      Datom d = datoms.get(i * 397);
      assertEquals(List.of(d), IndexTreeModelTest.drain(cold.range(Index.AVET.lowerBound(10L, d.v()), true,
          Index.AVET.upperBound(10L, d.v()), true)), "a stored pair is found");
    }
    long before = cache.stats().missCount();
    for (int i = 0; i < 1_000; i++) {
      UUID absent = new UUID(random.nextLong(), random.nextLong());
      assertFalse(cold.range(Index.AVET.lowerBound(10L, absent), true, Index.AVET.upperBound(10L, absent), true)
          .hasNext());
    }
    // 200 segments under 20 directories: without filters the 1,000 lookups would load nearly every
    // segment; with them, the directories not yet read and about 2% false positives
    long loads = cache.stats().missCount() - before;
    assertTrue(loads < 80, loads + " nodes loaded for 1,000 lookups of absent values");
  }

  /** Directories written before key filters (format version 1) still read, their segments unfiltered. */
  @Test
  void directoryOfFormatVersionOne_stillReads() {
    IndexTree tree = IndexTree.build(Index.AVET, store, config, sortedBy(Index.AVET, people(2_000)).iterator());
    Directory root = tree.root();
    Directory dir = tree.directory(0);
    ByteWriter out = new ByteWriter(1024);
    out.writeVarInt(Directory.SEGMENTS);
    out.writeVarInt(dir.size());
    for (int i = 0; i < dir.size(); i++) {
      Directory.writeDatom(out, dir.firstKey(i));
      out.writeLong(dir.child(i).getMostSignificantBits());
      out.writeLong(dir.child(i).getLeastSignificantBits());
      out.writeVarLong(dir.count(i));
    }
    Directory old = Directory.decode(Frame.encodeAsVersion(Frame.Kind.DIRECTORY, 1, Index.AVET.ordinal(), out), "db/dir/x");
    assertEquals(dir.size(), old.size());
    for (int i = 0; i < dir.size(); i++) {
      assertEquals(dir.entry(i).firstKey(), old.entry(i).firstKey());
      assertEquals(dir.count(i), old.count(i));
      assertTrue(dir.filter(i) != null && old.filter(i) == null);
    }
    assertTrue(root.size() > 0);
    byte[] future = Frame.encodeAsVersion(Frame.Kind.DIRECTORY, 3, Index.AVET.ordinal(), out);
    StorageException e = assertThrows(StorageException.class, () -> Directory.decode(future, "db/dir/y"));
    assertEquals(StorageErrorCode.UNSUPPORTED_FORMAT, e.code());
    assertTrue(e.getMessage().contains("version 3") && e.getMessage().contains("1 to 2"), e.getMessage());
  }

  private static List<Datom> sortedBy(Index index, List<Datom> datoms) {
    List<Datom> copy = new ArrayList<>(datoms);
    copy.sort(index.comparator());
    return copy;
  }
}
