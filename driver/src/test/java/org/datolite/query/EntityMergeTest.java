package org.datolite.query;

import static org.datolite.query.Relations.rows;
import static org.datolite.query.Relations.v;
import static org.datolite.query.Relations.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.datolite.QueryFixture;
import org.datolite.TxReport;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Patterns on one bound entity scanned together, alone: which patterns group, and the same matches as one by one. */
class EntityMergeTest {
  private static QueryFixture fixture;
  private static final List<Long> ids = new ArrayList<>();

  /** Entity i: :m/x i, :m/tag "t(i % 3)" and, for even i, also "u". */
  @BeforeAll
  static void load() {
    fixture = QueryFixture.memory("entity-merge");
    fixture.transact("[{:db/ident :m/x :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :m/tag :db/valueType :db.type/string :db/cardinality :db.cardinality/many}]");
    StringBuilder tx = new StringBuilder("[");
    for (int i = 0; i < 30; i++) {
      tx.append("{:db/id \"p").append(i).append("\" :m/x ").append(i).append(" :m/tag [\"t").append(i % 3)
          .append(i % 2 == 0 ? "\" \"u\"]}" : "\"]}");
    }
    TxReport r = fixture.transact(tx.append("]").toString());
    for (int i = 0; i < 30; i++) {
      ids.add(r.tempids().get("p" + i));
    }
    Collections.sort(ids);
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  private static Clause.Pattern pattern(String attr, String var) {
    return new Clause.Pattern("$", List.of(v("?e"), new Term.Constant(Keyword.of(attr)), v(var)));
  }

  private static Relation entities(List<Long> es) {
    List<Object[]> rows = new ArrayList<>();
    for (long e : es) {
      rows.add(new Object[] {e});
    }
    return new Relation(List.of(v("?e")), rows, true);
  }

  @Test
  void consecutivePatternsOnTheSortedEntity_scanTogether_asOneByOne() {
    QueryBudget budget = QueryBudget.startingNow(QueryLimits.DEFAULT);
    Map<String, Object> sources = Map.of("$", fixture.db());
    PatternJoin patterns = new PatternJoin(sources, budget);
    EntityMerge merges = new EntityMerge(sources, budget, patterns);
    List<Clause> pending = new ArrayList<>(List.of(pattern("m/x", "?x"), pattern("m/tag", "?t"),
        new Clause.Predicate(">", List.of(v("?x"), new Term.Constant(3L)))));
    Relation start = entities(ids);
    List<Clause.Pattern> group = merges.sameEntity(pending, 0, start);
    assertEquals(pending.subList(0, 2), group);
    pending.removeAll(group);
    Relation together = merges.mergeTogether(group, start, pending);
    assertEquals(2, budget.seeks, "one cursor per attribute");
    Relation oneByOne = patterns.join(group.get(1), patterns.join(group.get(0), start, pending), pending);
    assertEquals("?e ?x ?t", vars(together));
    assertEquals(rows(oneByOne), rows(together));
    assertEquals(45, together.rows.size(), "30 tags and 15 u");
  }

  @Test
  void sameEntity_onlyForEnoughSortedEntities_andNewVariables() {
    Map<String, Object> sources = Map.of("$", fixture.db());
    QueryBudget budget = QueryBudget.startingNow(QueryLimits.DEFAULT);
    EntityMerge merges = new EntityMerge(sources, budget, new PatternJoin(sources, budget));
    List<Clause> two = List.of(pattern("m/x", "?x"), pattern("m/tag", "?t"));
    assertNull(merges.sameEntity(two, 0, entities(ids.subList(0, PatternJoin.MERGE_AT_LEAST - 1))), "too few");
    List<Long> reversed = new ArrayList<>(ids);
    Collections.reverse(reversed);
    assertNull(merges.sameEntity(two, 0, entities(reversed)), "not sorted");
    assertNull(merges.sameEntity(List.of(pattern("m/x", "?x"), pattern("m/tag", "?x")), 0, entities(ids)),
        "the second would bind ?x again");
    assertNull(merges.sameEntity(List.of(pattern("m/x", "?x")), 0, entities(ids)), "one pattern alone");
  }
}
