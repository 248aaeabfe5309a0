package org.datolite.query;

import static org.datolite.query.Relations.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.datolite.DatoliteException;
import org.junit.jupiter.api.Test;

/** The aggregate functions of :find, alone, on plain lists of values. */
class AggregatesTest {
  private static final List<Object> VALUES = List.of(3L, 1L, 4L, 1L, 5L);

  private static Object apply(String fn, List<Object> values) {
    return Aggregates.apply(new Query.Aggregate(fn, List.of(v("?x"))), values);
  }

  private static Object apply(String fn, long n, List<Object> values) {
    return Aggregates.apply(new Query.Aggregate(fn, List.of(new Term.Constant(n), v("?x"))), values);
  }

  @Test
  void countsSumsAndAverages() {
    assertEquals(5L, apply("count", VALUES));
    assertEquals(4L, apply("count-distinct", VALUES));
    assertEquals(new LinkedHashSet<>(List.of(3L, 1L, 4L, 5L)), apply("distinct", VALUES));
    assertEquals(14L, apply("sum", VALUES));
    assertEquals(2.8, apply("avg", VALUES));
    assertEquals(0L, apply("sum", List.of()));
    assertNull(apply("avg", List.of()));
  }

  @Test
  void extremesAndMedians() {
    assertEquals(1L, apply("min", VALUES));
    assertEquals(5L, apply("max", VALUES));
    assertEquals(List.of(5L, 4L), apply("max", 2, VALUES));
    assertEquals(List.of(1L, 3L), apply("min", 2, VALUES), "distinct values");
    assertEquals(3L, apply("median", VALUES));
    assertEquals(2.5, apply("median", List.of(1L, 2L, 3L, 4L)));
    assertEquals(1.5, (Double) apply("variance", List.of(1L, 3L, 1L, 3L, 2L, 2L, 0L, 4L)), 1e-9);
    assertEquals(Math.sqrt(1.5), (Double) apply("stddev", List.of(1L, 3L, 1L, 3L, 2L, 2L, 0L, 4L)), 1e-9);
  }

  @Test
  void randomPicks_comeFromTheValues() {
    assertTrue(VALUES.contains(apply("rand", VALUES)));
    assertEquals(3, ((List<?>) apply("rand", 3, VALUES)).size());
    List<?> sample = (List<?>) apply("sample", 3, VALUES);
    assertEquals(3, Set.copyOf(sample).size(), "distinct values");
    assertTrue(VALUES.containsAll(sample));
    assertEquals(4, ((List<?>) apply("sample", 10, VALUES)).size(), "at most the distinct values");
  }

  @Test
  void errors() {
    DatoliteException unknown = assertThrows(DatoliteException.class, () -> apply("mode", VALUES));
    assertEquals("42883", unknown.sqlState());
    assertTrue(unknown.getMessage().startsWith("unknown aggregate mode"), unknown.getMessage());
    assertEquals("22023", assertThrows(DatoliteException.class,
        () -> apply("variance", List.of("a", "b"))).sqlState());
  }
}
