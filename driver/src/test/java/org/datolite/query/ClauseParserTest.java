package org.datolite.query;

import static org.datolite.query.Relations.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.datolite.DatoliteException;
import org.datolite.edn.Edn;
import org.datolite.edn.Symbol;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The forms inside a query (ClauseParser) and the checks across its clauses (QueryChecks), each alone. */
class ClauseParserTest {
  private static Clause clause(String edn) {
    return ClauseParser.clause(Edn.read(edn), ":where clause 1", 0);
  }

  private static DatoliteException fails(String sqlState, Executable parse) {
    DatoliteException e = assertThrows(DatoliteException.class, parse);
    assertEquals(sqlState, e.sqlState(), e.getMessage());
    return e;
  }

  @Test
  void clauseForms() {
    assertEquals(new Clause.Pattern("$h", List.of(v("?e"), new Term.Constant(Keyword.of("a/b")), new Term.Blank())),
        clause("[$h ?e :a/b _]"));
    assertEquals(new Clause.Predicate(">", List.of(v("?a"), new Term.Constant(1L))), clause("[(> ?a 1)]"));
    assertEquals(new Clause.Function("str", List.of(v("?a")), new Binding.Collection(v("?s"))),
        clause("[(str ?a) [?s ...]]"));
    assertEquals(new Clause.RuleCall("$", "r", List.of(v("?a"), new Term.Constant("x"))), clause("(r ?a \"x\")"));
    Clause.Or or = (Clause.Or) clause("(or-join [[?a] ?b] [?a :x ?b] (and [?a :y ?b]))");
    assertEquals(List.of(v("?a"), v("?b")), or.join());
    assertTrue(or.branches().get(1) instanceof Clause.And);
  }

  @Test
  void malformedForms_say42601AndWhere() {
    assertTrue(fails("42601", () -> clause("[?e :a ?v ?tx true 1]")).getMessage()
        .startsWith(":where clause 1: pattern [?e :a ?v ?tx true 1] has 6 terms"));
    assertTrue(fails("42601", () -> clause("[(subs ?s) ?t]")).getMessage().contains("takes 2 or 3 arguments; got 1"));
    assertTrue(fails("42601", () -> ClauseParser.term(Symbol.of("foo"))).getMessage()
        .startsWith("symbol foo is not a variable"));
    fails("42601", () -> ClauseParser.binding(5L, ":in"));
    String deep = "(not ".repeat(QueryLimits.MAX_CLAUSE_NESTING + 1) + "[?e :a ?v]" + ")".repeat(
        QueryLimits.MAX_CLAUSE_NESTING + 1);
    fails("54001", () -> clause(deep));
  }

  @Test
  void rules_bindTheirHeads() {
    Rule r = ClauseParser.rule(Edn.read("[(r [?a] ?b) [?a :x ?b]]"), "rule definition 1");
    assertEquals(List.of(v("?a")), r.required());
    assertEquals(List.of(v("?a"), v("?b")), r.head());
    assertTrue(fails("42601", () -> ClauseParser.rule(Edn.read("[(r ?a ?c) [?a :x ?b]]"), "rule definition 1"))
        .getMessage().contains("never binds its head variable ?c"));
  }

  @Test
  void checksAcrossClauses() {
    Set<Term.Var> bound = new LinkedHashSet<>(List.of(v("?a")));
    QueryChecks.checkReads(clause("[(> ?a 1)]"), bound, ":where clause 2");
    assertTrue(fails("42601", () -> QueryChecks.checkReads(clause("[(> ?z 1)]"), bound, ":where clause 2"))
        .getMessage().startsWith(":where clause 2 [(> …)]: variable ?z is not bound"));
    assertTrue(fails("42601", () -> QueryChecks.checkReads(clause("(not [?x :y ?z])"), bound, ":where clause 3"))
        .getMessage().contains("(not …) shares no variable"));
    assertTrue(fails("42601", () -> QueryChecks.checkReads(clause("(or [?a :x ?b] [?a :y ?c])"), bound,
        ":where clause 4")).getMessage().contains("(or) branches bind different variables"));
    Query q = new Query(new Query.Find(Query.Shape.RELATION, List.of(new Query.VarElement(v("?nowhere")))), null,
        List.of(), List.of(new Query.SourceInput("$")), List.of(clause("[?a :x ?b]")));
    assertEquals(":find variable ?nowhere is not bound by :in or :where",
        fails("42601", () -> QueryChecks.check(q)).getMessage());
  }
}
