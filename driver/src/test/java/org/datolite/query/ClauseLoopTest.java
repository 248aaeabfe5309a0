package org.datolite.query;

import static org.datolite.query.Relations.rows;
import static org.datolite.query.Relations.v;
import static org.datolite.query.Relations.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The clause loop alone, over collection sources: bodies in the written and the planned order,
 * filters waiting for their variables, not/or/and, and variables dropped once nothing needs them.
 */
class ClauseLoopTest {
  /** Parent → child. */
  private static final List<List<Object>> EDGES = List.of(List.of("a", "b"), List.of("b", "c"), List.of("b", "d"),
      List.of("x", "y"));

  private static Relation evaluate(String where, Set<Term.Var> needed, QueryLimits limits) {
    Map<String, Object> sources = new HashMap<>(Map.of("$", EDGES));
    ClauseLoop loop = new ClauseLoop(sources, new LinkedHashMap<>(), QueryBudget.startingNow(limits));
    List<Clause> body = QueryParser.parse("[:find ?g :where " + where + "]").where();
    return loop.evaluate(body, Relation.unit(), needed);
  }

  @Test
  void variablesNothingNeeds_areDroppedAsSoonAsPossible() {
    // After [?p ?c], no clause reads ?p and the caller needs ?g only: ?p goes, and the two
    // bindings (a b c) (a b d) become (a c) (a d); ?c stays until the filter that reads it ran.
    Relation r = evaluate("[?g ?p] [?p ?c] [(!= ?c \"z\")]", Set.of(v("?g")),
        QueryLimits.DEFAULT.withWrittenOrder(true));
    assertEquals("?g ?c", vars(r));
    assertEquals(Set.of(List.of("a", "c"), List.of("a", "d")), rows(r));
    Relation kept = evaluate("[?g ?p] [?p ?c] [(!= ?p \"q\")]", Set.of(v("?g")),
        QueryLimits.DEFAULT.withWrittenOrder(true));
    assertEquals("?g ?p", vars(kept), "?p is read by the filter, ?c by nothing");
    assertEquals(Set.of(List.of("a", "b")), rows(kept), "deduplicated");
  }

  @Test
  void aFilterWaitsForItsVariables_inEitherOrder() {
    for (QueryLimits limits : List.of(QueryLimits.DEFAULT, QueryLimits.DEFAULT.withWrittenOrder(true))) {
      Relation r = evaluate("[(!= ?c \"d\")] [?g ?p] [?p ?c]", null, limits);
      assertEquals(Set.of(List.of("a", "c")), rows(projected(r, "?g", "?c")), limits.toString());
    }
  }

  @Test
  void notOrAndAnd() {
    Relation leaves = evaluate("[?p ?g] (not [?g _])", Set.of(v("?g")), QueryLimits.DEFAULT);
    assertEquals(Set.of(List.of("c"), List.of("d"), List.of("y")), rows(projected(leaves, "?g")));
    Relation either = evaluate("[?g ?c] (or-join [?g ?c] [(= ?c \"c\")] (and [(= ?g \"x\")] [(= ?c \"y\")]))",
        Set.of(v("?g")), QueryLimits.DEFAULT);
    assertEquals(Set.of(List.of("b"), List.of("x")), rows(projected(either, "?g")));
  }

  @Test
  void anEmptyRelation_endsTheBody_withEveryVariableItWouldBind() {
    Relation r = evaluate("[?g \"nothing\"] [?g ?c]", null, QueryLimits.DEFAULT.withWrittenOrder(true));
    assertEquals(0, r.rows.size());
    assertEquals("?g ?c", vars(r));
  }

  private static Relation projected(Relation r, String... names) {
    List<Term.Var> keep = new ArrayList<>();
    for (String n : names) {
      keep.add(v(n));
    }
    return r.project(keep);
  }
}
