package org.datolite.storage.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.StorageErrorCode;
import org.datolite.storage.StorageException;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * An index kept as levels ({@link IndexLevels}), merged with random additions and removals many
 * times, read back by iteration, ranges in both directions and counts, and always compared with
 * a {@link TreeSet} holding the same datoms; the levels must stay disjoint, few, and readable when
 * reopened from their root ids. A failure prints its seed ({@link Seeds}).
 */
class IndexLevelsModelTest {

  private static Gen<IndexTreeModelTest.Step> steps() {
    Gen<List<Datom>> additions = IndexTreeModelTest.datoms().list(0, 40);
    Gen<List<Integer>> removalPicks = Gen.ints(0, 10_000).list(0, 12);
    return r -> new IndexTreeModelTest.Step(additions.next(r), removalPicks.next(r));
  }

  @Test
  void mergesAndReads_matchTreeSet() {
    Gen<Index> indexes = Gen.elements(Index.values());
    Gen<TreeConfig> configs = IndexTreeModelTest.configs();
    Gen<List<IndexTreeModelTest.Step>> steps = steps().list(1, 25);
    Gen<List<IndexTreeModelTest.Query>> queries = IndexTreeModelTest.queries().list(4, 8);
    AtomicInteger layered = new AtomicInteger();
    Seeds.check(150, random -> mergeAndRead(indexes.next(random), configs.next(random), steps.next(random),
        queries.next(random), layered));
    assertTrue(layered.get() > 50, "only " + layered.get() + " runs reached more than one level");
  }

  private static void mergeAndRead(Index index, TreeConfig config, List<IndexTreeModelTest.Step> steps,
      List<IndexTreeModelTest.Query> queries, AtomicInteger layered) {
    NodeStore store = new NodeStore(new MemoryStore("levels"), new SegmentCache(1L << 20), "db/");
    TreeSet<Datom> model = new TreeSet<>(index.comparator());
    IndexLevels levels = IndexLevels.empty(index, store, config);
    int most = 1;
    for (IndexTreeModelTest.Step step : steps) {
      List<Datom> additions = IndexTreeModelTest.additions(model, step.additions());
      List<Datom> removals = IndexTreeModelTest.removals(model, step.removalPicks());
      TreeSet<Datom> before = new TreeSet<>(model);
      IndexLevels previous = levels;
      levels = levels.merge(additions, removals);
      model.addAll(additions);
      model.removeAll(removals);
      most = Math.max(most, levels.levels().size());
      check(levels, model, queries);
      // the previous levels are a value: they still read as they did
      assertEquals(new ArrayList<>(before), IndexTreeModelTest.drain(previous.iterator()), "old levels after merge");
      NodeStore cold = new NodeStore(store.kv(), new SegmentCache(1L << 20), "db/");
      check(IndexLevels.open(index, cold, config, levels.rootIds()), model, queries);
    }
    if (most > 1) {
      layered.incrementAndGet();
    }
  }

  private static void check(IndexLevels levels, TreeSet<Datom> model, List<IndexTreeModelTest.Query> queries) {
    assertTrue(levels.levels().size() <= IndexLevels.MAX_LEVELS, "levels: " + levels.levels().size());
    // disjoint levels whose union is the model
    long total = 0;
    TreeSet<Datom> union = new TreeSet<>(model.comparator());
    for (IndexTree level : levels.levels()) {
      List<Datom> datoms = IndexTreeModelTest.drain(level.iterator());
      total += datoms.size();
      union.addAll(datoms);
      assertTrue(levels.levels().size() == 1 || level.count() > 0, "an empty level beside others");
    }
    assertEquals(union.size(), total, "levels overlap");
    assertEquals(model.size(), levels.count(), "count");
    IndexTreeModelTest.checkPairLookups(levels.index(), model,
        q -> IndexTreeModelTest.drain(levels.range(q.from(), q.fromInclusive(), q.to(), q.toInclusive())));
    assertEquals(new ArrayList<>(model), IndexTreeModelTest.drain(levels.iterator()), "full scan");
    for (IndexTreeModelTest.Query q : queries) {
      NavigableSet<Datom> expected = IndexTreeModelTest.subSet(model, q);
      assertEquals(new ArrayList<>(expected),
          IndexTreeModelTest.drain(levels.range(q.from(), q.fromInclusive(), q.to(), q.toInclusive())), "range " + q);
      assertEquals(new ArrayList<>(expected.descendingSet()),
          IndexTreeModelTest.drain(levels.rangeReverse(q.from(), q.fromInclusive(), q.to(), q.toInclusive())),
          "reverse range " + q);
      assertEquals(expected.size(), levels.count(q.from(), q.fromInclusive(), q.to(), q.toInclusive()), "count " + q);
    }
  }

  /**
   * The point of levels: random keys merged into a large index write about what they add. A
   * single tree rewrites every segment a random addition falls into (here nearly all of them).
   */
  @Test
  void randomAdditions_writeInProportionToThemselves_notToTheIndex() {
    TreeConfig config = new TreeConfig(64, 1 << 20, 16);
    NodeStore store = new NodeStore(new MemoryStore("cost"), new SegmentCache(64L << 20), "db/");
    Random random = new Random(7);
    TreeSet<Datom> big = new TreeSet<>(Index.AVET.comparator());
    while (big.size() < 64_000) {
      big.add(Datom.of(random.nextInt(1_000_000), 10, (long) random.nextInt(), 5));
    }
    IndexLevels levels = IndexLevels.empty(Index.AVET, store, config).merge(new ArrayList<>(big), List.of());
    IndexTree single = levels.levels().get(0);
    long singleSegmentsWritten = 0;
    long levelSegmentsWritten = 0;
    for (int job = 0; job < 16; job++) {
      TreeSet<Datom> novelty = new TreeSet<>(Index.AVET.comparator());
      while (novelty.size() < 1_000) {
        novelty.add(Datom.of(1_000_000 + job * 1_000 + novelty.size(), 10, (long) random.nextInt(), 6 + job));
      }
      single = single.merge(new ArrayList<>(novelty), List.of());
      singleSegmentsWritten += single.writeStats().segments();
      levels = levels.merge(new ArrayList<>(novelty), List.of());
      levelSegmentsWritten += levels.writeStats().segments();
    }
    // 16 jobs of 1,000 datoms: a binary counter writes each datom about log2(16) + 1 times, about
    // 16 × 1,000 × 5 / 64 ≈ 1,250 segments; one tree rewrites most of its 1,000+ segments a job.
    assertTrue(levelSegmentsWritten < 2_000, "levels wrote " + levelSegmentsWritten + " segments");
    assertTrue(singleSegmentsWritten > 6_000, "one tree wrote " + singleSegmentsWritten + " segments");
    assertEquals(IndexTreeModelTest.drain(single.iterator()), IndexTreeModelTest.drain(levels.iterator()));
  }

  /** Ordered keys (new entities at the end of EAVT) stay in one level, rewriting the last segment or two. */
  @Test
  void orderedAdditions_stayInOneLevel() {
    TreeConfig config = new TreeConfig(64, 1 << 20, 16);
    NodeStore store = new NodeStore(new MemoryStore("ordered"), new SegmentCache(64L << 20), "db/");
    IndexLevels levels = IndexLevels.empty(Index.EAVT, store, config);
    for (int job = 0; job < 50; job++) {
      List<Datom> novelty = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        novelty.add(Datom.of(job * 1_000L + i, 10, (long) i, job));
      }
      levels = levels.merge(novelty, List.of());
      assertEquals(1, levels.levels().size(), "job " + job);
      assertTrue(levels.writeStats().segments() <= 300 / 64 + 3, "job " + job + " wrote " + levels.writeStats().segments());
    }
  }

  @Test
  void removalOfAnAbsentDatom_isRejectedBeforeAnythingIsWritten() {
    TreeConfig config = new TreeConfig(4, 1024, 3);
    NodeStore store = new NodeStore(new MemoryStore("absent"), new SegmentCache(1L << 20), "db/");
    IndexLevels levels = IndexLevels.empty(Index.AVET, store, config);
    Random random = new Random(3);
    for (int job = 0; job < 6; job++) {
      List<Datom> novelty = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        novelty.add(Datom.of(job * 100L + i, 10, (long) random.nextInt(1000) * 10 + job, 1));
      }
      novelty.sort(Index.AVET.comparator());
      levels = levels.merge(novelty, List.of());
    }
    assertTrue(levels.levels().size() > 1, "expected several levels, got " + levels.levels().size());
    IndexLevels before = levels;
    int keys = store.kv().keys("").size();
    StorageException e = assertThrows(StorageException.class,
        () -> before.merge(List.of(), List.of(Datom.of(5, 10, 3L, 1))));
    assertEquals(StorageErrorCode.INVALID_MERGE, e.code());
    assertTrue(e.getMessage().contains("does not hold"), e.getMessage());
    assertEquals(keys, store.kv().keys("").size(), "nodes written by a rejected merge");
  }
}
