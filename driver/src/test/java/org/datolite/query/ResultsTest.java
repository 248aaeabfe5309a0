package org.datolite.query;

import static org.datolite.query.Relations.rel;
import static org.datolite.query.Relations.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

/** Results shaped by the find specification, alone: bindings in, the caller's value out. */
class ResultsTest {
  private static final Relation BINDINGS = rel("?a ?b", row(1L, 10L), row(1L, 11L), row(2L, 10L));

  private static Object shape(String query, Relation rel) {
    return Results.shape(QueryParser.parse(query), rel, Map.of());
  }

  private static Set<Object> set(Object result) {
    return new HashSet<>((List<?>) result);
  }

  @Test
  void theFourShapes() {
    assertEquals(Set.of(List.of(1L, 10L), List.of(1L, 11L), List.of(2L, 10L)),
        set(shape("[:find ?a ?b :where [?a :x ?b]]", BINDINGS)));
    assertEquals(Set.of(10L, 11L), set(shape("[:find [?b ...] :where [?a :x ?b]]", BINDINGS)),
        "a collection of distinct values");
    assertEquals(List.of(1L, 10L), shape("[:find [?a ?b] :where [?a :x ?b]]", BINDINGS));
    assertEquals(1L, shape("[:find ?a . :where [?a :x ?b]]", BINDINGS));
    assertNull(shape("[:find [?a ?b] :where [?a :x ?b]]", rel("?a ?b")));
    assertNull(shape("[:find ?a . :where [?a :x ?b]]", rel("?a ?b")));
  }

  @Test
  void aggregates_groupByTheOtherElements_withOrWithoutWith() {
    assertEquals(Set.of(List.of(1L, 2L), List.of(2L, 1L)), set(shape("[:find ?a (count ?b) :where [?a :x ?b]]",
        BINDINGS)));
    assertEquals(21L, shape("[:find (sum ?b) . :where [?a :x ?b]]", BINDINGS), "the distinct values of ?b");
    assertEquals(31L, shape("[:find (sum ?b) . :with ?a :where [?a :x ?b]]", BINDINGS), "one per binding of ?a ?b");
    assertEquals(0L, shape("[:find (count ?b) . :where [?a :x ?b]]", rel("?a ?b")), "the count of nothing is 0");
    assertEquals(List.of(), shape("[:find ?a (count ?b) :where [?a :x ?b]]", rel("?a ?b")));
  }

  @Test
  void returnMaps() {
    assertEquals(Set.of(Map.of(Keyword.of("a"), 2L, Keyword.of("b"), 10L)),
        set(shape("[:find ?a ?b :keys a b :where [?a :x ?b] [(= ?a 2)]]", rel("?a ?b", row(2L, 10L)))));
    assertEquals(Map.of("a", 2L), shape("[:find [?a] :strs a :where [?a :x ?b]]", rel("?a ?b", row(2L, 10L))));
  }
}
