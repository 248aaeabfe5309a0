package org.datolite.query;

import static org.datolite.query.Relations.rel;
import static org.datolite.query.Relations.row;
import static org.datolite.query.Relations.rows;
import static org.datolite.query.Relations.v;
import static org.datolite.query.Relations.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.QueryFixture;
import org.datolite.TxReport;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Predicate and function clauses alone: pure functions, the database and log functions, nested queries. */
class BuiltInsTest {
  private static QueryFixture people;
  private static long ann;
  private static TxReport data;

  @BeforeAll
  static void load() {
    people = QueryFixture.memory("built-ins");
    people.transact(QueryFixture.PEOPLE_SCHEMA);
    data = people.transact("[{:db/id \"a\" :p/name \"Ann\" :p/age 30} {:db/id \"b\" :p/name \"Bob\"}]");
    ann = data.tempids().get("a");
  }

  @AfterAll
  static void close() {
    people.close();
  }

  private static BuiltIns builtIns(QueryBudget budget) {
    return new BuiltIns(Map.of("$", people.db()), budget);
  }

  private static BuiltIns builtIns() {
    return builtIns(QueryBudget.startingNow(QueryLimits.DEFAULT));
  }

  private static List<Term> args(Object... terms) {
    List<Term> out = new ArrayList<>();
    for (Object t : terms) {
      out.add(t instanceof Term term ? term : new Term.Constant(t));
    }
    return out;
  }

  @Test
  void filter_keepsTheBindingsAPredicateIsTrueFor() {
    Relation r = builtIns().filter(new Clause.Predicate(">", args(v("?n"), 2)), rel("?n", row(1L), row(3L), row(5L)));
    assertEquals(Set.of(List.of(3L), List.of(5L)), rows(r));
  }

  @Test
  void bindResults_joinsEachBindingWithWhatTheFunctionGives() {
    Relation r = builtIns().bindResults(new Clause.Function("+", args(v("?n"), 1), new Binding.Scalar(v("?m"))),
        rel("?n", row(1L), row(2L)));
    assertEquals("?n ?m", vars(r));
    assertEquals(Set.of(List.of(1L, 2L), List.of(2L, 3L)), rows(r));
    Relation tuples = builtIns().bindResults(new Clause.Function("vector", args(v("?n"), "x"),
        new Binding.Tuple(List.of(v("?a"), v("?b")))), rel("?n", row(1L)));
    assertEquals(Set.of(List.of(1L, 1L, "x")), rows(tuples));
  }

  @Test
  void databaseFunctions_readTheSource() {
    Relation rows = rel("?e", row(ann), row(data.tempids().get("b")));
    Relation missing = builtIns().filter(new Clause.Predicate("missing?",
        args(new Term.Source("$"), v("?e"), Keyword.of("p/age"))), rows);
    assertEquals(Set.of(List.of(data.tempids().get("b"))), rows(missing));
    Relation ages = builtIns().bindResults(new Clause.Function("get-else",
        args(new Term.Source("$"), v("?e"), Keyword.of("p/age"), 0L), new Binding.Scalar(v("?a"))), rows);
    assertEquals(Set.of(List.of(ann, 30L), List.of(data.tempids().get("b"), 0L)), rows(ages));
    assertEquals("22023", assertThrows(DatoliteException.class, () -> builtIns().bindResults(new Clause.Function(
        "get-else", args(new Term.Source("$"), v("?e"), Keyword.of("p/tag"), 0L), new Binding.Scalar(v("?a"))),
        rows)).sqlState(), "get-else of a cardinality-many attribute");
  }

  @Test
  void logFunctions_readTheLogOfADatabase() {
    Relation tx = builtIns().bindResults(new Clause.Function("tx-ids", args(new Term.Source("$"), data.t(), null),
        new Binding.Collection(v("?tx"))), Relation.unit());
    assertEquals(Set.of(List.of(data.tx())), rows(tx));
    Relation datoms = builtIns().bindResults(new Clause.Function("tx-data", args(new Term.Source("$"), data.tx()),
        new Binding.Relation(List.of(v("?e"), v("?a"), v("?v"), new Term.Blank(), v("?added")))), Relation.unit());
    assertEquals(data.txData().size(), datoms.rows.size());
  }

  @Test
  void nestedQueries_runWithinTheBudget_oneLevelDeeper() {
    Relation r = builtIns().bindResults(new Clause.Function("q", args("[:find ?n . :in $ ?e :where [?e :p/name ?n]]",
        new Term.Source("$"), ann), new Binding.Scalar(v("?n"))), Relation.unit());
    assertEquals(Set.of(List.of("Ann")), rows(r));
    QueryBudget deep = QueryBudget.startingNow(QueryLimits.DEFAULT);
    for (int i = 0; i < QueryLimits.MAX_QUERY_NESTING; i++) {
      deep = deep.forNestedQuery();
    }
    BuiltIns atTheLimit = builtIns(deep);
    DatoliteException e = assertThrows(DatoliteException.class, () -> atTheLimit.bindResults(new Clause.Function("q",
        args("[:find ?x . :in ?x]", 1L), new Binding.Scalar(v("?x"))), Relation.unit()));
    assertEquals("54001", e.sqlState());
  }

  @Test
  void unknownFunctions_are42883() {
    assertEquals("42883", assertThrows(DatoliteException.class, () -> builtIns().filter(
        new Clause.Predicate("frobnicate", args(1L)), Relation.unit())).sqlState());
  }
}
