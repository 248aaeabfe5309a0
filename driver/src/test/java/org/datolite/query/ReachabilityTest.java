package org.datolite.query;

import static org.datolite.query.Relations.rel;
import static org.datolite.query.Relations.row;
import static org.datolite.query.Relations.rows;
import static org.datolite.query.Relations.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.Database;
import org.datolite.QueryFixture;
import org.datolite.TxReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The breadth-first search of closure rules, alone, on a chain with a cycle: 0 → 1 → 2 → 3 → 1. */
class ReachabilityTest {
  private static final String RULES = "[[(reach ?a ?b) [?a :g/next ?b]] [(reach ?a ?b) (reach ?a ?x) [?x :g/next ?b]]]";
  private static QueryFixture graph;
  private static long[] n = new long[4];

  @BeforeAll
  static void load() {
    graph = QueryFixture.memory("reachability");
    graph.transact("[{:db/ident :g/next :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}"
        + " {:db/ident :g/n :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
    TxReport r = graph.transact("[{:db/id \"n0\" :g/n 0 :g/next \"n1\"} {:db/id \"n1\" :g/n 1 :g/next \"n2\"}"
        + " {:db/id \"n2\" :g/n 2 :g/next \"n3\"} {:db/id \"n3\" :g/n 3 :g/next \"n1\"}]");
    for (int i = 0; i < n.length; i++) {
      n[i] = r.tempids().get("n" + i);
    }
  }

  @AfterAll
  static void close() {
    graph.close();
  }

  private static Relation search(Database db, String rules, boolean forward, Relation starts, QueryBudget budget) {
    Clause.RuleCall call = new Clause.RuleCall("$", "reach", List.of(v("?a"), v("?b")));
    boolean[] bound = forward ? new boolean[] {true, false} : new boolean[] {false, true};
    return Reachability.search(call, QueryParser.parseRules(rules), bound, starts, Map.of("$", db), budget);
  }

  @Test
  void forwards_everyEntityReachedOnce_throughCycles() {
    QueryBudget budget = QueryBudget.startingNow(QueryLimits.DEFAULT);
    Relation reached = search(graph.db(), RULES, true, rel("?a", row(n[0]), row(n[2])), budget);
    assertEquals(Set.of(List.of(n[0], n[1]), List.of(n[0], n[2]), List.of(n[0], n[3]),
        List.of(n[2], n[3]), List.of(n[2], n[1]), List.of(n[2], n[2])), rows(reached));
    assertEquals(true, budget.seeks > 0 && budget.datomsRead >= 6, "the work is counted");
  }

  @Test
  void backwards_throughTheEntitiesPointingHere() {
    Relation reached = search(graph.db(), RULES, false, rel("?b", row(n[1])),
        QueryBudget.startingNow(QueryLimits.DEFAULT));
    assertEquals(Set.of(List.of(n[0], n[1]), List.of(n[3], n[1]), List.of(n[2], n[1]), List.of(n[1], n[1])),
        rows(reached));
  }

  @Test
  void leavesToTheFixpoint_whatASearchCannotAnswer() {
    QueryBudget budget = QueryBudget.startingNow(QueryLimits.DEFAULT);
    assertNull(search(graph.db().history(), RULES, true, rel("?a", row(n[0])), budget), "history shows retractions");
    assertNull(search(graph.db(), RULES.replace(":g/next", ":g/n"), true, rel("?a", row(n[0])), budget),
        "not a ref attribute");
    assertNull(search(graph.db(), RULES, true, rel("?a", row("n0")), budget), "a start that is not an entity");
    assertNull(search(graph.db(), "[[(reach ?a ?b) [?a :g/next ?b]]]", true, rel("?a", row(n[0])), budget),
        "not a closure");
    List<Object[]> many = new ArrayList<>();
    for (long i = 0; i <= Reachability.MAX_STARTS; i++) {
      many.add(row(n[0] + 1000 + i));
    }
    assertNull(search(graph.db(), RULES, true, new Relation(List.of(v("?a")), many), budget),
        "more starts than one search each is worth");
  }
}
