package org.datolite.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.datolite.DatoliteException;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;

/** The Datalog grammar, form by form, and every malformed query getting a clear error. */
class QueryParserTest {
  private static Term.Var v(String name) {
    return new Term.Var(name);
  }

  @Test
  void findShapes() {
    assertEquals(Query.Shape.RELATION, QueryParser.parse("[:find ?e ?n :where [?e :a/n ?n]]").find().shape());
    assertEquals(Query.Shape.COLLECTION, QueryParser.parse("[:find [?n ...] :where [_ :a/n ?n]]").find().shape());
    assertEquals(Query.Shape.TUPLE, QueryParser.parse("[:find [?e ?n] :where [?e :a/n ?n]]").find().shape());
    Query scalar = QueryParser.parse("[:find ?n . :where [_ :a/n ?n]]");
    assertEquals(Query.Shape.SCALAR, scalar.find().shape());
    assertEquals(List.of(new Query.VarElement(v("?n"))), scalar.find().elements());
    Query map = QueryParser.parse("{:find [?e] :in [$ ?n] :where [[?e :a/n ?n]]}");
    assertEquals(Query.Shape.RELATION, map.find().shape());
    assertEquals(List.of(new Query.SourceInput("$"), new Query.BindingInput(new Binding.Scalar(v("?n")))), map.inputs());
  }

  @Test
  void aggregatesPullAndReturnMaps() {
    Query q = QueryParser.parse("[:find ?a (count ?e) (max 3 ?n) (pull ?e [*]) :keys a c m p :with ?x"
        + " :where [?e :a/n ?n] [?e :a/a ?a] [?e :a/x ?x]]");
    List<Query.Element> els = q.find().elements();
    assertEquals(new Query.Aggregate("count", List.of(v("?e"))), els.get(1));
    assertEquals(new Query.Aggregate("max", List.of(new Term.Constant(3L), v("?n"))), els.get(2));
    assertInstanceOf(Query.Pull.class, els.get(3));
    assertEquals("$", ((Query.Pull) els.get(3)).source());
    assertEquals(new Query.ReturnMaps(Query.ReturnMaps.Kind.KEYS, List.of("a", "c", "m", "p")), q.returnMaps());
    assertEquals(List.of(v("?x")), q.with());
    assertEquals(Query.ReturnMaps.Kind.STRS,
        QueryParser.parse("{:find [?e] :strs [e] :where [[?e :a/n]]}").returnMaps().kind());
  }

  @Test
  void inputBindings_allFourForms_sourcesAndRules() {
    Query q = QueryParser.parse("[:find ?e :in $ $h % ?s [?a ?b] [?c ...] [[?d _]] :where [?e :x/y ?s]"
        + " [?e :x/a ?a] [?e :x/b ?b] [?e :x/c ?c] [?e :x/d ?d] [$h ?e :x/h]]");
    assertEquals(List.of(new Query.SourceInput("$"), new Query.SourceInput("$h"), new Query.RulesInput(),
        new Query.BindingInput(new Binding.Scalar(v("?s"))),
        new Query.BindingInput(new Binding.Tuple(List.of(v("?a"), v("?b")))),
        new Query.BindingInput(new Binding.Collection(v("?c"))),
        new Query.BindingInput(new Binding.Relation(List.of(v("?d"), new Term.Blank())))), q.inputs());
    assertEquals(new Clause.Pattern("$h", List.of(v("?e"), new Term.Constant(Keyword.of("x/h")))), q.where().get(5));
  }

  @Test
  void clauses_everyForm() {
    Query q = QueryParser.parse("[:find ?e :where [?e :p/age ?age] [(> ?age 21)] [(str ?age \"y\") ?s]"
        + " [(tuple ?e ?age) [?t1 ?t2]] [?e :p/tags ?tag ?tx true]"
        + " (not [?e :p/banned true]) (not-join [?e] [?o :o/owner ?e] [?o :o/bad true])"
        + " (or [?e :p/a 1] (and [?e :p/b 2] [?e :p/c 3])) (or-join [?e] [?e :p/x ?z] [?e :p/y ?w])"
        + " (friend ?e ?f) ($h friend ?f ?g)]");
    List<Clause> w = q.where();
    assertEquals(new Clause.Predicate(">", List.of(v("?age"), new Term.Constant(21L))), w.get(1));
    assertEquals(new Clause.Function("str", List.of(v("?age"), new Term.Constant("y")), new Binding.Scalar(v("?s"))),
        w.get(2));
    assertInstanceOf(Binding.Tuple.class, ((Clause.Function) w.get(3)).binding());
    assertEquals(5, ((Clause.Pattern) w.get(4)).terms().size());
    assertEquals(null, ((Clause.Not) w.get(5)).join());
    assertEquals(List.of(v("?e")), ((Clause.Not) w.get(6)).join());
    assertInstanceOf(Clause.And.class, ((Clause.Or) w.get(7)).branches().get(1));
    assertEquals(List.of(v("?e")), ((Clause.Or) w.get(8)).join());
    assertEquals(new Clause.RuleCall("$", "friend", List.of(v("?e"), v("?f"))), w.get(9));
    assertEquals("$h", ((Clause.RuleCall) w.get(10)).source());
  }

  @Test
  void rules_severalDefinitions_requiredVariables_recursion() {
    List<Rule> rules = QueryParser.parseRules("[[(follows ?a ?b) [?a :p/follows ?b]]"
        + " [(follows ?a ?b) [?a :p/follows ?x] (follows ?x ?b)]"
        + " [(adult [?p] ?age) [?p :p/age ?age] [(>= ?age 18)]]]");
    assertEquals(3, rules.size());
    assertEquals("follows", rules.get(1).name());
    assertEquals(List.of(v("?p")), rules.get(2).required());
    assertEquals(List.of(v("?p"), v("?age")), rules.get(2).head());
  }

  private static String error(String query) {
    DatoliteException e = assertThrows(DatoliteException.class, () -> QueryParser.parse(query));
    assertEquals("42601", e.sqlState());
    return e.getMessage();
  }

  @Test
  void malformedQueries_sayWhatAndWhere() {
    assertTrue(error("[:find ?e :where [?e :a").startsWith("query: EDN syntax error at line 1"));
    assertEquals("query has no :find; expected [:find ?var … :where …]", error("[:where [?e :a/b]]"));
    assertEquals("query must start with :find; got ?e", error("[?e :find ?e]"));
    assertEquals("query section :order-by is unknown; expected :find, :keys, :syms, :strs, :with, :in or :where",
        error("[:find ?e :order-by ?e :where [?e :a/b]]"));
    assertEquals("query section :where appears twice", error("[:find ?e :where [?e :a/b] :where [?e :a/c]]"));
    assertEquals(":find variable ?x is not bound by :in or :where", error("[:find ?x :where [?e :a/b]]"));
    assertEquals(":with variable ?y is not bound by :in or :where", error("[:find ?e :with ?y :where [?e :a/b]]"));
    assertTrue(error("[:find ?e :where [(> ?age 1)] [?e :a/b]]").startsWith(
        ":where clause 1 [(> …)]: variable ?age is not bound"));
    assertTrue(error("[:find ?e :where [?e :a/b ?x] (or [?e :a/c ?y] [?e :a/d ?z])]").startsWith(
        ":where clause 2: (or) branches bind different variables"));
    assertTrue(error("[:find ?e :where [?e :a/b] (not [?x :a/c 1])]").startsWith(
        ":where clause 2: (not …) shares no variable"));
    assertEquals(":where clause 1: pattern [?e :a/b ?v ?t true 1] has 6 terms; expected 1 to 5 ([e a v tx added])",
        error("[:find ?e :where [?e :a/b ?v ?t true 1]]"));
    assertTrue(error("[:find ?e :where [?e foo ?v]]").startsWith("symbol foo is not a variable"));
    assertEquals(":keys gives 1 names for 2 :find elements", error("[:find ?e ?v :keys e :where [?e :a/b ?v]]"));
    assertTrue(error("[:find ?e ?v . :where [?e :a/b ?v]]").contains("belongs after a single element"));
    assertTrue(error("[:find ?e :where \"text\"]").startsWith(":where clause 1: \"text\" is not a clause"));
    assertTrue(error("[:find (count) :where [?e :a/b]]").contains("an aggregate needs a variable"));
    assertTrue(error("[:find ?e :in [] :where [?e :a/b]]").startsWith(":in tuple binding is empty"));
    assertTrue(error("{:find [?e] :sort [?e] :where [[?e :a/b]]}").startsWith("query map key :sort is unknown"));
    assertTrue(error("\"not a query\"").startsWith("a query is a vector"));
  }

  @Test
  void malformedRules_sayWhich() {
    DatoliteException e = assertThrows(DatoliteException.class,
        () -> QueryParser.parseRules("[[(r ?a ?b) [?a :x/y 1]]]"));
    assertEquals("rule definition 1: rule r never binds its head variable ?b in its body", e.getMessage());
    assertTrue(assertThrows(DatoliteException.class, () -> QueryParser.parseRules("[(r ?a) [?a :x/y]]"))
        .getMessage().startsWith("rule definition 1: (r ?a) is not [(name ?a …) clause …]"));
    assertTrue(assertThrows(DatoliteException.class, () -> QueryParser.parseRules(
        "[[(r ?a ?b) (or [?a :x/y ?b] (and [?a :x/y ?c] (r ?c ?b)))]]")).getMessage()
        .startsWith("rule definition 1 r clause 1: (or) branches bind different variables"));
    assertTrue(assertThrows(DatoliteException.class, () -> QueryParser.parseRules("{:a 1}"))
        .getMessage().startsWith("rules must be a vector"));
  }
}
