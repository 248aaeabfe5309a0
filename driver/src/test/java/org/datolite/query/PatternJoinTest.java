package org.datolite.query;

import static org.datolite.query.Relations.rel;
import static org.datolite.query.Relations.row;
import static org.datolite.query.Relations.rows;
import static org.datolite.query.Relations.v;
import static org.datolite.query.Relations.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.datolite.QueryFixture;
import org.datolite.TxReport;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The join methods of a data pattern, alone: each gives the same matches, and the index work
 * (seeks) shows which one ran for a number of bindings on either side of the thresholds.
 */
class PatternJoinTest {
  private static final int PEOPLE = 40;
  private static QueryFixture fixture;
  /** Entity i has :m/x i: the ids in that order, and each id's x. */
  private static final List<Long> ids = new ArrayList<>();
  private static final Map<Long, Long> xOf = new HashMap<>();

  @BeforeAll
  static void load() {
    fixture = QueryFixture.memory("pattern-join");
    fixture.transact("[{:db/ident :m/x :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
    StringBuilder tx = new StringBuilder("[");
    for (int i = 0; i < PEOPLE; i++) {
      tx.append("{:db/id \"p").append(i).append("\" :m/x ").append(i).append("}");
    }
    TxReport r = fixture.transact(tx.append("]").toString());
    for (int i = 0; i < PEOPLE; i++) {
      ids.add(r.tempids().get("p" + i));
      xOf.put(ids.get(i), (long) i);
    }
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  private static final Clause.Pattern X = new Clause.Pattern("$", List.of(v("?e"), new Term.Constant(Keyword.of("m/x")),
      v("?x")));

  /** Joins X with the bindings; returns the rows, and the seeks in {@code seeks[0]}. */
  private static Relation join(Relation bindings, long[] seeks) {
    QueryBudget budget = QueryBudget.startingNow(QueryLimits.DEFAULT);
    Relation out = new PatternJoin(Map.of("$", fixture.db()), budget).join(X, bindings, List.of());
    seeks[0] = budget.seeks;
    return out;
  }

  private static Relation entities(List<Long> es) {
    List<Object[]> rows = new ArrayList<>();
    for (long e : es) {
      rows.add(row(e));
    }
    return new Relation(List.of(v("?e")), rows, true);
  }

  private static Set<List<Object>> expected(List<Long> es) {
    Set<List<Object>> out = new HashSet<>();
    for (long e : es) {
      out.add(List.of(e, xOf.get(e)));
    }
    return out;
  }

  @Test
  void entityBound_mergesFromMergeAtLeast_elseSeeksPerEntity() {
    long[] seeks = new long[1];
    List<Long> ascending = new ArrayList<>(ids);
    Collections.sort(ascending);
    Relation sorted = join(entities(ascending), seeks);
    assertEquals("?e ?x", vars(sorted));
    assertEquals(expected(ids), rows(sorted));
    assertEquals(1, seeks[0], "a stream merge: one cursor");
    List<Long> shuffled = new ArrayList<>(ids);
    Collections.shuffle(shuffled, new Random(1));
    assertEquals(expected(ids), rows(join(entities(shuffled), seeks)));
    assertEquals(1, seeks[0], "a merge lookup: the entities sorted, one cursor");
    List<Long> few = ids.subList(0, PatternJoin.MERGE_AT_LEAST - 1);
    assertEquals(expected(few), rows(join(entities(few), seeks)));
    assertEquals(few.size(), seeks[0], "below the threshold: a seek per entity");
  }

  @Test
  void valueBound_scansOnceFromScanJoinAtLeast_whenThatReadsLess() {
    long[] seeks = new long[1];
    List<Object[]> values = new ArrayList<>();
    for (long x = 0; x < PatternJoin.SCAN_JOIN_AT_LEAST; x++) {
      values.add(row(x));
    }
    Relation xs = new Relation(List.of(v("?x")), values, true);
    Relation scanned = join(xs, seeks);
    assertEquals(PatternJoin.SCAN_JOIN_AT_LEAST, scanned.rows.size());
    assertEquals(1, seeks[0], "one scan of :m/x, joined by hash");
    Relation few = new Relation(List.of(v("?x")), values.subList(0, 3), true);
    assertEquals(Set.of(List.of(0L, ids.get(0)), List.of(1L, ids.get(1)), List.of(2L, ids.get(2))),
        rows(join(few, seeks)));
    assertEquals(3, seeks[0], "a few values: a seek each in AVET");
  }

  @Test
  void collectionSource_isMatchedThroughAnIndexOfItsTuples() {
    QueryBudget budget = QueryBudget.startingNow(QueryLimits.DEFAULT);
    List<List<Object>> tuples = List.of(List.of(1L, "a"), List.of(2L, "b"), List.of(1L, "c"));
    Relation out = new PatternJoin(Map.of("$c", tuples), budget).join(new Clause.Pattern("$c", List.of(v("?k"), v("?s"))),
        rel("?k", row(1L), row(3L)), List.of());
    assertEquals(Set.of(List.of(1L, "a"), List.of(1L, "c")), rows(out));
    assertEquals(0, budget.seeks, "no index reads");
  }
}
