package org.datolite.storage.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.testkit.Gen;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Random datom sets built into trees and merged with random additions and removals, read back by
 * iteration, seeks, ranges in both directions and counts, and always compared with a
 * {@link TreeSet} holding the same datoms. Small segments and directories make every tree deep
 * and wide. A failure prints its seed and the command that reruns it ({@link Seeds}).
 */
class IndexTreeModelTest {

  record Step(List<Datom> additions, List<Integer> removalPicks) {}

  record Query(Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {}

  /** Few entities, attributes and values, so that datoms collide and share prefixes. */
  static Gen<Datom> datoms() {
    Gen<Object> values = Gen.oneOf(
        Gen.longs(0, 30),
        Gen.strings("abcde", 0, 3),
        Gen.elements(true, false, 1.5, -0.0, Double.NaN));
    Gen<Long> e = Gen.longs(1, 60);
    Gen<Long> a = Gen.longs(10, 13);
    Gen<Long> tx = Gen.longs(1, 4);
    return r -> new Datom(e.next(r), a.next(r), values.next(r), tx.next(r), r.nextBoolean());
  }

  private static Gen<Step> steps() {
    Gen<List<Datom>> additions = datoms().list(0, 60);
    Gen<List<Integer>> removalPicks = Gen.ints(0, 10_000).list(0, 40);
    return r -> new Step(additions.next(r), removalPicks.next(r));
  }

  static Gen<Query> queries() {
    Gen<Long> entities = Gen.longs(0, 61);
    Gen<Datom> bound = Gen.oneOf(datoms(), Gen.constant(null),
        entities.map(e -> Index.EAVT.lowerBound(e)),
        entities.map(e -> Index.EAVT.upperBound(e)));
    return r -> new Query(bound.next(r), r.nextBoolean(), bound.next(r), r.nextBoolean());
  }

  static Gen<TreeConfig> configs() {
    Gen<Integer> segments = Gen.ints(2, 12);
    Gen<Integer> fanouts = Gen.ints(2, 5);
    return r -> new TreeConfig(segments.next(r), 1024, fanouts.next(r));
  }

  @Test
  void mergesAndReads_matchTreeSet() {
    Gen<Index> indexes = Gen.elements(Index.values());
    Gen<TreeConfig> configs = configs();
    Gen<List<Datom>> initial = datoms().list(0, 200);
    Gen<List<Step>> steps = steps().list(0, 6);
    Gen<List<Query>> queries = queries().list(5, 12);
    Seeds.check(100, random -> mergeAndRead(indexes.next(random), configs.next(random), random.nextBoolean(),
        initial.next(random), steps.next(random), queries.next(random)));
  }

  /** Builds a tree of {@code initial}, applies the steps and reads it after each, against a TreeSet. */
  private static void mergeAndRead(Index index, TreeConfig config, boolean readAhead, List<Datom> initial,
      List<Step> steps, List<Query> queries) {
    // Caches below 64 MiB do not read ahead; the model checks both ways of reading.
    long cacheBytes = readAhead ? 256L << 20 : 1L << 20;
    NodeStore store = new NodeStore(new MemoryStore("model"), new SegmentCache(cacheBytes), "db/");
    TreeSet<Datom> model = new TreeSet<>(index.comparator());
    model.addAll(initial);
    IndexTree tree = IndexTree.build(index, store, config, model.iterator());
    check(tree, model, queries);

    for (Step step : steps) {
      List<Datom> additions = additions(model, step.additions());
      List<Datom> removals = removals(model, step.removalPicks());
      TreeSet<Datom> before = new TreeSet<>(model);
      IndexTree previous = tree;
      tree = tree.merge(additions, removals);
      model.addAll(additions);
      model.removeAll(removals);
      check(tree, model, queries);
      // The old tree is a value: it still reads as it did.
      assertEquals(new ArrayList<>(before), drain(previous.iterator()), "old tree after merge");
      // And the merged tree reads the same when opened from storage with a cold cache.
      NodeStore cold = new NodeStore(store.kv(), new SegmentCache(cacheBytes), "db/");
      assertEquals(new ArrayList<>(model), drain(IndexTree.open(index, cold, config, tree.rootId()).iterator()));
    }
  }

  /** The candidates the model does not hold, sorted, without repeats. */
  static List<Datom> additions(TreeSet<Datom> model, List<Datom> candidates) {
    TreeSet<Datom> additions = new TreeSet<>(model.comparator());
    for (Datom d : candidates) {
      if (!model.contains(d)) {
        additions.add(d);
      }
    }
    return new ArrayList<>(additions);
  }

  /** The model's datoms at the picked positions (modulo its size), sorted, without repeats. */
  static List<Datom> removals(TreeSet<Datom> model, List<Integer> picks) {
    TreeSet<Datom> removals = new TreeSet<>(model.comparator());
    List<Datom> current = new ArrayList<>(model);
    for (int pick : picks) {
      if (!current.isEmpty()) {
        removals.add(current.get(pick % current.size()));
      }
    }
    return new ArrayList<>(removals);
  }

  private static void check(IndexTree tree, TreeSet<Datom> model, List<Query> queries) {
    checkPairLookups(tree.index(), model, q -> drain(tree.range(q.from(), q.fromInclusive(), q.to(), q.toInclusive())));
    assertEquals(model.size(), tree.count(), "count");
    assertEquals(new ArrayList<>(model), drain(tree.iterator()), "full scan");
    for (Query q : queries) {
      NavigableSet<Datom> expected = subSet(model, q);
      assertEquals(new ArrayList<>(expected), drain(tree.range(q.from(), q.fromInclusive(), q.to(), q.toInclusive())),
          "range " + q);
      assertEquals(new ArrayList<>(expected.descendingSet()),
          drain(tree.rangeReverse(q.from(), q.fromInclusive(), q.to(), q.toInclusive())), "reverse range " + q);
      assertEquals(expected.size(), tree.count(q.from(), q.fromInclusive(), q.to(), q.toInclusive()), "count " + q);
      if (q.from() != null) {
        assertEquals(new ArrayList<>(model.tailSet(q.from(), true)), drain(tree.seek(q.from())), "seek " + q.from());
      }
    }
  }

  /**
   * Lookups of one pair of leading components (as {@code datoms(AVET, a, v)} asks), for pairs the
   * model holds (a key filter must never hide them) and for neighbouring pairs it may not hold.
   */
  static void checkPairLookups(Index index, TreeSet<Datom> model, Function<Query, List<Datom>> read) {
    List<Datom> probes = new ArrayList<>();
    int step = Math.max(1, model.size() / 25);
    int i = 0;
    for (Datom d : model) {
      if (i++ % step == 0) {
        probes.add(d);
        probes.add(new Datom(d.e() + 1, d.a(), d.v(), d.tx(), d.added()));
        probes.add(new Datom(d.e(), d.a() + 1, d.v(), d.tx(), d.added()));
        probes.add(new Datom(d.e(), d.a(), d.v() instanceof Long l ? (Object) (l + 1) : "z" + d.v(), d.tx(), d.added()));
      }
    }
    for (Datom p : probes) {
      Object[] pair = switch (index) {
        case EAVT -> new Object[] {p.e(), p.a()};
        case AEVT -> new Object[] {p.a(), p.e()};
        case AVET -> new Object[] {p.a(), p.v()};
        case VAET -> new Object[] {p.v() instanceof Long ? p.v() : 0L, p.a()};
      };
      Query q = new Query(index.lowerBound(pair), true, index.upperBound(pair), true);
      assertEquals(new ArrayList<>(subSet(model, q)), read.apply(q), "pair lookup " + q);
    }
  }

  static NavigableSet<Datom> subSet(TreeSet<Datom> model, Query q) {
    if (q.from() != null && q.to() != null && model.comparator().compare(q.from(), q.to()) > 0) {
      return new TreeSet<>(model.comparator());
    }
    if (q.from() != null && q.to() != null) {
      return model.subSet(q.from(), q.fromInclusive(), q.to(), q.toInclusive());
    }
    NavigableSet<Datom> s = model;
    if (q.from() != null) {
      s = s.tailSet(q.from(), q.fromInclusive());
    }
    if (q.to() != null) {
      s = s.headSet(q.to(), q.toInclusive());
    }
    return s;
  }

  static List<Datom> drain(Iterator<Datom> it) {
    List<Datom> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
