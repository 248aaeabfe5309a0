package org.datolite.storage.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.kv.MemoryStore;

/**
 * Random datom sets built into trees and merged with random additions and removals, read back by
 * iteration, seeks, ranges in both directions and counts, and always compared with a
 * {@link TreeSet} holding the same datoms. Small segments and directories make every tree deep
 * and wide. jqwik prints the seed of a failing try; rerun it with {@code @Property(seed = "…")}.
 */
class IndexTreeModelTest {

  record Step(List<Datom> additions, List<Integer> removalPicks) {}

  record Query(Datom from, boolean fromInclusive, Datom to, boolean toInclusive) {}

  /** Few entities, attributes and values, so that datoms collide and share prefixes. */
  @Provide
  Arbitrary<Datom> datoms() {
    Arbitrary<Object> values = Arbitraries.oneOf(
        Arbitraries.longs().between(0, 30).map(v -> (Object) v),
        Arbitraries.strings().withCharRange('a', 'e').ofMaxLength(3).map(v -> (Object) v),
        Arbitraries.of(true, false, 1.5, -0.0, Double.NaN).map(v -> (Object) v));
    return Combinators.combine(
        Arbitraries.longs().between(1, 60),
        Arbitraries.longs().between(10, 13),
        values,
        Arbitraries.longs().between(1, 4),
        Arbitraries.of(true, false)).as(Datom::new);
  }

  @Provide
  Arbitrary<Step> steps() {
    return Combinators.combine(
        datoms().list().ofMaxSize(60),
        Arbitraries.integers().between(0, 10_000).list().ofMaxSize(40)).as(Step::new);
  }

  @Provide
  Arbitrary<Query> queries() {
    Arbitrary<Datom> bound = Arbitraries.oneOf(datoms(), Arbitraries.just(null),
        Arbitraries.longs().between(0, 61).map(e -> Index.EAVT.lowerBound(e)),
        Arbitraries.longs().between(0, 61).map(e -> Index.EAVT.upperBound(e)));
    return Combinators.combine(bound, Arbitraries.of(true, false), bound, Arbitraries.of(true, false)).as(Query::new);
  }

  @Provide
  Arbitrary<TreeConfig> configs() {
    return Combinators.combine(
        Arbitraries.integers().between(2, 12),
        Arbitraries.integers().between(2, 5)).as((segment, fanout) -> new TreeConfig(segment, 1024, fanout));
  }

  @Property(tries = 150)
  void mergesAndReads_matchTreeSet(
      @ForAll Index index,
      @ForAll("configs") TreeConfig config,
      @ForAll boolean readAhead,
      @ForAll @Size(max = 200) List<@From("datoms") Datom> initial,
      @ForAll @Size(max = 6) List<@From("steps") Step> steps,
      @ForAll @Size(min = 5, max = 12) List<@From("queries") Query> queries) {
    // Caches below 64 MiB do not read ahead; the model checks both ways of reading.
    long cacheBytes = readAhead ? 256L << 20 : 1L << 20;
    NodeStore store = new NodeStore(new MemoryStore("model"), new SegmentCache(cacheBytes), "db/");
    TreeSet<Datom> model = new TreeSet<>(index.comparator());
    model.addAll(initial);
    IndexTree tree = IndexTree.build(index, store, config, model.iterator());
    check(tree, model, queries);

    for (Step step : steps) {
      TreeSet<Datom> additions = new TreeSet<>(index.comparator());
      for (Datom d : step.additions()) {
        if (!model.contains(d)) {
          additions.add(d);
        }
      }
      TreeSet<Datom> removals = new TreeSet<>(index.comparator());
      List<Datom> current = new ArrayList<>(model);
      for (int pick : step.removalPicks()) {
        if (!current.isEmpty()) {
          removals.add(current.get(pick % current.size()));
        }
      }
      TreeSet<Datom> before = new TreeSet<>(model);
      IndexTree previous = tree;
      tree = tree.merge(new ArrayList<>(additions), new ArrayList<>(removals));
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

  private static void check(IndexTree tree, TreeSet<Datom> model, List<Query> queries) {
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

  private static NavigableSet<Datom> subSet(TreeSet<Datom> model, Query q) {
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
