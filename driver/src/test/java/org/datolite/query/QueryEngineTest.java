package org.datolite.query;

import static org.datolite.QueryFixture.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.datolite.Database;
import org.datolite.Datolite;
import org.datolite.DatoliteConnection;
import org.datolite.DatoliteException;
import org.datolite.QueryFixture;
import org.datolite.TxReport;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Datalog evaluation, clause form by clause form, with exact results on a small database. */
class QueryEngineTest {
  private static QueryFixture people;
  private static Database db;
  private static long ann;
  private static long bob;
  private static long cid;
  private static long dee;
  private static TxReport first;

  @BeforeAll
  static void load() {
    people = QueryFixture.memory("query");
    people.transact(QueryFixture.PEOPLE_SCHEMA);
    first = people.transact("[{:db/id \"a\" :p/name \"Ann\" :p/age 30 :p/tag [:x :y] :p/sex :sex/f}"
        + " {:db/id \"b\" :p/name \"Bob\" :p/age 25 :p/tag [:x] :p/friend [\"a\"] :p/sex :sex/m}"
        + " {:db/id \"c\" :p/name \"Cid\" :p/age 30 :p/friend [\"a\" \"b\"] :p/sex :sex/m}"
        + " {:db/id \"d\" :p/name \"Dee\" :p/age 41}]");
    ann = first.tempids().get("a");
    bob = first.tempids().get("b");
    cid = first.tempids().get("c");
    dee = first.tempids().get("d");
    people.transact("[[:db/add " + dee + " :p/age 42]]");
    db = people.db();
  }

  @AfterAll
  static void close() {
    people.close();
  }

  @Test
  void findShapes() {
    assertEquals(Set.of(List.of(ann, "Ann"), List.of(cid, "Cid")),
        set(db.q("[:find ?e ?n :where [?e :p/age 30] [?e :p/name ?n]]")));
    assertEquals(Set.of("Ann", "Cid"), set(db.q("[:find [?n ...] :where [?e :p/age 30] [?e :p/name ?n]]")));
    assertEquals(List.of("Bob", 25L), db.q("[:find [?n ?a] :where [?e :p/name \"Bob\"] [?e :p/name ?n] [?e :p/age ?a]]"));
    assertEquals(42L, db.q("[:find ?a . :where [?e :p/name \"Dee\"] [?e :p/age ?a]]"));
    assertNull(db.q("[:find ?a . :where [?e :p/name \"Nobody\"] [?e :p/age ?a]]"));
    assertEquals(List.of(), db.q("[:find ?e :where [?e :p/name \"Nobody\"]]"));
    assertEquals(Set.of(Map.of(Keyword.of("name"), "Bob", Keyword.of("age"), 25L)),
        set(db.q("[:find ?n ?a :keys name age :where [?e :p/name \"Bob\"] [?e :p/name ?n] [?e :p/age ?a]]")));
    assertEquals(Set.of(Map.of("n", "Bob")), set(db.q("{:find [?n] :strs [n] :where [[_ :p/age 25] [?e :p/name ?n]"
        + " [?e :p/age 25]]}")));
  }

  @Test
  void inputs_scalarTupleCollectionRelation_andCollectionSources() {
    assertEquals(Set.of(ann), set(db.q("[:find [?e ...] :in $ ?n :where [?e :p/name ?n]]", "Ann")));
    assertEquals(Set.of(cid), set(db.q("[:find [?e ...] :in $ [?n ?a] :where [?e :p/name ?n] [?e :p/age ?a]]",
        List.of("Cid", 30))));
    assertEquals(Set.of(ann, bob), set(db.q("[:find [?e ...] :in $ [?n ...] :where [?e :p/name ?n]]",
        List.of("Ann", "Bob", "Zed"))));
    assertEquals(Set.of(List.of(ann, "red"), List.of(dee, "blue")),
        set(db.q("[:find ?e ?c :in $ [[?n ?c]] :where [?e :p/name ?n]]", List.of(List.of("Ann", "red"),
            List.of("Dee", "blue")))));
    assertEquals(Set.of(List.of("Ann", 7L)), set(Datolite.q("[:find ?n ?score :in $ $scores :where [?e :p/name ?n]"
        + " [$scores ?n ?score]]", db, List.of(List.of("Ann", 7L), List.of("Zed", 1L)))));
    DatoliteException count = assertThrows(DatoliteException.class, () -> db.q("[:find ?e :in $ ?n :where [?e :p/name ?n]]"));
    assertEquals("the query takes 2 inputs ($ ?n); got 1", count.getMessage());
    assertEquals("the query takes 3 inputs ($ [?a ?b] [[?c _]]); got 1", assertThrows(DatoliteException.class,
        () -> db.q("[:find ?a :in $ [?a ?b] [[?c _]] :where [?e :p/age ?a]]")).getMessage());
  }

  @Test
  void joins_refsAndIdents() {
    assertEquals(Set.of("Bob", "Cid"), set(db.q("[:find [?n ...] :where [?a :p/name \"Ann\"] [?e :p/friend ?a]"
        + " [?e :p/name ?n]]")), "reverse through a ref");
    assertEquals(Set.of("Bob", "Cid"), set(db.q("[:find [?n ...] :where [?e :p/sex :sex/m] [?e :p/name ?n]]")),
        "an enum ident as a ref value");
    assertEquals(Set.of(List.of("Ann", "Cid")), set(db.q("[:find ?n1 ?n2 :where [?e1 :p/age ?a] [?e2 :p/age ?a]"
        + " [(< ?e1 ?e2)] [?e1 :p/name ?n1] [?e2 :p/name ?n2]]")), "a value join on age");
    assertEquals(Set.of(Keyword.of("x"), Keyword.of("y")), set(db.q("[:find [?t ...] :in $ ?e :where [?e :p/tag ?t]]",
        List.of(Keyword.of("p/name"), "Ann"))), "a lookup ref as input");
    DatoliteException unknown = assertThrows(DatoliteException.class, () -> db.q("[:find ?e :where [?e :p/nope]]"));
    assertEquals("42703", unknown.sqlState());
  }

  @Test
  void predicatesAndFunctions_inAnyOrder() {
    assertEquals(Set.of("Dee"), set(db.q("[:find [?n ...] :where [(> ?a 40)] [?e :p/age ?a] [?e :p/name ?n]]")),
        "a predicate written before what binds it waits for it");
    assertEquals(Set.of(List.of("Bob", 50L)), set(db.q("[:find ?n ?d :where [?e :p/name ?n] [?e :p/age ?a]"
        + " [(* ?a 2) ?d] [(< ?d 60)]]")));
    assertEquals(Set.of("Ann!"), set(db.q("[:find [?s ...] :where [?e :p/name \"Ann\"] [?e :p/name ?n]"
        + " [(str ?n \"!\") ?s]]")));
    assertEquals(Set.of(List.of("Ann", "A")), set(db.q("[:find ?n ?i :where [?e :p/name \"Ann\"] [?e :p/name ?n]"
        + " [(subs ?n 0 1) ?i]]")));
    assertEquals(Set.of(List.of(1L, 2L)), set(db.q("[:find ?x ?y :where [(ground [1 2]) [?x ?y]]]")));
    assertEquals(Set.of(1L, 2L, 3L), set(db.q("[:find [?x ...] :where [(ground [1 2 3]) [?x ...]]]")));
    assertEquals(Set.of("Cid", "Dee"), set(db.q("[:find [?n ...] :where [?e :p/name ?n] [(missing? $ ?e :p/tag)]]")));
    assertEquals(Set.of(List.of("Dee", Keyword.of("none"))), set(db.q("[:find ?n ?s :where [?e :p/name ?n]"
        + " [(get-else $ ?e :p/sex :none) ?s] [(= ?s :none)]]")));
    assertEquals(Set.of("Ann"), set(db.q("[:find [?n ...] :where [?e :p/name ?n] [(re-pattern \"^A\") ?re] [(re-find ?re ?n)]]")));
    DatoliteException fn = assertThrows(DatoliteException.class,
        () -> db.q("[:find ?e :where [?e :p/age ?a] [(no-such-fn ?a)]]"));
    assertEquals("42883", fn.sqlState());
    DatoliteException java = assertThrows(DatoliteException.class,
        () -> db.q("[:find ?e :where [?e :p/age ?a] [(java.lang.Math/abs ?a)]]"));
    assertEquals("42501", java.sqlState(), "Java methods are off unless a connection property allows them");
    DatoliteException type = assertThrows(DatoliteException.class,
        () -> db.q("[:find ?e :where [?e :p/name ?n] [(> ?n 3)]]"));
    assertEquals("22023", type.sqlState());
    assertTrue(type.getMessage().startsWith("cannot compare \"Ann\" (String) with 3 (Long)")
        || type.getMessage().contains("cannot compare"), type.getMessage());
  }

  @Test
  void notOrAnd() {
    assertEquals(Set.of("Ann", "Dee"), set(db.q("[:find [?n ...] :where [?e :p/name ?n] (not [?e :p/sex :sex/m])]")));
    assertEquals(Set.of("Ann", "Dee"), set(db.q("[:find [?n ...] :where [?e :p/name ?n]"
        + " (not-join [?e] [?e :p/friend ?f] [?f :p/name _])]")));
    assertEquals(Set.of("Ann", "Bob"), set(db.q("[:find [?n ...] :where [?e :p/name ?n]"
        + " (or [?e :p/tag :x] [?e :p/age 25])]")));
    assertEquals(Set.of("Cid", "Dee"), set(db.q("[:find [?n ...] :where [?e :p/name ?n]"
        + " (or (and [?e :p/age 30] [?e :p/sex :sex/m]) [?e :p/age 42])]")));
    assertEquals(Set.of("Bob", "Cid"), set(db.q("[:find [?n ...] :where [?e :p/name ?n]"
        + " (or-join [?e] [?e :p/friend ?f] [?e :p/age 25])]")));
  }

  @Test
  void aggregates_withAndGrouping() {
    assertEquals(4L, db.q("[:find (count ?e) . :where [?e :p/name]]"));
    assertEquals(Set.of(List.of(30L, 2L), List.of(25L, 1L), List.of(42L, 1L)),
        set(db.q("[:find ?a (count ?e) :where [?e :p/age ?a]]")));
    assertEquals(97L, db.q("[:find (sum ?a) . :where [_ :p/age ?a]]"), "a set: 30 counts once");
    assertEquals(127L, db.q("[:find (sum ?a) . :with ?e :where [?e :p/age ?a]]"), ":with keeps duplicates");
    assertEquals(List.of(25L, 30L, 42L), ((List<?>) db.q("[:find [(min 3 ?a)] :where [_ :p/age ?a]]")).get(0));
    assertEquals(List.of(25L, 42L, 30.0, 127L / 4.0, 4L), db.q("[:find [(min ?a) (max ?a) (median ?a) (avg ?a)"
        + " (count-distinct ?e)] :with ?e :where [?e :p/age ?a]]"));
    assertEquals(0L, db.q("[:find (count ?e) . :where [?e :p/name \"Nobody\"]]"));
    assertEquals(Set.of(Keyword.of("x"), Keyword.of("y")), db.q("[:find (distinct ?t) . :where [_ :p/tag ?t]]"));
  }

  @Test
  void historyAndAsOf() {
    assertEquals(41L, db.asOf(first.t()).q("[:find ?a . :where [?e :p/name \"Dee\"] [?e :p/age ?a]]"));
    assertEquals(Set.of(List.of(41L, true), List.of(41L, false), List.of(42L, true)),
        set(db.history().q("[:find ?a ?added :where [?e :p/name \"Dee\"] [?e :p/age ?a _ ?added]]")));
    assertEquals(Set.of(42L), set(db.since(first.t()).q("[:find [?a ...] :where [_ :p/age ?a]]")));
  }

  @Test
  void rules_severalDefinitions_recursion_andCycles() {
    String follows = "[[(follows ?a ?b) [?a :p/friend ?b]]"
        + " [(follows ?a ?b) [?a :p/friend ?x] (follows ?x ?b)]]";
    assertEquals(Set.of(List.of("Bob", "Ann"), List.of("Cid", "Ann"), List.of("Cid", "Bob")),
        set(db.q("[:find ?n1 ?n2 :in $ % :where (follows ?a ?b) [?a :p/name ?n1] [?b :p/name ?n2]]", follows)));
    assertEquals(Set.of("Ann", "Bob"), set(db.q("[:find [?n ...] :in $ % ?start :where (follows ?s ?b)"
        + " [?s :p/name ?start] [?b :p/name ?n]]", follows, "Cid")), "a bound argument");
    String tagged = "[[(tagged ?e) [?e :p/tag :x]] [(tagged ?e) [?e :p/age 42]]]";
    assertEquals(Set.of("Ann", "Bob", "Dee"), set(db.q("[:find [?n ...] :in $ % :where (tagged ?e) [?e :p/name ?n]]",
        tagged)), "two definitions: their union");
    // A cycle: 1 -> 2 -> 3 -> 1 as a collection source; reachability must terminate.
    String reach = "[[(reach ?a ?b) [$g ?a ?b]] [(reach ?a ?b) [$g ?a ?x] (reach ?x ?b)]]";
    Object result = Datolite.q("[:find ?a ?b :in $g % :where (reach ?a ?b)]",
        List.of(List.of(1L, 2L), List.of(2L, 3L), List.of(3L, 1L)), reach.replace("[$g", "[$g"));
    assertEquals(9, set(result).size(), "every node reaches every node on a cycle");
    String viaOr = "[[(linked ?a ?b) (or-join [?a ?b] [?a :p/friend ?b] (and [?a :p/friend ?x] (linked ?x ?b)))]]";
    assertEquals(Set.of("Ann", "Bob"), set(db.q("[:find [?n ...] :in $ % :where [?c :p/name \"Cid\"]"
        + " (linked ?c ?b) [?b :p/name ?n]]", viaOr)), "recursion inside or");
    assertEquals("42601", assertThrows(DatoliteException.class,
        () -> db.q("[:find ?e :in $ % :where (nope ?e)]", follows)).sqlState());
    assertTrue(assertThrows(DatoliteException.class,
        () -> db.q("[:find ?e :in $ % :where (follows ?e)]", follows)).getMessage()
        .startsWith("rule follows takes 2 arguments"));
  }

  @Test
  void keywordFunctions_nameNamespaceAndKeyword_asInDatomic() {
    assertEquals("b", db.q("[:find ?n . :where [(name :a/b) ?n]]"));
    assertEquals("a", db.q("[:find ?n . :where [(namespace :a/b) ?n]]"));
    assertNull(db.q("[:find ?n . :where [(namespace :b) ?n]]"), "nil binds nothing");
    assertEquals("s", db.q("[:find ?n . :where [(name \"s\") ?n]]"));
    assertEquals(Keyword.of(":a/b"), db.q("[:find ?k . :where [(keyword \"a\" \"b\") ?k]]"));
    assertEquals(Keyword.of(":a/b"), db.q("[:find ?k . :where [(keyword \"a/b\") ?k]]"));
    assertEquals(Keyword.of(":b"), db.q("[:find ?k . :where [(keyword \":b\") ?k]]"));
    // the attributes of one namespace, as a shell user asks for them
    Object attrs = db.q("[:find [?a ...] :where [?e :db/valueType] [?e :db/ident ?a] [(namespace ?a) ?ns]"
        + " [(= ?ns \"p\")]]");
    assertEquals(Set.of(Keyword.of(":p/name"), Keyword.of(":p/age"), Keyword.of(":p/tag"), Keyword.of(":p/friend"),
        Keyword.of(":p/sex")), new HashSet<>((Collection<?>) attrs));
  }

  @Test
  void chains_areFollowedToTheEnd() {
    List<List<Object>> edges = new ArrayList<>();
    for (long i = 0; i < 60; i++) {
      edges.add(List.of(i, i + 1));
    }
    assertEquals(60L, Datolite.q("[:find (count ?b) . :in $g % :where (reach 0 ?b)]", edges,
        "[[(reach ?a ?b) [$g ?a ?b]] [(reach ?a ?b) (reach ?a ?x) [$g ?x ?b]]]"));
    assertEquals(60L * 61 / 2, Datolite.q("[:find (count ?a) . :with ?b :in $g % :where (reach ?a ?b)]", edges,
        "[[(reach ?a ?b) [$g ?a ?b]] [(reach ?a ?b) [$g ?a ?x] (reach ?x ?b)]]"), "the whole closure");
  }

  @Test
  void limits_rowsTimeoutAndCancellation() {
    List<List<Object>> edges = new ArrayList<>();
    for (long i = 0; i < 300; i++) {
      edges.add(List.of(i, i + 1));
    }
    String closure = "[:find (count ?a) . :with ?b :in $g % :where (reach ?a ?b)]";
    String rules = "[[(reach ?a ?b) [$g ?a ?b]] [(reach ?a ?b) [$g ?a ?x] (reach ?x ?b)]]";
    DatoliteException rows = assertThrows(DatoliteException.class,
        () -> Datolite.q(new QueryLimits(null, 1000), closure, edges, rules));
    assertEquals("54000", rows.sqlState());
    assertTrue(rows.getMessage().startsWith("the query holds more than 1000 bindings"), rows.getMessage());
    DatoliteException slow = assertThrows(DatoliteException.class,
        () -> Datolite.q(new QueryLimits(Duration.ofMillis(1), 10_000_000), closure, edges, rules));
    assertEquals("57014", slow.sqlState());
    assertEquals("the query ran longer than its timeout of 1 ms", slow.getMessage());
    Thread.currentThread().interrupt();
    try {
      DatoliteException cancelled = assertThrows(DatoliteException.class, () -> Datolite.q(closure, edges, rules));
      assertEquals("57014", cancelled.sqlState());
    } finally {
      Thread.interrupted();
    }
    Properties props = new Properties();
    props.setProperty("query-max-rows", "2");
    try (DatoliteConnection limited = QueryFixture.connect("limits", props)) {
      limited.transact("[{:db/ident :l/n :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
      limited.transact("[{:l/n 1} {:l/n 2} {:l/n 3}]");
      assertEquals("54000", assertThrows(DatoliteException.class,
          () -> limited.q("[:find ?e :where [?e :l/n]]")).sqlState());
    }
    props.setProperty("query-max-rows", "0");
    assertEquals("22023", assertThrows(DatoliteException.class,
        () -> QueryFixture.connect("limits", props)).sqlState());
  }

  private static Keyword k(String name) {
    return Keyword.of(name);
  }

  @Test
  void pull_patternsAndInFind() {
    Map<Object, Object> annAll = db.pull("[*]", ann);
    assertEquals(ann, annAll.get(k("db/id")));
    assertEquals("Ann", annAll.get(k("p/name")));
    assertEquals(Set.of(k("x"), k("y")), new HashSet<>((List<?>) annAll.get(k("p/tag"))));
    assertEquals(Map.of(k("db/id"), db.entid(k("sex/f")), k("db/ident"), k("sex/f")), annAll.get(k("p/sex")),
        "a ref pulls as its id, an enum with its ident");
    assertEquals(Map.of(k("p/name"), "Cid", k("p/friend"), List.of(Map.of(k("p/name"), "Ann"), Map.of(k("p/name"), "Bob"))),
        db.pull("[:p/name {:p/friend [:p/name]}]", List.of(k("p/name"), "Cid")));
    assertEquals(Map.of(k("p/name"), "Ann", k("p/_friend"), List.of(Map.of(k("db/id"), bob), Map.of(k("db/id"), cid))),
        db.pull("[:p/name :p/_friend]", ann), "reverse refs");
    assertEquals(Map.of("who", "Dee", k("p/tag"), List.of()), db.pull("[[:p/name :as \"who\"] [:p/tag :default []]]",
        dee), ":as and :default");
    assertEquals(1, ((List<?>) db.pull("[[:p/tag :limit 1]]", ann).get(k("p/tag"))).size());
    Map<Object, Object> chain = db.pull("[:p/name {:p/friend ...}]", cid);
    assertTrue(chain.toString().contains("Ann"), "recursion follows friends of friends: " + chain);
    assertEquals(null, db.pull("[*]", List.of(k("p/name"), "Nobody")));
    assertEquals(2, db.pullMany("[:p/name]", List.of(ann, bob)).size());
    assertEquals("42703", assertThrows(DatoliteException.class, () -> db.pull("[:p/nope]", ann)).sqlState());
    assertEquals("42601", assertThrows(DatoliteException.class, () -> db.pull("[[:p/name :sort 1]]", ann)).sqlState());
    assertEquals("42601", assertThrows(DatoliteException.class, () -> db.pull(":p/name", ann)).sqlState());

    assertEquals(Set.of(List.of(Map.of(k("p/name"), "Bob"), 25L)),
        set(db.q("[:find (pull ?e [:p/name]) ?a :where [?e :p/age ?a] [(< ?a 30)]]")));
    assertEquals(Set.of(List.of(Map.of(k("p/name"), "Ann"), 2L), List.of(Map.of(k("p/name"), "Bob"), 1L)),
        set(db.q("[:find (pull ?e [:p/name]) (count ?t) :where [?e :p/tag ?t]]")), "pull groups like a variable");
  }

  @Test
  void rules_boundArgumentsDeriveOnlyWhatIsReachable() {
    // A random graph with cycles: a call with bound arguments (magic sets) answers exactly what
    // the whole relation, filtered afterwards, answers.
    Random random = new Random(11);
    List<List<Object>> edges = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      edges.add(List.of((long) random.nextInt(120), (long) random.nextInt(120)));
    }
    String rules = "[[(reach ?a ?b) [$g ?a ?b]] [(reach ?a ?b) [$g ?a ?x] (reach ?x ?b)]"
        + " [(both ?a ?b) (reach ?a ?b) (reach ?b ?a)]"
        + " [(even ?a ?b) [$g ?a ?x] (odd ?x ?b)] [(odd ?a ?b) [$g ?a ?b]] [(odd ?a ?b) [$g ?a ?x] (even ?x ?b)]]";
    for (String rule : List.of("reach", "both", "even")) {
      for (long start : List.of(0L, 5L, 77L)) {
        Object full = Datolite.q("[:find ?b :in $g % ?s :where (" + rule + " ?a ?b) [(= ?a ?s)]]", edges, rules,
            start);
        Object bound = Datolite.q("[:find ?b :in $g % :where (" + rule + " " + start + " ?b)]", edges, rules);
        Object boundVar = Datolite.q("[:find ?b :in $g % ?a :where (" + rule + " ?a ?b)]", edges, rules, start);
        assertEquals(set(full), set(bound), rule + " from " + start);
        assertEquals(set(full), set(boundVar), rule + " from " + start + " through :in");
      }
    }
    // Several seeds at once, and a blank argument.
    List<Long> starts = List.of(0L, 5L, 77L, 3L, 9L);
    Object manyFull = Datolite.q("[:find ?a ?b :in $g % [?s ...] :where (reach ?a ?b) [(= ?a ?s)]]", edges, rules,
        starts);
    assertEquals(set(manyFull), set(Datolite.q("[:find ?a ?b :in $g % [?a ...] :where (reach ?a ?b)]", edges, rules,
        starts)), "several seeds");
    Object reached = Datolite.q("[:find ?b :in $g % [?s ...] :where (reach ?a ?b) [(= ?a ?s)]]", edges, rules, starts);
    assertEquals(set(reached), set(Datolite.q("[:find ?b :in $g % [?a ...] :where (reach ?a ?b) (reach _ ?b)]", edges,
        rules, starts)), "a blank argument");
    Object self = Datolite.q("[:find ?a :in $g % :where (reach ?a ?a)]", edges, rules);
    Object selfFull = Datolite.q("[:find ?a :in $g % :where (reach ?a ?b) [(= ?a ?b)]]", edges, rules);
    assertEquals(set(selfFull), set(self), "a variable repeated in a call");
  }

  @Test
  void rules_longChainFromOneNodeIsQuick() {
    // A 20,000-edge chain: the closure from one node is 20,000 tuples, not 200 million.
    List<List<Object>> edges = new ArrayList<>();
    for (long i = 0; i < 20_000; i++) {
      edges.add(List.of(i, i + 1));
    }
    String rules = "[[(reach ?a ?b) [$g ?a ?b]] [(reach ?a ?b) (reach ?a ?x) [$g ?x ?b]]]";
    assertEquals(20_000L, Datolite.q(new QueryLimits(Duration.ofSeconds(60), 1_000_000),
        "[:find (count ?b) . :in $g % :where (reach 0 ?b)]", edges, rules));
  }

  @Test
  void log_txIdsAndTxData() {
    long tx = first.tx();
    // tx-ids over [first, first + 1): that one transaction
    assertEquals(List.of(tx), db.q("[:find [?tx ...] :in $ ?log ?from ?to :where [(tx-ids ?log ?from ?to) [?tx ...]]]",
        db, tx, tx + 1));
    // tx-data: every datom of the transaction, joined to the database for the attribute names
    Set<Object> names = set(db.q("[:find [?n ...] :in $ ?log ?tx :where [(tx-data ?log ?tx) [[?e ?a ?v _ ?added]]] [(true? ?added)]"
        + " [?a :db/ident :p/name] [(identity ?v) ?n]]", db, tx));
    assertEquals(Set.of("Ann", "Bob", "Cid", "Dee"), names);
    // the later retraction of Dee's age 41 shows as a datom with added false
    Object retracted = db.q("[:find ?v . :in $ ?log :where [(tx-ids ?log nil nil) [?tx ...]]"
        + " [(tx-data ?log ?tx) [[?e ?a ?v _ ?added]]] [(false? ?added)] [?a :db/ident :p/age]]", db);
    assertEquals(41L, retracted);
    DatoliteException bad = assertThrows(DatoliteException.class,
        () -> db.q("[:find ?tx :where [(tx-ids 1 2 3) [?tx ...]]]"));
    assertEquals("42601", bad.sqlState());
    DatoliteException badT = assertThrows(DatoliteException.class,
        () -> db.q("[:find ?tx :in $ ?log :where [(tx-ids ?log \"x\" nil) [?tx ...]]]", db));
    assertEquals("22023", badT.sqlState());
  }

  @Test
  void nestedQuery() {
    // The oldest age, from a nested query, then who has it.
    assertEquals(Set.of("Dee"), set(db.q("[:find [?n ...] :where"
        + " [(q [:find (max ?a) . :where [_ :p/age ?a]] $) ?max] [?e :p/age ?max] [?e :p/name ?n]]")));
    // A nested query with its own inputs, bound as a relation.
    assertEquals(Set.of(List.of("Ann", 30L), List.of("Cid", 30L)), set(db.q("[:find ?n ?a :in $ ?age :where"
        + " [(q [:find ?x ?y :in $ ?y :where [?x :p/age ?y]] $ ?age) [[?e ?a]]] [?e :p/name ?n]]", 30L)));
    DatoliteException e = assertThrows(DatoliteException.class,
        () -> db.q("[:find ?x :where [(q [:find ?x :where [?x :p/nope _]] $) [[?x]]]]"));
    assertEquals("42703", e.sqlState());
  }

  @Test
  void javaMethods_onlyForAllowedClasses() {
    String statics = "[:find ?y . :in ?x :where [(java.lang.Math/abs ?x) ?y]]";
    DatoliteException denied = assertThrows(DatoliteException.class, () -> Datolite.q(statics, -3L));
    assertEquals("42501", denied.sqlState());
    assertTrue(denied.getMessage().contains("query-java-classes"), denied.getMessage());
    QueryLimits allowMath = QueryLimits.DEFAULT.withJavaClasses(Set.of("java.lang.Math", "java.lang.String"));
    assertEquals(3L, Datolite.q(allowMath, statics, -3L));
    assertEquals(2.0, Datolite.q(allowMath, "[:find ?y . :in ?x :where [(java.lang.Math/sqrt ?x) ?y]]", 4L));
    assertEquals("ANN", Datolite.q(allowMath, "[:find ?u . :in ?s :where [(.toUpperCase ?s) ?u]]", "Ann"));
    assertEquals(true, Datolite.q(allowMath, "[:find ?b . :in ?s :where [(.startsWith ?s \"A\") ?b]]", "Ann"));
    DatoliteException instance = assertThrows(DatoliteException.class,
        () -> Datolite.q(allowMath, "[:find ?u . :in ?s :where [(.toString ?s) ?u]]", 5L));
    assertEquals("42501", instance.sqlState(), "Long is not allowed");
    DatoliteException noSuch = assertThrows(DatoliteException.class,
        () -> Datolite.q(allowMath, "[:find ?y . :in ?x :where [(java.lang.Math/nope ?x) ?y]]", 1L));
    assertEquals("42883", noSuch.sqlState());
    DatoliteException wrongType = assertThrows(DatoliteException.class,
        () -> Datolite.q(allowMath, "[:find ?y . :in ?x :where [(java.lang.Math/abs ?x) ?y]]", "x"));
    assertEquals("42883", wrongType.sqlState());
    Properties p = new Properties();
    p.setProperty("query-java-classes", "java.lang.Math, not a class");
    DatoliteException badProperty = assertThrows(DatoliteException.class,
        () -> QueryFixture.connect("java", p));
    assertEquals("22023", badProperty.sqlState());
    p.setProperty("query-java-classes", "java.lang.Math");
    try (DatoliteConnection c = QueryFixture.connect("java", p)) {
      assertEquals(7L, c.q("[:find ?y . :in $ ?x :where [(java.lang.Math/max ?x 7) ?y]]", 2L));
    }
  }

  @Test
  void rules_reachabilityByBreadthFirstSearch() {
    // A random graph of refs with cycles: the closure rules called with one end bound (searched
    // breadth-first along the attribute) answer what the whole relation, filtered, answers.
    try (DatoliteConnection c = QueryFixture.connect("reach")) {
      c.transact("[{:db/ident :g/next :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}"
          + " {:db/ident :g/n :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
      StringBuilder nodes = new StringBuilder("[");
      for (int i = 0; i < 150; i++) {
        nodes.append("{:db/id \"n").append(i).append("\" :g/n ").append(i).append("}");
      }
      TxReport r = c.transact(nodes.append("]").toString());
      Random random = new Random(3);
      StringBuilder edges = new StringBuilder("[");
      for (int i = 0; i < 220; i++) {
        edges.append("[:db/add ").append(r.tempids().get("n" + random.nextInt(150))).append(" :g/next ")
            .append(r.tempids().get("n" + random.nextInt(150))).append("]");
      }
      c.transact(edges.append("]").toString());
      Database g = c.db();
      String left = "[[(reach ?a ?b) [?a :g/next ?b]] [(reach ?a ?b) (reach ?a ?x) [?x :g/next ?b]]]";
      String right = "[[(reach ?a ?b) [?a :g/next ?b]] [(reach ?a ?b) [?a :g/next ?x] (reach ?x ?b)]]";
      for (String rules : List.of(left, right)) {
        for (int n : List.of(0, 7, 42, 149)) {
          long start = r.tempids().get("n" + n);
          assertEquals(set(g.q("[:find ?b :in $ % ?s :where (reach ?a ?b) [(= ?a ?s)]]", rules, start)),
              set(g.q("[:find ?b :in $ % ?a :where (reach ?a ?b)]", rules, start)), "forward from " + n);
          assertEquals(set(g.q("[:find ?a :in $ % ?s :where (reach ?a ?b) [(= ?b ?s)]]", rules, start)),
              set(g.q("[:find ?a :in $ % ?b :where (reach ?a ?b)]", rules, start)), "backward to " + n);
        }
        // written order, the call first: the whole relation, then filtered
        assertEquals(set(Datolite.q(QueryLimits.DEFAULT.withWrittenOrder(true),
            "[:find ?a ?b :in $ % :where (reach ?a ?b) [?a :g/n ?k] [(< ?k 5)]]", g, rules)),
            set(g.q("[:find ?a ?b :in $ % :where [?a :g/n ?k] [(< ?k 5)] (reach ?a ?b)]", rules)), "several starts");
      }
    }
  }

  @Test
  void badInput_valueOfTheWrongTypeForItsAttribute() {
    DatoliteException e = assertThrows(DatoliteException.class, () -> db.q("[:find ?e :where [?e :p/age \"thirty\"]]"));
    assertEquals("22023", e.sqlState());
    assertTrue(e.getMessage().contains(":p/age holds long values"), e.getMessage());
    assertEquals("22023", assertThrows(DatoliteException.class,
        () -> db.q("[:find ?e :where [?e :p/name 3]]")).sqlState());
    assertEquals("22023", assertThrows(DatoliteException.class,
        () -> db.q("[:find ?e :where [?e :p/age 99999999999999999999999]]")).sqlState(), "a bigint for a long");
    assertEquals(Set.of(List.of(ann)), set(db.q("[:find ?e :where [?e :p/sex :sex/f]]")), "an enum ident for a ref");
    // a scalar input is written into the pattern, so it is checked the same way
    assertEquals("22023", assertThrows(DatoliteException.class,
        () -> db.q("[:find ?e :in $ ?a :where [?e :p/age ?a]]", "thirty")).sqlState());
    // values bound by other clauses or collections simply match nothing, as in Datomic
    assertEquals(Set.of(), set(db.q("[:find ?e :in $ [?a ...] :where [?e :p/age ?a]]", List.of("thirty"))));
  }
}
