package org.datolite;

import static org.datolite.QueryFixture.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.error.SqlState;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.storage.kv.Stores;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.testkit.PostgresDatabase;
import org.datolite.testkit.WithPostgres;
import org.datolite.transactor.TransactorConfig;
import org.datolite.transactor.server.TransactorServer;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer of a standalone transactor on PostgreSQL storage (the server runs in this JVM, the peer
 * talks to it over the wire protocol and reads storage itself): read-your-writes, commits of
 * others arriving as pushes, an index swap, and a peer opened mid-stream catching up from the
 * root and the log.
 */
@WithPostgres
class RemotePeerTest {
  private static final String SECRET = "remote-peer-test-secret-0123456789";
  private static final Keyword EMAIL = Keyword.of("person/email");
  private static final Keyword NAME = Keyword.of("person/name");

  private final PostgresDatabase pg;
  private TransactorServer server;
  private String url;

  RemotePeerTest(PostgresDatabase pg) {
    this.pg = pg;
  }

  @BeforeEach
  void startTransactor() throws Exception {
    String storage = "postgresql://" + pg.jdbcUrl().substring("jdbc:postgresql://".length());
    String database = "shop" + System.nanoTime();
    server = TransactorServer.start(Stores.open(storage), new SegmentCache(), TransactorConfig.defaults(database),
        new TransactorServer.Settings("127.0.0.1", 0, null, SECRET.getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(2), null)); // a short heartbeat lapses under a loaded CI machine and writes pause
    assertTrue(server.awaitActive(Duration.ofSeconds(30)));
    url = storage + (storage.contains("?") ? "&" : "?") + "db=" + database;
  }

  @AfterEach
  void stopTransactor() {
    server.close();
  }

  private static Properties secret() {
    Properties p = new Properties();
    p.setProperty("secret", SECRET);
    return p;
  }


  private Object name(Database db, String email) {
    Long e = db.entid(List.of(EMAIL, email));
    return e == null ? null : db.entity(e).get(NAME);
  }

  @Test
  void writesAreReadBack_othersCommitsArrive_andAnIndexSwapChangesNothing() throws Exception {
    try (DatoliteConnection conn = Datolite.connect(Datolite.JDBC_PREFIX + url, secret())) {
      BlockingQueue<TxReport> reports = conn.txReports();
      conn.transact("[{:db/ident :person/email :db/valueType :db.type/string :db/cardinality :db.cardinality/one"
          + " :db/unique :db.unique/identity}"
          + " {:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]");
      TxReport r = conn.transact("[{:db/id \"a\" :person/email \"a@x\" :person/name \"Ann\"}]");
      assertEquals(r.t(), conn.db().basisT(), "read your writes: the peer has the transaction when transact returns");
      assertEquals("Ann", name(conn.db(), "a@x"));
      assertEquals("Ann", name(r.dbAfter(), "a@x"));
      assertEquals(null, name(r.dbBefore(), "a@x"));
      assertNotNull(r.tempids().get("a"));

      // Another writer (the transactor's own API): the push brings it.
      long t = server.transactor().transact(Edn.read("[{:person/email \"b@x\" :person/name \"Bob\"}]")).t();
      Database synced = conn.sync(t);
      assertEquals("Bob", name(synced, "b@x"));
      List<Long> heard = new ArrayList<>();
      for (TxReport report; (report = reports.poll(5, TimeUnit.SECONDS)) != null && heard.size() < 3; ) {
        heard.add(report.t());
        if (report.t() == t) {
          assertNotNull(report.txUuid());
          assertTrue(report.txData().stream().anyMatch(d -> "Bob".equals(d.v())));
          break;
        }
      }
      assertEquals(t, heard.get(heard.size() - 1));

      // An index job moves everything into the trees; the peer swaps to them.
      server.transactor().requestIndex();
      long deadline = System.currentTimeMillis() + 20_000;
      while (server.transactor().db().persisted().basisT() < t && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(server.transactor().db().persisted().basisT() >= t, "the index job finished");
      while (conn.db().db().persistedBasisTx() < Ids.tx(t) && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(conn.db().db().persistedBasisTx() >= Ids.tx(t), "the peer swapped to the new trees");
      TxReport after = conn.transact("[{:person/email \"c@x\" :person/name \"Cid\"}]");
      Database db = conn.db();
      assertEquals(after.t(), db.basisT());
      assertEquals("Ann", name(db, "a@x"));
      assertEquals("Bob", name(db, "b@x"));
      assertEquals("Cid", name(db, "c@x"));
      assertEquals(3, list(db.datoms(Index.AVET, EMAIL)).size());
      assertEquals(null, name(db.asOf(r.t()), "b@x"), "as-of across the swap");
    }
  }

  @Test
  void reports_carryTheirDatoms_sentAsTextOrAsForms_andTheLogStillHasThemAfterAnIndexJob() throws Exception {
    try (DatoliteConnection conn = Datolite.connect(Datolite.JDBC_PREFIX + url, secret())) {
      conn.transact("[{:db/ident :person/email :db/valueType :db.type/string :db/cardinality :db.cardinality/one"
          + " :db/unique :db.unique/identity}"
          + " {:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]");
      TxReport text = conn.transact("[{:db/id \"a\" :person/email \"a@x\" :person/name \"Ann\"}]");
      assertTrue(text.txData().stream().anyMatch(d -> "Ann".equals(d.v())), "datoms: " + text.txData());
      Map<Object, Object> row = new LinkedHashMap<>();
      row.put(Keyword.of("db/id"), "b");
      row.put(EMAIL, "b@x");
      row.put(NAME, "Bøb");
      TxReport forms = conn.transact(List.of(row)); // binary forms under protocol 2
      assertEquals(forms.t(), conn.db().basisT());
      assertEquals("Bøb", name(conn.db(), "b@x"));
      Long b = forms.tempids().get("b");
      assertNotNull(b);
      assertTrue(forms.txData().stream().anyMatch(d -> d.e() == b && "Bøb".equals(d.v())), "datoms: " + forms.txData());
      Datom instant = forms.txData().stream().filter(d -> d.a() == Bootstrap.TX_INSTANT).findFirst().orElseThrow();
      assertEquals(instant.v(), forms.instant());
      assertEquals(Ids.tx(forms.t()), forms.tx());

      // After an index job the peer's novelty no longer holds them; a report built then reads the log.
      server.transactor().requestIndex();
      long deadline = System.currentTimeMillis() + 20_000;
      while (conn.db().db().persistedBasisTx() < forms.tx() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(conn.db().db().persistedBasisTx() >= forms.tx(), "the peer swapped to the new trees");
      RemotePeer peer = (RemotePeer) ((PeerConnection) conn).peer();
      assertEquals(forms.txData(), peer.fromLog(forms.t()));
      assertEquals(List.of(), peer.fromLog(forms.t() + 1000), "a t the log does not hold");
    }
  }

  @Test
  void transactionsUnderTheCallersUuid_areAppliedOnce_andAGoneTransactorIsUnknown() {
    try (DatoliteConnection conn = Datolite.connect(url, secret())) {
      IdempotencyChecks.check(conn);
      server.close();
      TxStatus status = conn.txStatus(UUID.randomUUID());
      assertEquals(TxStatus.State.UNKNOWN, status.state(), status.toString());
      assertNotNull(status.reason());
    }
  }

  @Test
  void keepaliveAndReconnectProperties_areCheckedTogether() {
    Properties p = secret();
    p.setProperty("transactor-idle-timeout-ms", "300");
    p.setProperty("transactor-ping-ms", "200");
    DatoliteException e = assertThrows(DatoliteException.class, () -> Datolite.connect(url, p));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.state());
    assertTrue(e.getMessage().contains("transactor-idle-timeout-ms") && e.getMessage().contains("transactor-ping-ms"),
        e.getMessage());
    Properties q = secret();
    q.setProperty("reconnect-min-ms", "500");
    q.setProperty("reconnect-max-ms", "100");
    e = assertThrows(DatoliteException.class, () -> Datolite.connect(url, q));
    assertTrue(e.getMessage().contains("reconnect-max-ms"), e.getMessage());
    // set explicitly, or left to follow the transactor's heartbeat: the peer connects and transacts
    Properties r = secret();
    r.setProperty("transactor-idle-timeout-ms", "1000");
    r.setProperty("transactor-ping-ms", "100");
    r.setProperty("reconnect-min-ms", "20");
    r.setProperty("reconnect-max-ms", "500");
    try (DatoliteConnection conn = Datolite.connect(url, r)) {
      conn.transact("[{:db/ident :k/v :db/valueType :db.type/long :db/cardinality :db.cardinality/one}]");
    }
    try (DatoliteConnection conn = Datolite.connect(url, secret())) {
      assertEquals(TxStatus.State.NOT_COMMITTED, conn.txStatus(UUID.randomUUID()).state());
    }
  }

  @Test
  void aPeerOpenedMidStream_catchesUpFromTheRootAndTheLog() throws Exception {
    server.transactor().transact(Edn.read("[{:db/ident :person/email :db/valueType :db.type/string"
        + " :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}"
        + " {:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]"));
    for (int i = 0; i < 20; i++) {
      server.transactor().transact(Edn.read("[{:person/email \"" + i + "@x\" :person/name \"N" + i + "\"}]"));
      if (i == 9) {
        server.transactor().requestIndex(); // half of it in the trees, half in the log only
      }
    }
    long t = server.transactor().basisT();
    try (DatoliteConnection conn = Datolite.connect(url, secret())) {
      Database db = conn.sync(t);
      for (int i = 0; i < 20; i++) {
        assertEquals("N" + i, name(db, i + "@x"));
      }
      assertEquals(20, list(db.datoms(Index.AVET, EMAIL)).size());
      assertEquals(t + 1, db.txRange(null, null).size(), "the log from t 0");
    }
  }

  /** Issue 9: a connection that would share an open peer must present that peer's secret. */
  @Test
  void connect_withWrongSecretToAnOpenPeer_isRefusedWith28000() throws Exception {
    Properties wrong = new Properties();
    wrong.setProperty("secret", "not-the-right-secret-at-all");
    try (DatoliteConnection conn = Datolite.connect(url, secret())) {
      conn.transact("[{:db/ident :person/name :db/valueType :db.type/string :db/cardinality :db.cardinality/one}]");
      long t = conn.db().basisT();
      DatoliteException e = assertThrows(DatoliteException.class, () -> Datolite.connect(url, wrong));
      assertEquals("28000", e.sqlState());
      assertTrue(e.getMessage().contains("secret"), e.getMessage());
      assertTrue(!e.getMessage().contains(SECRET) && !e.getMessage().contains("not-the-right"), e.getMessage());
      Properties longer = new Properties();
      longer.setProperty("secret", SECRET + "x");
      assertEquals("28000", assertThrows(DatoliteException.class, () -> Datolite.connect(url, longer)).sqlState());
      assertEquals(t, conn.db().basisT(), "nothing was written");
      try (DatoliteConnection same = Datolite.connect(url, secret())) {
        assertEquals(t, same.db().basisT(), "the right secret still shares the peer");
      }
    }
    // With no peer open, a wrong secret is refused by the transactor.
    DatoliteException fresh = assertThrows(DatoliteException.class, () -> Datolite.connect(url, wrong));
    assertEquals("28000", fresh.sqlState(), fresh.getMessage());
  }

  @Test
  void badSecretsAndMissingDatabases_failClearly() {
    Properties shortSecret = new Properties();
    shortSecret.setProperty("secret", "short");
    assertEquals("28000", assertThrows(DatoliteException.class, () -> Datolite.connect(url, shortSecret)).sqlState());
    String missing = url.replaceAll("db=[^&]*", "db=nothing_here");
    DatoliteException e = assertThrows(DatoliteException.class, () -> Datolite.connect(missing, secret()));
    assertEquals("08001", e.sqlState());
    assertTrue(e.getMessage().startsWith("no database nothing_here in "), e.getMessage());
  }
}
