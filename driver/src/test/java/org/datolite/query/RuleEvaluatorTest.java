package org.datolite.query;

import static org.datolite.query.Relations.rows;
import static org.datolite.query.Relations.v;
import static org.datolite.query.Relations.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.DatoliteException;
import org.junit.jupiter.api.Test;

/**
 * Rules alone, over a collection of edges (no database: neither a search nor an index read): the
 * semi-naive fixpoint of a recursive rule, demand through magic sets, and the errors of calls.
 * Edges: 1 → 2 → 3 → 1 (a cycle) and 4 → 5.
 */
class RuleEvaluatorTest {
  private static final List<List<Object>> EDGES = List.of(List.of(1L, 2L), List.of(2L, 3L), List.of(3L, 1L),
      List.of(4L, 5L));
  private static final String RULES = "[[(reach ?a ?b) [?a ?b]] [(reach ?a ?b) (reach ?a ?x) [?x ?b]]]";

  private static RuleEvaluator rules(String text) {
    Map<String, Object> sources = new HashMap<>(Map.of("$", EDGES));
    Map<String, List<Rule>> byName = new LinkedHashMap<>();
    for (Rule r : QueryParser.parseRules(text)) {
      byName.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
    }
    return new ClauseLoop(sources, byName, QueryBudget.startingNow(QueryLimits.DEFAULT)).rules();
  }

  @Test
  void ruleValue_theFixpointOfARecursiveRule_endsOnACycle() {
    Relation all = rules(RULES).ruleValue("reach");
    Set<List<Object>> expected = new HashSet<>();
    for (long a = 1; a <= 3; a++) {
      for (long b = 1; b <= 3; b++) {
        expected.add(List.of(a, b));
      }
    }
    expected.add(List.of(4L, 5L));
    assertEquals(expected, rows(all));
    assertEquals("?%0 ?%1", vars(all), "positional columns");
  }

  @Test
  void ruleCall_withABoundArgument_derivesWhatItReaches() {
    RuleEvaluator rules = rules(RULES);
    Clause.RuleCall call = new Clause.RuleCall("$", "reach", List.of(new Term.Constant(4L), v("?b")));
    Relation out = rules.ruleCall(call, Relation.unit());
    assertEquals("?b", vars(out));
    assertEquals(Set.of(List.of(5L)), rows(out));
    Relation from1 = rules.ruleCall(new Clause.RuleCall("$", "reach", List.of(v("?a"), v("?b"))),
        Relations.rel("?a", Relations.row(1L)));
    assertEquals(Set.of(List.of(1L, 1L), List.of(1L, 2L), List.of(1L, 3L)), rows(from1), "?a bound by the bindings");
  }

  @Test
  void ruleCall_repeatedVariablesAndConstants_mustAgree() {
    RuleEvaluator rules = rules(RULES);
    Relation loops = rules.ruleCall(new Clause.RuleCall("$", "reach", List.of(v("?a"), v("?a"))), Relation.unit());
    assertEquals(Set.of(List.of(1L), List.of(2L), List.of(3L)), rows(loops), "the entities on a cycle");
  }

  @Test
  void ruleCall_unknownRulesAndWrongArity_are42601() {
    RuleEvaluator rules = rules(RULES);
    DatoliteException unknown = assertThrows(DatoliteException.class,
        () -> rules.ruleCall(new Clause.RuleCall("$", "nope", List.of(v("?a"))), Relation.unit()));
    assertEquals("42601", unknown.sqlState());
    assertTrue(unknown.getMessage().startsWith("unknown rule nope; the rules define [reach]"), unknown.getMessage());
    DatoliteException arity = assertThrows(DatoliteException.class,
        () -> rules.ruleCall(new Clause.RuleCall("$", "reach", List.of(v("?a"))), Relation.unit()));
    assertEquals("rule reach takes 2 arguments; (reach …) gives 1", arity.getMessage());
  }
}
