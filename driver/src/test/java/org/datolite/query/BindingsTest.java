package org.datolite.query;

import static org.datolite.query.Relations.rel;
import static org.datolite.query.Relations.row;
import static org.datolite.query.Relations.rows;
import static org.datolite.query.Relations.v;
import static org.datolite.query.Relations.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.DatoliteException;
import org.junit.jupiter.api.Test;

/** Binding forms, the natural join and input folding, alone. */
class BindingsTest {
  private static final QueryBudget BUDGET = QueryBudget.startingNow(QueryLimits.DEFAULT);

  @Test
  void bind_theFourForms() {
    Relation scalar = Bindings.bind(new Binding.Scalar(v("?x")), 5, "input");
    assertEquals("?x", vars(scalar));
    assertEquals(Set.of(List.of(5L)), rows(scalar), "an int becomes a long");
    Relation collection = Bindings.bind(new Binding.Collection(v("?x")), new Object[] {1, "a"}, "input");
    assertEquals(Set.of(List.of(1L), List.of("a")), rows(collection), "an array is a collection");
    Relation tuple = Bindings.bind(new Binding.Tuple(List.of(v("?a"), new Term.Blank(), v("?b"))), List.of(1, "x", 3),
        "input");
    assertEquals("?a ?b", vars(tuple), "a blank binds nothing");
    assertEquals(Set.of(List.of(1L, 3L)), rows(tuple));
    Relation relation = Bindings.bind(new Binding.Relation(List.of(v("?a"), v("?b"))),
        List.of(List.of(1, 2), List.of(3, 4)), "input");
    assertEquals(Set.of(List.of(1L, 2L), List.of(3L, 4L)), rows(relation));
  }

  @Test
  void bind_wrongShapes_failWith22023NamingWhere() {
    DatoliteException tuple = assertThrows(DatoliteException.class,
        () -> Bindings.bind(new Binding.Tuple(List.of(v("?a"), v("?b"))), List.of(1), ":in input 2"));
    assertEquals("22023", tuple.sqlState());
    assertTrue(tuple.getMessage().startsWith(":in input 2 must be a tuple of 2 values; got "), tuple.getMessage());
    DatoliteException collection = assertThrows(DatoliteException.class,
        () -> Bindings.bind(new Binding.Collection(v("?x")), 5L, ":in input 1"));
    assertTrue(collection.getMessage().startsWith(":in input 1 must be a collection; got 5"), collection.getMessage());
  }

  @Test
  void normalize_widensIntOnly() {
    assertEquals(3L, Bindings.normalize(3));
    assertEquals((short) 3, Bindings.normalize((short) 3), "narrower than Resolver.normalize, as it always was");
    assertEquals("x", Bindings.normalize("x"));
  }

  @Test
  void join_onSharedVariables_orTheCrossProduct() {
    Relation left = rel("?a", row(1L), row(2L));
    Relation right = rel("?a ?b", row(1L, 10L), row(1L, 11L), row(3L, 30L));
    Relation joined = Bindings.join(left, right, BUDGET);
    assertEquals("?a ?b", vars(joined));
    assertEquals(Set.of(List.of(1L, 10L), List.of(1L, 11L)), rows(joined));
    Relation cross = Bindings.join(left, rel("?c", row("x"), row("y")), BUDGET);
    assertEquals(4, cross.rows.size());
    QueryBudget small = QueryBudget.startingNow(new QueryLimits(null, 3));
    assertEquals("54000", assertThrows(DatoliteException.class,
        () -> Bindings.join(left, rel("?c", row("x"), row("y")), small)).sqlState());
  }

  @Test
  void fold_writesScalarInputsIntoTopLevelClauses() {
    List<Clause> where = List.of(new Clause.Pattern("$", List.of(v("?e"), new Term.Constant("a"), v("?n"))),
        new Clause.Predicate(">", List.of(v("?n"), v("?m"))),
        new Clause.Not(null, null, List.of(new Clause.Pattern("$", List.of(v("?e"), v("?n"))))));
    List<Clause> folded = Bindings.fold(where, Map.of(v("?n"), 7L));
    assertEquals(new Clause.Pattern("$", List.of(v("?e"), new Term.Constant("a"), new Term.Constant(7L))),
        folded.get(0));
    assertEquals(new Clause.Predicate(">", List.of(new Term.Constant(7L), v("?m"))), folded.get(1));
    assertEquals(where.get(2), folded.get(2), "not the clauses inside not, or and and");
    assertEquals(where, Bindings.fold(where, Map.of()));
  }
}
