package org.datolite;

import static org.datolite.QueryFixture.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native API on embedded databases: connecting, transacting, database values and their views. */
class DatoliteConnectionTest {
  private static final String SCHEMA = "[{:db/ident :person/email :db/valueType :db.type/string"
      + " :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}"
      + " {:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}"
      + " {:db/ident :person/friend :db/valueType :db.type/ref :db/cardinality :db.cardinality/many}"
      + " {:db/ident :person/age :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]";

  private static String memUrl() {
    return QueryFixture.memUrl("test");
  }

  @Test
  void transact_returnsAReport_andTheNextDbSeesIt() {
    try (DatoliteConnection conn = Datolite.connect(memUrl(), null)) {
      conn.transact(SCHEMA);
      TxReport r = conn.transact("[{:db/id \"ann\" :person/email \"ann@example.com\" :person/name \"Ann\"}]");
      long ann = r.tempids().get("ann");
      assertEquals(r.t(), conn.db().basisT(), "read your writes");
      assertEquals(r.t() - 1, r.dbBefore().basisT());
      assertEquals(List.of(), list(r.dbBefore().datoms(Index.EAVT, ann)));
      List<Datom> after = list(r.dbAfter().datoms(Index.EAVT, ann));
      assertEquals(2, after.size(), after.toString());
      assertEquals(ann, conn.db().entid(List.of(Keyword.of("person/email"), "ann@example.com")));
      Datom name = list(conn.db().datoms(Index.EAVT, ann, Keyword.of("person/name"))).get(0);
      assertEquals("Ann", name.v());
      assertEquals(r.tx(), name.tx());
      assertTrue(r.txData().stream().anyMatch(d -> d.e() == r.tx()), "the transaction entity's datoms");
    }
  }

  @Test
  void transactionsUnderTheCallersUuid_areAppliedOnce_andTheirStatusIsKnown() {
    try (DatoliteConnection conn = Datolite.connect(memUrl(), null)) {
      IdempotencyChecks.check(conn);
    }
  }

  @Test
  void identsAndLookupRefs_resolveWhereEntitiesAreExpected() {
    try (DatoliteConnection conn = Datolite.connect(memUrl(), null)) {
      conn.transact(SCHEMA);
      TxReport r = conn.transact("[{:db/id \"a\" :person/email \"a@x\"} {:db/id \"b\" :person/email \"b@x\""
          + " :person/friend \"a\"}]");
      long a = r.tempids().get("a");
      long b = r.tempids().get("b");
      Database db = conn.db();
      Long friendAttr = db.entid(Keyword.of("person/friend"));
      assertNotNull(friendAttr);
      assertEquals(Keyword.of("person/friend"), db.ident(friendAttr));
      assertEquals(":person/friend", db.ident(friendAttr).toString());
      assertEquals(b, list(db.datoms(Index.VAET, a, Keyword.of("person/friend"))).get(0).e());
      assertEquals(b, list(db.datoms(Index.VAET, List.of(Keyword.of("person/email"), "a@x"))).get(0).e());
      assertEquals(List.of(), list(db.datoms(Index.EAVT, List.of(Keyword.of("person/email"), "nobody@x"))),
          "an entity that does not resolve matches nothing");
      assertNull(db.entid(Keyword.of("no/such")));
      assertNull(db.ident(b));
      assertEquals("person/friend", db.attribute(Keyword.of("person/friend")).ident().toString().substring(1));
      assertTrue(db.attribute(Keyword.of("person/friend")).isRef());
      assertNull(db.attribute(Keyword.of("no/such")));
      DatoliteException e = assertThrows(DatoliteException.class,
          () -> db.datoms(Index.AEVT, Keyword.of("no/such")));
      assertEquals("42703", e.sqlState());
      assertTrue(e.getMessage().contains("unknown attribute :no/such"), e.getMessage());
      DatoliteException notUnique = assertThrows(DatoliteException.class,
          () -> db.entid(List.of(Keyword.of("person/name"), "x")));
      assertEquals("42P10", notUnique.sqlState());
      assertThrows(DatoliteException.class, () -> db.entid(3.5));
    }
  }

  @Test
  void asOfSinceAndHistory_areViewsOfTheSameDatoms() throws Exception {
    try (DatoliteConnection conn = Datolite.connect(memUrl(), null)) {
      conn.transact(SCHEMA);
      TxReport first = conn.transact("[{:db/id \"p\" :person/email \"p@x\" :person/age 30}]");
      long p = first.tempids().get("p");
      Thread.sleep(5);
      Instant between = Instant.now();
      Thread.sleep(5);
      TxReport second = conn.transact("[[:db/add " + p + " :person/age 31]]");
      Database now = conn.db();
      Keyword age = Keyword.of("person/age");
      assertEquals(31L, list(now.datoms(Index.EAVT, p, age)).get(0).v());
      assertEquals(30L, list(now.asOf(first.t()).datoms(Index.EAVT, p, age)).get(0).v());
      assertEquals(30L, list(now.asOf(first.tx()).datoms(Index.EAVT, p, age)).get(0).v(), "by transaction id");
      assertEquals(30L, list(now.asOf(between).datoms(Index.EAVT, p, age)).get(0).v(), "by instant");
      assertEquals(List.of(), list(now.asOf(Instant.EPOCH).datoms(Index.EAVT, p)), "before every transaction");
      List<Datom> since = list(now.since(first.t()).datoms(Index.EAVT, p));
      assertEquals(1, since.size(), since.toString());
      assertEquals(31L, since.get(0).v());
      List<Datom> history = list(now.history().datoms(Index.EAVT, p, age));
      assertEquals(3, history.size(), "30 asserted, 30 retracted, 31 asserted: " + history);
      assertTrue(history.stream().anyMatch(d -> !d.added() && d.v().equals(30L) && d.tx() == second.tx()));
      assertEquals(List.of(), list(now.filter(d -> d.a() != now.entid(age)).datoms(Index.EAVT, p, age)));
      assertEquals(second.t(), now.asOf(first.t()).basisT(), "an as-of value keeps its basis");
      assertThrows(DatoliteException.class, () -> now.asOf(-1));
    }
  }

  @Test
  void connectionsToOneDatabase_shareIt_andHearEveryCommit() throws Exception {
    String url = memUrl();
    try (DatoliteConnection a = Datolite.connect(url, null);
         DatoliteConnection b = Datolite.connect(Datolite.JDBC_PREFIX + url, null)) {
      BlockingQueue<TxReport> reports = b.txReports();
      a.transact(SCHEMA);
      TxReport r = a.transact("[{:person/email \"shared@x\"}]");
      assertEquals(r.t(), b.db().basisT());
      assertEquals(r.t(), b.sync(r.t()).basisT());
      TxReport heard1 = reports.poll(5, TimeUnit.SECONDS);
      TxReport heard2 = reports.poll(5, TimeUnit.SECONDS);
      assertNotNull(heard2);
      assertEquals(r.t() - 1, heard1.t());
      assertEquals(r.t(), heard2.t());
      assertEquals(r.txData(), heard2.txData());
    }
    try (DatoliteConnection again = Datolite.connect(url, null)) {
      assertNotNull(again.db().entid(List.of(Keyword.of("person/email"), "shared@x")),
          "a mem: database lives as long as the JVM");
    }
  }

  @Test
  void fileDatabase_survivesReconnecting(@TempDir Path dir) {
    String url = "file:" + dir;
    Properties props = new Properties();
    props.setProperty("db", "people");
    long t;
    try (DatoliteConnection conn = Datolite.connect(url, props)) {
      conn.transact(SCHEMA);
      t = conn.transact("[{:person/email \"kept@x\" :person/name \"Kept\"}]").t();
    }
    try (DatoliteConnection conn = Datolite.connect(url, props)) {
      Database db = conn.db();
      assertEquals(t, db.basisT());
      Long e = db.entid(List.of(Keyword.of("person/email"), "kept@x"));
      assertEquals("Kept", list(db.datoms(Index.EAVT, e, Keyword.of("person/name"))).get(0).v());
    }
  }

  @Test
  void rejectedTransactions_throwWithTheirCode_andChangeNothing() {
    try (DatoliteConnection conn = Datolite.connect(memUrl(), null)) {
      conn.transact(SCHEMA);
      long before = conn.db().basisT();
      TxException malformed = assertThrows(TxException.class, () -> conn.transact("[{:person/email \"x\""));
      assertEquals(TxErrorCode.MALFORMED_TX_DATA, malformed.code());
      TxException unknown = assertThrows(TxException.class, () -> conn.transact("[{:no/such 1}]"));
      assertEquals(TxErrorCode.UNKNOWN_ATTRIBUTE, unknown.code());
      TxException type = assertThrows(TxException.class, () -> conn.transact("[{:person/age \"old\"}]"));
      assertEquals(TxErrorCode.WRONG_TYPE, type.code());
      assertEquals(before, conn.db().basisT());
      ExecutionException async = assertThrows(ExecutionException.class,
          () -> conn.transactAsync("[{:person/age \"old\"}]").get(5, TimeUnit.SECONDS));
      assertEquals(TxErrorCode.WRONG_TYPE, ((TxException) async.getCause()).code());
    }
  }

  @Test
  void badUrlsAndProperties_failTheConnectClearly() {
    DatoliteException url = assertThrows(DatoliteException.class, () -> Datolite.connect("h2:mem:x", null));
    assertEquals("08001", url.sqlState());
    assertTrue(url.getMessage().contains("expected mem:NAME, file:PATH or postgresql://"), url.getMessage());
    assertEquals("08001", assertThrows(DatoliteException.class, () -> Datolite.connect(null, null)).sqlState());
    assertEquals("08001", assertThrows(DatoliteException.class, () -> Datolite.connect("mem:", null)).sqlState());
    assertEquals("08001", assertThrows(DatoliteException.class, () -> Datolite.connect("mem:bad name!", null))
        .sqlState());
    assertEquals("28000", assertThrows(DatoliteException.class,
        () -> Datolite.connect("postgresql://localhost/x?db=y", null)).sqlState(), "a peer needs the secret");
    Properties unknown = new Properties();
    unknown.setProperty("segment-cache", "12");
    DatoliteException prop = assertThrows(DatoliteException.class, () -> Datolite.connect(memUrl(), unknown));
    assertEquals("42704", prop.sqlState());
    assertTrue(prop.getMessage().startsWith("unknown connection property 'segment-cache'; expected one of db,"),
        prop.getMessage());
    Properties bad = new Properties();
    bad.setProperty("transact-timeout-ms", "soon");
    DatoliteException value = assertThrows(DatoliteException.class, () -> Datolite.connect(memUrl(), bad));
    assertEquals("22023", value.sqlState());
    assertEquals("connection property 'transact-timeout-ms' is 'soon'; expected how long transact waits for the"
        + " outcome, 1..3600000 ms", value.getMessage());
    Properties jdbc = new Properties();
    jdbc.setProperty("user", "sa");
    jdbc.setProperty("password", "");
    Datolite.connect(memUrl(), jdbc).close();
  }

  @Test
  void seekDatoms_indexRange_andTheLog() {
    try (DatoliteConnection conn = Datolite.connect(memUrl(), null)) {
      conn.transact(SCHEMA);
      List<TxReport> reports = new ArrayList<>();
      for (int age = 10; age <= 50; age += 10) {
        reports.add(conn.transact("[{:person/email \"" + age + "@x\" :person/age " + age + "}]"));
      }
      Database db = conn.db();
      Keyword age = Keyword.of("person/age");
      List<Object> ages = list(db.indexRange(age, 20, 40)).stream().map(Datom::v).map(Object.class::cast).toList();
      assertEquals(List.of(20L, 30L), ages, "start inclusive, end exclusive");
      assertEquals(List.of(40L, 50L), list(db.indexRange(age, 40, null)).stream().map(Datom::v).toList());
      assertEquals(5, list(db.indexRange(age, null, null)).size());
      Keyword email = Keyword.of("person/email");
      List<Datom> seek = list(db.seekDatoms(Index.AVET, email, "30@x"));
      assertEquals(List.of("30@x", "40@x", "50@x"), seek.subList(0, 3).stream().map(Datom::v).toList());
      assertTrue(seek.stream().anyMatch(d -> d.a() == db.entid(age)),
          "seek runs on past the attribute (to :person/age, installed later) to the end of the index");
      List<Transaction> log = db.txRange(reports.get(1).t(), reports.get(3).t());
      assertEquals(List.of(reports.get(1).t(), reports.get(2).t()), log.stream().map(Transaction::t).toList());
      assertEquals(reports.get(1).txData(), log.get(0).data());
      assertEquals(db.basisT() + 1, db.txRange(null, null).size(), "every transaction from t 0");
      assertEquals(List.of(), db.txRange(reports.get(3).t(), reports.get(1).t()));
      assertEquals(1, db.asOf(reports.get(0).t()).txRange(reports.get(4).t(), null).size(),
          "an as-of value's log is bounded by its basis, not the as-of point");
    }
  }

  @Test
  void entity_isLazyAndNavigable_bothWays() {
    try (DatoliteConnection conn = Datolite.connect(memUrl(), null)) {
      conn.transact(SCHEMA);
      TxReport r = conn.transact("[{:db/id \"a\" :person/email \"a@x\" :person/name \"Ann\"}"
          + " {:db/id \"b\" :person/email \"b@x\" :person/friend [\"a\"]}]");
      Database db = conn.db();
      Entity b = db.entity(List.of(Keyword.of("person/email"), "b@x"));
      assertEquals(r.tempids().get("b"), b.id());
      Object friends = b.get(Keyword.of("person/friend"));
      assertTrue(friends instanceof Set<?> set && set.size() == 1, String.valueOf(friends));
      Entity a = (Entity) ((Set<?>) friends).iterator().next();
      assertEquals("Ann", a.get(":person/name"));
      assertNull(a.get(Keyword.of("person/age")));
      assertEquals(Set.of(b), a.get(Keyword.of("person/_friend")), "reverse ref");
      assertEquals(Set.of(Keyword.of("person/email"), Keyword.of("person/name")), a.keySet());
      assertEquals("a@x", a.toMap().get(Keyword.of("person/email")));
      assertNull(db.entity(List.of(Keyword.of("person/email"), "nobody@x")));
      assertEquals("42703", assertThrows(DatoliteException.class, () -> a.get(Keyword.of("person/_name"))).sqlState());
      assertEquals("42703", assertThrows(DatoliteException.class, () -> a.get(Keyword.of("no/such"))).sqlState());
    }
  }

  @Test
  void txDataAsObjects_isTheSameAsItsText() {
    try (DatoliteConnection conn = Datolite.connect(memUrl(), null)) {
      conn.transact(SCHEMA);
      Keyword email = Keyword.of("person/email");
      Keyword age = Keyword.of("person/age");
      Map<Object, Object> entity = new LinkedHashMap<>();
      entity.put(Keyword.of("db/id"), "o");
      entity.put(email, "o@x");
      entity.put(age, 7L);
      TxReport r = conn.transact(List.of(entity));
      long o = r.tempids().get("o");
      assertEquals(7L, list(conn.db().datoms(Index.EAVT, o, age)).get(0).v());
      TxReport spec = conn.db().with(List.of(List.of(Keyword.of("db/add"), o, age, 8L)));
      assertEquals(8L, list(spec.dbAfter().datoms(Index.EAVT, o, age)).get(0).v());
      assertEquals(7L, list(conn.db().datoms(Index.EAVT, o, age)).get(0).v(), "with writes nothing");
      TxException e = assertThrows(TxException.class, () -> conn.transact(List.of(List.of(Keyword.of("db/add"), o, age,
          "old"))));
      assertEquals(TxErrorCode.WRONG_TYPE, e.code());
      assertEquals(TxErrorCode.MALFORMED_TX_DATA, assertThrows(TxException.class,
          () -> conn.transact(List.of("not a form"))).code());
    }
  }

  @Test
  void with_isSpeculative_composes_andAppliesToAsOfValues() {
    try (DatoliteConnection conn = Datolite.connect(memUrl(), null)) {
      conn.transact(SCHEMA);
      TxReport t1 = conn.transact("[{:db/id \"p\" :person/email \"p@x\" :person/age 30}]");
      long p = t1.tempids().get("p");
      conn.transact("[[:db/add " + p + " :person/age 31] {:person/email \"later@x\"}]");
      Database now = conn.db();
      Keyword age = Keyword.of("person/age");
      Keyword email = Keyword.of("person/email");

      TxReport spec = now.with("[{:db/id \"q\" :person/email \"q@x\"}]");
      long q = spec.tempids().get("q");
      assertEquals(now.basisT() + 1, spec.dbAfter().basisT());
      assertEquals(now, spec.dbBefore());
      assertEquals(q, spec.dbAfter().entid(List.of(email, "q@x")));
      assertNull(conn.db().entid(List.of(email, "q@x")), "nothing was written");
      assertEquals(now.basisT(), conn.db().basisT());

      TxReport again = spec.dbAfter().with("[[:db/add " + q + " :person/age 5]]");
      assertEquals(5L, list(again.dbAfter().datoms(Index.EAVT, q, age)).get(0).v(), "with on a with");
      assertEquals(List.of(), list(again.dbAfter().asOf(now.basisT()).datoms(Index.EAVT, q)),
          "as-of before the speculation hides it");

      Database past = now.asOf(t1.t());
      TxReport onPast = past.with("[{:db/id \"r\" :person/email \"r@x\"} [:db/add " + p + " :person/name \"P\"]]");
      Database after = onPast.dbAfter();
      assertEquals(30L, list(after.datoms(Index.EAVT, p, age)).get(0).v(), "the past state, not the present one");
      assertEquals("P", list(after.datoms(Index.EAVT, p, Keyword.of("person/name"))).get(0).v(),
          "plus the speculative transaction");
      assertNotNull(after.entid(List.of(email, "r@x")));
      assertNull(after.entid(List.of(email, "later@x")), "a later real transaction stays hidden");
      assertEquals(List.of(), list(onPast.dbBefore().datoms(Index.EAVT, p, Keyword.of("person/name"))));

      TxException rejected = assertThrows(TxException.class, () -> now.with("[{:person/age \"old\"}]"));
      assertEquals(TxErrorCode.WRONG_TYPE, rejected.code());
      assertEquals(TxErrorCode.MALFORMED_TX_DATA, assertThrows(TxException.class, () -> now.with("[")).code());
      TxException unique = assertThrows(TxException.class,
          () -> spec.dbAfter().with("[[:db/add " + p + " :person/email \"q@x\"]]"));
      assertEquals(TxErrorCode.UNIQUE_CONFLICT, unique.code(), "the speculative value is checked like a real one");
    }
  }

  @Test
  void closedConnection_refusesWork_andClosingTwiceIsHarmless() {
    DatoliteConnection conn = Datolite.connect(memUrl(), null);
    conn.close();
    conn.close();
    DatoliteException e = assertThrows(DatoliteException.class, conn::db);
    assertEquals("08003", e.sqlState());
    assertThrows(DatoliteException.class, () -> conn.transact("[]"));
  }
}
