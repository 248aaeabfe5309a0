package org.datolite.query;

import static org.datolite.QueryFixture.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datolite.Database;
import org.datolite.Datolite;
import org.datolite.QueryFixture;
import org.datolite.TxReport;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examples of Datomic's query documentation (binding forms, find specifications, aggregates
 * and {@code :with}, expression clauses, {@code not}, {@code or}, rules, the database functions,
 * history, as-of and since), each with its exact expected result, on a small music database in
 * the shape of the documentation's mbrainz sample.
 */
class DatomicDocsExamplesTest {
  private static QueryFixture music;
  private static Database db;
  private static TxReport loaded;
  private static TxReport renamed;

  @BeforeAll
  static void load() {
    music = QueryFixture.memory("docs");
    music.transact("[{:db/ident :artist/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one"
        + " :db/unique :db.unique/identity}"
        + " {:db/ident :artist/country :db/valueType :db.type/ref :db/cardinality :db.cardinality/one}"
        + " {:db/ident :artist/startYear :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :release/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :release/year :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :release/artists :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}"
        + " {:db/ident :release/media :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}"
        + " {:db/ident :medium/tracks :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}"
        + " {:db/ident :track/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
        + " {:db/ident :track/duration :db/valueType :db.type/long :db/cardinality :db.cardinality/one}"
        + " {:db/ident :country/CA} {:db/ident :country/GB} {:db/ident :country/US}]");
    loaded = music.transact("[{:db/id \"paul\" :artist/name \"Paul McCartney\" :artist/country :country/GB"
        + " :artist/startYear 1957}"
        + " {:db/id \"john\" :artist/name \"John Lennon\" :artist/country :country/GB :artist/startYear 1957}"
        + " {:db/id \"neil\" :artist/name \"Neil Young\" :artist/country :country/CA :artist/startYear 1963}"
        + " {:db/id \"joni\" :artist/name \"Joni Mitchell\" :artist/country :country/CA}"
        + " {:db/id \"bob\" :artist/name \"Bob Dylan\" :artist/country :country/US :artist/startYear 1959}"
        + " {:db/id \"ram\" :release/name \"Ram\" :release/year 1971 :release/artists [\"paul\"]"
        + "  :release/media [{:db/id \"m1\" :medium/tracks [{:db/id \"t1\" :track/name \"Too Many People\""
        + "  :track/duration 250000} {:db/id \"t2\" :track/name \"Heart of the Country\" :track/duration 132000}]}]}"
        + " {:db/id \"imagine\" :release/name \"Imagine\" :release/year 1971 :release/artists [\"john\"]"
        + "  :release/media [{:db/id \"m2\" :medium/tracks [{:db/id \"t3\" :track/name \"Imagine\""
        + "  :track/duration 183000}]}]}"
        + " {:db/id \"harvest\" :release/name \"Harvest\" :release/year 1972 :release/artists [\"neil\"]}"
        + " {:db/id \"blue\" :release/name \"Blue\" :release/year 1971 :release/artists [\"joni\"]}"
        + " {:db/id \"duet\" :release/name \"Duets\" :release/year 1990 :release/artists [\"paul\" \"john\"]}]");
    renamed = music.transact("[[:db/add [:artist/name \"Bob Dylan\"] :artist/name \"Robert Zimmerman\"]]");
    db = music.db();
  }

  @AfterAll
  static void close() {
    music.close();
  }

  // ---- binding forms (the documentation's "Datomic example code") -----------------------------

  @Test
  void bindingForms() {
    assertEquals(Set.of(List.of(42L)), set(Datolite.q("[:find ?answer :in ?answer]", 42)));
    assertEquals(Set.of(List.of("Doe", "John")), set(Datolite.q("[:find ?last ?first :in ?last ?first]", "Doe", "John")));
    assertEquals(Set.of(List.of("Doe", "John")),
        set(Datolite.q("[:find ?last ?first :in [?last ?first]]", List.of("Doe", "John"))));
    assertEquals(Set.of(List.of("John"), List.of("Jane"), List.of("Phineas")),
        set(Datolite.q("[:find ?first :in [?first ...]]", List.of("John", "Jane", "Phineas"))));
    assertEquals(Set.of(List.of("John"), List.of("Jane")), set(Datolite.q("[:find ?first :in [[?first ?last]]]",
        List.of(List.of("John", "Doe"), List.of("Jane", "Doe")))));
    // any relation of tuples can act as a database
    assertEquals(Set.of(List.of("John")), set(Datolite.q("[:find ?first :in $db :where [$db _ :firstName ?first]]",
        List.of(List.of(1L, Keyword.of("firstName"), "John")))));
    assertEquals(Set.of(List.of("John")), set(Datolite.q("[:find ?first :where [_ :firstName ?first]]",
        List.of(List.of(1L, Keyword.of("firstName"), "John", 42L), List.of(1L, Keyword.of("lastName"), "Doe", 42L)))));
    // in-memory joins: two tuple bindings, two relation bindings
    assertEquals(Set.of(List.of("John", 71L)), set(Datolite.q("[:find ?first ?height"
        + " :in [?last ?first ?email] [?email ?height]]", List.of("Doe", "John", "jdoe@example.com"),
        List.of("jdoe@example.com", 71))));
    assertEquals(Set.of(List.of("John", 71L), List.of("Jane", 59L)), set(Datolite.q("[:find ?first ?height"
        + " :in [[?last ?first ?email]] [[?email ?height]]]",
        List.of(List.of("Doe", "John", "jdoe@example.com"), List.of("Doe", "Jane", "jane@example.com")),
        List.of(List.of("jane@example.com", 59), List.of("jdoe@example.com", 71)))));
  }

  // ---- find specifications ------------------------------------------------------------------

  @Test
  void findSpecifications() {
    String releases = ":in $ ?artist-name :where [?artist :artist/name ?artist-name]"
        + " [?release :release/artists ?artist] [?release :release/name ?release-name]]";
    assertEquals(Set.of(List.of("Ram"), List.of("Duets")),
        set(db.q("[:find ?release-name " + releases, "Paul McCartney")));
    assertEquals(Set.of("Ram", "Duets"), set(db.q("[:find [?release-name ...] " + releases, "Paul McCartney")));
    assertEquals(List.of(1971L, "Ram"), db.q("[:find [?year ?name] :in $ ?name :where [?r :release/name ?name]"
        + " [?r :release/year ?year]]", "Ram"));
    assertEquals(1972L, db.q("[:find ?year . :in $ ?name :where [?r :release/name ?name] [?r :release/year ?year]]",
        "Harvest"));
    assertEquals(Set.of(Map.of(Keyword.of("artist"), "Neil Young", Keyword.of("release"), "Harvest")),
        set(db.q("[:find ?artist-name ?release-name :keys artist release :where [?r :release/name \"Harvest\"]"
            + " [?r :release/name ?release-name] [?r :release/artists ?a] [?a :artist/name ?artist-name]]")));
    assertEquals(Set.of(List.of(Map.of(Keyword.of("artist/name"), "Joni Mitchell"))),
        set(db.q("[:find (pull ?a [:artist/name]) :where [?r :release/name \"Blue\"] [?r :release/artists ?a]]")));
  }

  // ---- aggregates and :with -----------------------------------------------------------------

  @Test
  void aggregates() {
    List<List<Object>> monsters = List.of(List.of("Cerberus", 3L), List.of("Medusa", 1L), List.of("Cyclops", 1L),
        List.of("Chimera", 1L));
    // the set of heads is #{3 1}: 4; with each monster kept, 6
    assertEquals(4L, Datolite.q("[:find (sum ?heads) . :in [[_ ?heads]]]", monsters));
    assertEquals(6L, Datolite.q("[:find (sum ?heads) . :with ?monster :in [[?monster ?heads]]]", monsters));
    List<Long> xs = List.of(1L, 2L, 3L, 4L, 10L);
    assertEquals(List.of(1L, 10L, 3L, 4.0, 5L, 5L),
        Datolite.q("[:find [(min ?x) (max ?x) (median ?x) (avg ?x) (count ?x) (count-distinct ?x)] :in [?x ...]]", xs));
    assertEquals(List.of(List.of(10L, 4L, 3L), List.of(1L, 2L)),
        Datolite.q("[:find [(max 3 ?x) (min 2 ?x)] :in [?x ...]]", xs));
    assertEquals(10.0, (Double) Datolite.q("[:find (variance ?x) . :in [?x ...]]", xs), 1e-9);
    assertEquals(Math.sqrt(10.0), (Double) Datolite.q("[:find (stddev ?x) . :in [?x ...]]", xs), 1e-9);
    assertEquals(Set.of(1971L, 1972L, 1990L), db.q("[:find (distinct ?y) . :where [_ :release/year ?y]]"));
    // grouped: releases per year, and the count of all artists
    assertEquals(Set.of(List.of(1971L, 3L), List.of(1972L, 1L), List.of(1990L, 1L)),
        set(db.q("[:find ?year (count ?r) :where [?r :release/year ?year]]")));
    assertEquals(5L, db.q("[:find (count ?a) . :where [?a :artist/name]]"));
    List<?> sample = (List<?>) db.q("[:find (sample 2 ?n) . :where [_ :artist/name ?n]]");
    assertEquals(2, sample.size());
    assertTrue(set(db.q("[:find [?n ...] :where [_ :artist/name ?n]]")).containsAll(sample));
  }

  // ---- expression clauses -------------------------------------------------------------------

  @Test
  void expressionClauses() {
    assertEquals(Set.of(List.of("Too Many People", 4L), List.of("Heart of the Country", 2L), List.of("Imagine", 3L)),
        set(db.q("[:find ?name ?minutes :where [?t :track/name ?name] [?t :track/duration ?ms]"
            + " [(quot ?ms 60000) ?minutes]]")));
    assertEquals(Set.of("Ram (1971)", "Imagine (1971)", "Blue (1971)"), set(db.q("[:find [?s ...] :where"
        + " [?r :release/year ?y] [(< ?y 1972)] [?r :release/name ?n] [(str ?n \" (\" ?y \")\") ?s]]")));
    assertEquals(Set.of("Pau", "Joh"), set(db.q("[:find [?short ...] :where [?a :artist/country :country/GB]"
        + " [?a :artist/name ?n] [(subs ?n 0 3) ?short]]")));
    assertEquals(Set.of(List.of(1L, "a"), List.of(2L, "b")),
        set(Datolite.q("[:find ?x ?y :in $ :where [(ground [[1 \"a\"] [2 \"b\"]]) [[?x ?y]]]]", db)));
    assertEquals(Set.of(List.of(List.of("Neil Young", 1963L))), set(db.q("[:find ?tup :where"
        + " [?a :artist/name ?n] [?a :artist/startYear ?y] [(> ?y 1960)] [(tuple ?n ?y) ?tup]]")));
    assertEquals(Set.of(List.of("Neil Young", 1963L)), set(Datolite.q("[:find ?n ?y :in ?tup :where"
        + " [(untuple ?tup) [?n ?y]]]", List.of("Neil Young", 1963L))));
    assertEquals(Set.of("Robert Zimmerman"), set(db.q("[:find [?n ...] :where [?a :artist/name ?n]"
        + " [(re-pattern \"^R\") ?re] [(re-find ?re ?n)]]")));
  }

  // ---- database functions -------------------------------------------------------------------

  @Test
  void databaseFunctions() {
    assertEquals(Set.of(List.of("Joni Mitchell", "N/A"), List.of("Neil Young", 1963L)), set(db.q("[:find ?n ?year"
        + " :where [?a :artist/country :country/CA] [?a :artist/name ?n]"
        + " [(get-else $ ?a :artist/startYear \"N/A\") ?year]]")));
    assertEquals(Set.of("Joni Mitchell"), set(db.q("[:find [?n ...] :where [?a :artist/name ?n]"
        + " [(missing? $ ?a :artist/startYear)]]")));
    assertEquals(Set.of(List.of(Keyword.of("artist/startYear"), 1963L)), set(db.q("[:find ?attr ?v :where"
        + " [?a :artist/name \"Neil Young\"] [(get-some $ ?a :release/year :artist/startYear) [?attr ?v]]]")));
  }

  // ---- not, or, rules -----------------------------------------------------------------------

  @Test
  void notOrAndRules() {
    assertEquals(3L, db.q("[:find (count ?a) . :where [?a :artist/name] (not [?a :artist/country :country/CA])]"));
    // artists without a release in 1971
    assertEquals(Set.of("Neil Young", "Robert Zimmerman"), set(db.q("[:find [?n ...] :where [?a :artist/name ?n]"
        + " (not-join [?a] [?r :release/artists ?a] [?r :release/year 1971])]")));
    assertEquals(Set.of("Neil Young", "Joni Mitchell", "Robert Zimmerman"), set(db.q("[:find [?n ...] :where"
        + " [?a :artist/name ?n] (or [?a :artist/country :country/CA] [?a :artist/country :country/US])]")));
    // or-join: artists with a release in 1972 or starting in 1957
    assertEquals(Set.of("Neil Young", "Paul McCartney", "John Lennon"), set(db.q("[:find [?n ...] :where"
        + " [?a :artist/name ?n] (or-join [?a] (and [?r :release/artists ?a] [?r :release/year 1972])"
        + " [?a :artist/startYear 1957])]")));
    String rules = "[[(track-release ?t ?r) [?m :medium/tracks ?t] [?r :release/media ?m]]"
        + " [(track-info ?t ?track-name ?artist-name ?album) (track-release ?t ?r) [?r :release/name ?album]"
        + "  [?r :release/artists ?a] [?a :artist/name ?artist-name] [?t :track/name ?track-name]]]";
    assertEquals(Set.of(List.of("Imagine", "John Lennon", "Imagine"), List.of("Too Many People", "Paul McCartney", "Ram"),
        List.of("Heart of the Country", "Paul McCartney", "Ram")), set(db.q("[:find ?track ?artist ?album :in $ %"
        + " :where (track-info ?t ?track ?artist ?album)]", rules)));
    assertEquals(Set.of("Too Many People", "Heart of the Country"), set(db.q("[:find [?track ...] :in $ % ?album"
        + " :where (track-info ?t ?track _ ?album)]", rules, "Ram")));
  }

  // ---- time: history, as-of, since ----------------------------------------------------------

  @Test
  void historyAsOfAndSince() {
    assertEquals(Set.of(List.of("Bob Dylan", true), List.of("Bob Dylan", false), List.of("Robert Zimmerman", true)),
        set(db.history().q("[:find ?name ?added :where [?a :artist/startYear 1959] [?a :artist/name ?name _ ?added]]")));
    assertEquals("Bob Dylan", db.asOf(loaded.t()).q("[:find ?n . :where [?a :artist/startYear 1959] [?a :artist/name ?n]]"));
    assertEquals("Robert Zimmerman", db.q("[:find ?n . :where [?a :artist/startYear 1959] [?a :artist/name ?n]]"));
    // since the load: only the rename, and the artist it joins to only through a current database
    assertEquals(Set.of("Robert Zimmerman"), set(db.since(loaded.t()).q("[:find [?n ...] :where [_ :artist/name ?n]]")));
    assertEquals(Set.of(1959L), set(db.q("[:find [?y ...] :in $ $since :where [$since ?a :artist/name _]"
        + " [$ ?a :artist/startYear ?y]]", db.since(loaded.t()))));
    // the transaction of a datom, and its time
    assertEquals(renamed.tx(), db.q("[:find ?tx . :where [?a :artist/name \"Robert Zimmerman\" ?tx]]"));
    assertTrue(db.q("[:find ?inst . :where [?a :artist/name \"Robert Zimmerman\" ?tx] [?tx :db/txInstant ?inst]]")
        instanceof Instant);
  }
}
