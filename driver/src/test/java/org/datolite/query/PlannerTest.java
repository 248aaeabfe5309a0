package org.datolite.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.datolite.Database;
import org.datolite.DatoliteConnection;
import org.datolite.DatoliteException;
import org.datolite.QueryFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cost-based planner against the order written: on every query of a set (well and badly
 * written, with ranges, joins, rules, or, not and functions) both give the same answer, and the
 * planned run never does much more work, counted in index seeks and datoms read (deterministic,
 * unlike time), while on the badly written ones it does far less.
 */
class PlannerTest {
  private static final int PEOPLE = 3000;
  private static QueryFixture people;
  private static Database db;

  @BeforeAll
  static void load() {
    people = QueryFixture.memory("planner");
    people.transact("[{:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/last :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/alias :db/valueType :db.type/string :db/cardinality :db.cardinality/many}"
        + " {:db/ident :person/sex :db/valueType :db.type/keyword :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/score :db/valueType :db.type/double :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/born :db/valueType :db.type/instant :db/cardinality :db.cardinality/one}"
        + " {:db/ident :person/friend :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}]");
    Random random = new Random(7);
    String[] names = {"Ivan", "Petr", "Sergei", "Oleg", "Yuri", "Dmitry", "Fedor", "Denis"};
    for (int batch = 0; batch < PEOPLE / 500; batch++) {
      StringBuilder tx = new StringBuilder("[");
      for (int i = 0; i < 500; i++) {
        int n = batch * 500 + i;
        tx.append("{:db/id \"p").append(n).append("\" :person/name \"").append(names[random.nextInt(8)])
            .append("\" :person/last \"L").append(random.nextInt(6)).append("\" :person/sex :")
            .append(random.nextBoolean() ? "male" : "female").append(" :person/age ").append(random.nextInt(100))
            .append(" :person/score ").append(random.nextInt(1000) / 10.0)
            .append(" :person/born #inst \"").append(Instant.ofEpochSecond(random.nextInt(1_000_000_000)))
            .append("\" :person/alias [");
        for (int a = random.nextInt(4); a > 0; a--) {
          tx.append("\"a").append(random.nextInt(20)).append("\" ");
        }
        tx.append("]");
        if (i % 50 > 0) { // chains of 50 friends
          tx.append(" :person/friend [\"p").append(n - 1).append("\"]");
        }
        tx.append("}");
      }
      people.transact(tx.append("]").toString());
    }
    db = people.db();
  }

  @AfterAll
  static void close() {
    people.close();
  }

  private static final String RULES = "[[(friends ?a ?b) [?a :person/friend ?b]]"
      + " [(friends ?a ?b) [?a :person/friend ?c] (friends ?c ?b)]]";

  /** Queries and their inputs; the first ones are written in a bad order on purpose. */
  private static final Object[][] QUERIES = {
      {"[:find ?e ?a :where [?e :person/age ?a] [?e :person/name \"Ivan\"]]"},
      {"[:find ?e :where [?e :person/sex :male] [?e :person/age ?a] [?e :person/name \"Ivan\"] [(< ?a 10)]]"},
      {"[:find ?e ?l :where [?e :person/last ?l] [?e :person/alias \"a3\"]]"},
      {"[:find ?e2 :where [?e :person/age ?a] [?e2 :person/age ?a] [?e :person/name \"Oleg\"] [?e :person/last \"L1\"]"
          + " [?e :person/sex :female]]"},
      {"[:find ?e ?s :where [?e :person/score ?s] [(>= ?s 99.0)]]"},
      {"[:find ?e ?a :in $ ?lo :where [?e :person/age ?a] [(> ?a ?lo)] [?e :person/name \"Denis\"]]", 95L},
      {"[:find ?e :where [?e :person/born ?b] [(< ?b #inst \"1971-01-01\")]]"},
      {"[:find ?e ?a :where [?e :person/age ?a] [(<= 90 ?a)] [(< ?a 93)]]"},
      {"[:find ?e :where [?e :person/name \"Ivan\"] [?e :person/age ?a]]"},
      {"[:find ?e :where [?e :person/name \"Ivan\"] (not [?e :person/sex :male])]"},
      {"[:find ?e :where (or [?e :person/alias \"a1\"] [?e :person/alias \"a2\"]) [?e :person/age 42]]"},
      {"[:find ?e ?n :where [?e :person/age ?a] [(+ ?a 1) ?n] [?e :person/last \"L2\"] [(= ?n 50)]]"},
      {"[:find (count ?e) . :where [?e :person/name ?n] [?e :person/sex :male]]"},
      {"[:find ?b :in $ % ?n :where [?a :person/age ?age] [?a :person/name ?n] (friends ?a ?b) [(< ?age 3)]]",
          RULES, "Yuri"},
      {"[:find ?e ?x :in $ [?x ...] :where [?e :person/alias ?x] [?e :person/age 7]]", List.of("a1", "a5", "a9")},
  };

  @Test
  void plannedOrderAgreesWithWrittenOrderAndNeverDoesMuchMoreWork() {
    long plannedTotal = 0;
    long writtenTotal = 0;
    List<String> report = new ArrayList<>();
    for (Object[] q : QUERIES) {
      String text = (String) q[0];
      Object[] inputs = inputs(q);
      Query query = QueryParser.parse(text);
      Object planned = QueryEngine.run(query, QueryLimits.DEFAULT, inputs);
      Object written = QueryEngine.run(query, QueryLimits.DEFAULT.withWrittenOrder(true), inputs);
      assertEquals(asSet(written), asSet(planned), text);
      QueryEngine.Work p = QueryEngine.measure(query, QueryLimits.DEFAULT, inputs);
      QueryEngine.Work w = QueryEngine.measure(query, QueryLimits.DEFAULT.withWrittenOrder(true), inputs);
      report.add(text + ": planned " + p + ", written " + w);
      assertTrue(p.total() <= w.total() * 1.25 + 100, "planned does much more work on " + text + ": " + p + " vs " + w);
      plannedTotal += p.total();
      writtenTotal += w.total();
    }
    assertTrue(plannedTotal * 2 < writtenTotal, "planned " + plannedTotal + " vs written " + writtenTotal
        + "\n" + String.join("\n", report));
  }

  @Test
  void badlyWrittenOrderIsFixed() {
    Query q = QueryParser.parse(QUERIES[0][0].toString());
    QueryEngine.Work planned = QueryEngine.measure(q, QueryLimits.DEFAULT, db);
    QueryEngine.Work written = QueryEngine.measure(q, QueryLimits.DEFAULT.withWrittenOrder(true), db);
    // Written: every age, then the Ivans joined by hash. Planned: the Ivans, then a seek for each one's age.
    assertTrue(planned.total() * 1.3 < written.total(), planned + " vs " + written);
  }

  @Test
  void comparisonsWithConstantsReadOnlyTheirRange() {
    Query q = QueryParser.parse("[:find ?e :where [?e :person/age ?a] [(> ?a 97)]]");
    QueryEngine.Work planned = QueryEngine.measure(q, QueryLimits.DEFAULT, db);
    long expected = ((Collection<?>) QueryEngine.run(q, QueryLimits.DEFAULT.withWrittenOrder(true), db)).size();
    assertEquals(expected, planned.datoms(), "a range read touches only the matching datoms");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[:find ?e :where [?e :person/age ?a] [(> ?a 50.5)]]", // a double bound on a long attribute: no range
      "[:find ?e :where [?e :person/age ?a] [(> ?a 50)] [(< ?a 50)]]", // empty range
      "[:find ?e :where [?e :person/age ?a] [(>= ?a 50)] [(<= ?a 50)]]",
      "[:find ?e :where [?e :person/score ?s] [(< ?s 10)]]", // a long bound on a double attribute
      "[:find ?e :where [?e :person/name ?n] [(> ?n \"P\")]]", // strings: filtered, not ranged
      "[:find ?e :where [?e :person/age ?a] [(> 3 ?a)]]"})
  void rangeBoundsNeverChangeAnswers(String text) {
    Query q = QueryParser.parse(text);
    assertEquals(asSet(QueryEngine.run(q, QueryLimits.DEFAULT.withWrittenOrder(true), db)),
        asSet(QueryEngine.run(q, QueryLimits.DEFAULT, db)), text);
  }

  @Test
  void connectionPropertyKeepsWrittenOrder() {
    Properties p = new Properties();
    p.setProperty("query-planner", "written");
    try (DatoliteConnection c = QueryFixture.connect("planner-written", p)) {
      c.transact("[{:db/ident :k/v :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
      c.transact("[{:k/v 1} {:k/v 2}]");
      assertEquals(Set.of(2L), new HashSet<>((Collection<?>) c.q("[:find [?v ...] :where [_ :k/v ?v] [(> ?v 1)]]")));
    }
    p.setProperty("query-planner", "fastest");
    DatoliteException e = Assertions.assertThrows(DatoliteException.class,
        () -> QueryFixture.connect("planner-bad", p));
    assertEquals("22023", e.sqlState());
    assertTrue(e.getMessage().contains("query-planner"), e.getMessage());
  }

  @Test
  void manyClausesAreOrderedGreedily() {
    // More binding clauses than the exhaustive search takes: the greedy order still answers right.
    StringBuilder where = new StringBuilder();
    for (int i = 0; i < Planner.EXHAUSTIVE + 2; i++) {
      where.append("[?e").append(i).append(" :person/friend ?e").append(i + 1).append("] ");
    }
    where.append("[?e0 :person/name \"Ivan\"] [?e0 :person/age 10]");
    Query q = QueryParser.parse("[:find ?e0 ?e" + (Planner.EXHAUSTIVE + 2) + " :where " + where + "]");
    assertEquals(asSet(QueryEngine.run(q, QueryLimits.DEFAULT.withWrittenOrder(true), db)),
        asSet(QueryEngine.run(q, QueryLimits.DEFAULT, db)));
  }

  private static Object[] inputs(Object[] q) {
    Object[] inputs = new Object[q.length];
    inputs[0] = db;
    System.arraycopy(q, 1, inputs, 1, q.length - 1);
    return inputs;
  }

  private static Object asSet(Object result) {
    return result instanceof Collection<?> c ? new HashSet<>(c) : result;
  }
}
