package org.datolite.transactor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.datolite.datom.Index;
import org.datolite.edn.Edn;
import org.datolite.storage.kv.MemoryStore;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.transactor.Transactor;
import org.datolite.transactor.TransactorConfig;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.protocol.ProtocolErrorCode;
import org.datolite.transactor.protocol.ProtocolException;
import org.datolite.transactor.remote.Lease;
import org.datolite.transactor.remote.PeerProtocol;
import org.datolite.transactor.remote.TransactorClient;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;
import org.datolite.value.Keyword;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Peers and transactors over the network, in one JVM: the protocol, failover and fencing. */
public class TransactorServerTest {
  public static final byte[] SECRET = "a shared secret of some length".getBytes(StandardCharsets.UTF_8);
  static final String SCHEMA = "[{:db/ident :item/name :db/valueType :db.type/string"
      + " :db/cardinality :db.cardinality/one :db/unique :db.unique/identity}]";

  private final MemoryStore kv = new MemoryStore("remote");
  private final TransactorConfig config = TransactorConfig.defaults("db");
  private final List<AutoCloseable> open = new ArrayList<>();

  private TransactorServer server() {
    return server(0);
  }

  private TransactorServer server(int port) {
    TransactorServer s = TransactorServer.start(kv, new SegmentCache(64L << 20), config,
        new TransactorServer.Settings("127.0.0.1", port, "127.0.0.1", SECRET, Duration.ofMillis(100), null));
    open.add(s);
    return s;
  }

  private Lease lease() {
    return Lease.decode(Lease.read(kv, config.keyPrefix()).value(), Lease.key(config.keyPrefix()));
  }

  private static ServerSocket takePort(int port) throws Exception {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    return s;
  }

  private TransactorClient client(TransactorClient.Listener listener) {
    TransactorClient c = TransactorClient.connect(kv, config.keyPrefix(), SECRET, null, listener);
    assertEquals(Duration.ofSeconds(10), c.timeout(), "the default timeout");
    open.add(c);
    assertTrue(c.awaitConnected(Duration.ofSeconds(10)), "client connected");
    return c;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void peer_transactsSyncsAndHearsEveryCommit() throws Exception {
    TransactorServer server = server();
    assertTrue(server.awaitActive(Duration.ofSeconds(10)));
    List<Long> heard = new CopyOnWriteArrayList<>();
    TransactorClient client = client(new TransactorClient.Listener() {
      @Override
      public void novelty(List<CommittedTx> txs) {
        txs.forEach(tx -> heard.add(tx.t()));
      }
    });
    PeerProtocol.TxOutcome schema = client.transact(SCHEMA);
    PeerProtocol.TxOutcome r = client.transact("[{:db/id \"a\" :item/name \"apple\"}]");
    assertEquals(schema.t() + 1, r.t());
    assertTrue(r.tempids().containsKey("a"));
    assertNotNull(r.instant());
    assertEquals(r.t(), client.sync(r.t()));
    assertEquals(r.t(), client.committedT(r.txUuid()));
    assertEquals(null, client.committedT(UUID.randomUUID()));
    long deadline = System.currentTimeMillis() + 5000;
    while (!heard.contains(r.t()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(heard.contains(schema.t()) && heard.contains(r.t()), "novelty pushes: " + heard);
    for (int i = 1; i < heard.size(); i++) {
      assertEquals(heard.get(i - 1) + 1, heard.get(i), "in order, without gaps: " + heard);
    }
  }

  @Test
  void novelty_ofALargeBatch_isSplitIntoWholeTransactions_inOrder() throws Exception {
    TransactorServer server = server();
    assertTrue(server.awaitActive(Duration.ofSeconds(10)));
    server.pushSplitBytes(1); // every batch of several transactions is split
    List<List<Long>> pushes = new CopyOnWriteArrayList<>();
    TransactorClient client = client(new TransactorClient.Listener() {
      @Override
      public void novelty(List<CommittedTx> txs) {
        pushes.add(txs.stream().map(CommittedTx::t).toList());
      }
    });
    long first = client.transact(SCHEMA).t() + 1;
    List<CompletableFuture<PeerProtocol.TxOutcome>> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sent.add(client.transactAsync("[{:item/name \"n" + i + "\"}]", UUID.randomUUID()));
    }
    long last = 0;
    for (CompletableFuture<PeerProtocol.TxOutcome> f : sent) {
      last = Math.max(last, client.await(f).t());
    }
    Assumptions.assumeTrue(
        server.transactor().stats().transactions() > server.transactor().stats().batches(),
        "no batch held several transactions this time, so there was nothing to split");
    long deadline = System.currentTimeMillis() + 5000;
    while (pushes.stream().flatMap(List::stream).noneMatch(Long.valueOf(last)::equals)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    List<Long> heard = pushes.stream().flatMap(List::stream).filter(t -> t >= first).toList();
    assertEquals(LongStream.rangeClosed(first, last).boxed().toList(), heard, "in order, no gaps");
    assertTrue(pushes.stream().allMatch(p -> p.size() == 1), "split into single transactions: " + pushes);
  }

  @Test
  void rejectedTransactions_keepTheirCodeAcrossTheWire() throws Exception {
    assertTrue(server().awaitActive(Duration.ofSeconds(10)));
    TransactorClient client = client(new TransactorClient.Listener() {});
    client.transact(SCHEMA);
    TxException e = assertThrows(TxException.class, () -> client.transact("[{:item/nope 1}]"));
    assertEquals(TxErrorCode.UNKNOWN_ATTRIBUTE, e.code());
    assertTrue(e.getMessage().contains(":item/nope"), e.getMessage());
    e = assertThrows(TxException.class, () -> client.transact("[{:item/name \"x\"} ]]"));
    assertEquals(TxErrorCode.MALFORMED_TX_DATA, e.code());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void crashedTransactor_isReplacedByTheStandbyAndPeersFollow() throws Exception {
    TransactorServer first = server();
    assertTrue(first.awaitActive(Duration.ofSeconds(10)));
    TransactorServer standby = server();
    TransactorClient client = client(new TransactorClient.Listener() {});
    client.transact(SCHEMA);
    PeerProtocol.TxOutcome before = client.transact("[{:item/name \"before\"}]");
    assertFalse(standby.isActive());
    long crashedAt = System.nanoTime();
    first.crash();
    assertTrue(standby.awaitActive(Duration.ofSeconds(10)), "the standby took over");
    long tookMillis = (System.nanoTime() - crashedAt) / 1_000_000;
    assertTrue(tookMillis < 2000, "failover took " + tookMillis + " ms with a 100 ms heartbeat");
    PeerProtocol.TxOutcome after = null;
    for (int attempt = 0; after == null && attempt < 50; attempt++) {
      try {
        after = client.transact("[{:item/name \"after\"}]");
      } catch (TransactorException e) {
        Thread.sleep(100); // reconnecting
      }
    }
    assertNotNull(after, "the peer reached the new transactor");
    assertTrue(after.t() > before.t() + 1, "the takeover transaction lies between: " + before.t() + " " + after.t());
    assertEquals(before.t(), client.committedT(before.txUuid()));
  }

  @Test
  void pausedTransactor_cannotWriteAfterItsStandbyTookOver() throws Exception {
    TransactorServer first = server();
    assertTrue(first.awaitActive(Duration.ofSeconds(10)));
    Transactor old = first.transactor();
    old.transact(Edn.read(SCHEMA));
    TransactorServer standby = server();
    first.pause();
    assertTrue(standby.awaitActive(Duration.ofSeconds(10)), "the standby took over from the paused one");
    // The paused process wakes and tries to write: its lease is stale, so it refuses; were it to
    // try anyway, the slot after its last commit is taken and storage no longer names it.
    TransactorException e = assertThrows(TransactorException.class, () -> old.transact(Edn.read("[{:item/name \"zombie\"}]")));
    assertTrue(e.code() == TransactorException.Code.UNAVAILABLE || e.code() == TransactorException.Code.DEPOSED,
        e.getMessage());
    assertTrue(e.outcomeKnown(), "it certainly did not write");
    first.resume();
    long deadline = System.currentTimeMillis() + 5000;
    while (first.isActive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertFalse(first.isActive(), "the old transactor saw its lease gone and stepped down");
    Transactor current = standby.transactor();
    current.transact(Edn.read("[{:item/name \"alive\"}]"));
    assertTrue(current.db().first(Index.AVET, current.schema().entid(
        Keyword.of(":item/name")), "zombie") == null);
  }

  @Test
  void closedTransactor_releasesTheLeaseForAnImmediateTakeover() throws Exception {
    TransactorServer first = server();
    assertTrue(first.awaitActive(Duration.ofSeconds(10)));
    TransactorServer standby = server();
    Thread.sleep(50);
    first.close();
    assertTrue(standby.awaitActive(Duration.ofSeconds(5)));
  }

  /** Transacts through the client, retrying while it reconnects to a new transactor. */
  private static PeerProtocol.TxOutcome transactRetrying(TransactorClient client, String edn) throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        return client.transact(edn);
      } catch (TransactorException e) {
        Thread.sleep(100); // reconnecting
      }
    }
    throw new AssertionError("the peer did not reach a transactor");
  }

  @Test
  void failedTransactor_givesUpTheLeaseAndTheStandbyTakesOver() throws Exception {
    TransactorServer first = server();
    assertTrue(first.awaitActive(Duration.ofSeconds(10)));
    TransactorServer standby = server();
    TransactorClient client = client(new TransactorClient.Listener() {});
    client.transact(SCHEMA);
    PeerProtocol.TxOutcome before = client.transact("[{:item/name \"before\"}]");
    Lease held = lease();
    // The writer stops underneath a server that goes on running, as when it dies.
    Transactor failed = first.transactor();
    failed.close();
    assertEquals(TransactorException.Code.CLOSED, failed.failure().code());
    long failedAt = System.nanoTime();
    assertTrue(standby.awaitActive(Duration.ofSeconds(10)), "the standby took over");
    long tookMillis = (System.nanoTime() - failedAt) / 1_000_000;
    assertTrue(tookMillis < 1000, "the lease was released, not left to lapse: took " + tookMillis + " ms");
    assertFalse(first.isActive(), "the server of the failed transactor stepped down");
    assertEquals(held.epoch() + 1, lease().epoch());
    PeerProtocol.TxOutcome after = transactRetrying(client, "[{:item/name \"after\"}]");
    assertTrue(after.t() > before.t() + 1, "the takeover transaction lies between: " + before.t() + " " + after.t());
    Thread.sleep(500); // five heartbeats: the failed server does not take the lease back
    assertTrue(standby.isActive());
    assertFalse(first.isActive());
  }

  @Test
  void failedTransactor_withoutAStandby_isReplacedByItsOwnServerAfterTwoHeartbeats() throws Exception {
    TransactorServer only = server();
    assertTrue(only.awaitActive(Duration.ofSeconds(10)));
    Transactor failed = only.transactor();
    failed.transact(Edn.read(SCHEMA));
    failed.close();
    long deadline = System.currentTimeMillis() + 10_000;
    Transactor again = null;
    while ((again == null || again == failed) && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
      again = only.transactor();
    }
    assertTrue(again != null && again != failed, "the server took its lease back with a new transactor");
    again.transact(Edn.read("[{:item/name \"again\"}]"));
  }

  @Test
  void secretOutOfBounds_isRefused() {
    for (int length : new int[] {15, 1025}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TransactorServer.Settings(
          "127.0.0.1", 0, "127.0.0.1", new byte[length], Duration.ofMillis(100), null));
      assertEquals("the transactor secret has " + length + " bytes; expected 16 to 1024 bytes", e.getMessage());
    }
  }

  @Test
  void advertisedHost_defaultsToTheBoundHost_unlessThatIsAWildcard() {
    assertEquals("127.0.0.1", new TransactorServer.Settings("127.0.0.1", 0, null, SECRET, Duration.ofMillis(100), null)
        .advertisedHost());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TransactorServer.Settings(
        "0.0.0.0", 0, " ", SECRET, Duration.ofMillis(100), null));
    assertEquals("the transactor binds every interface (0.0.0.0), so peers need the host to connect to;"
        + " set the advertised host", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TransactorServer.Settings(null, 0, "h", SECRET,
        Duration.ofMillis(100), null));
  }

  @Test
  void portTaken_failsTheStart() throws Exception {
    try (ServerSocket taken = takePort(0)) {
      ProtocolException e = assertThrows(ProtocolException.class, () -> server(taken.getLocalPort()));
      assertEquals(ProtocolErrorCode.CONNECT_FAILED, e.code());
      assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
      assertEquals(null, Lease.read(kv, config.keyPrefix()), "it never took the lease");
    }
  }

  @Test
  void portTakenOnActivation_releasesTheLeaseAndStops() throws Exception {
    TransactorServer first = server();
    assertTrue(first.awaitActive(Duration.ofSeconds(10)));
    int port;
    try (ServerSocket free = takePort(0)) {
      port = free.getLocalPort();
    }
    TransactorServer standby = server(port); // the port is free when it starts
    Thread.sleep(50);
    try (ServerSocket taken = takePort(port)) {
      assertTrue(taken.isBound());
      first.close();
      assertTrue(standby.awaitStopped(Duration.ofSeconds(10)), "the standby that could not listen stopped");
      assertFalse(standby.isActive());
      assertTrue(standby.failure() instanceof ProtocolException p && p.code() == ProtocolErrorCode.CONNECT_FAILED
          && p.getMessage().contains(":" + port), String.valueOf(standby.failure()));
      assertEquals(0, lease().heartbeatMillis(), "it released the lease");
      TransactorServer next = server();
      assertTrue(next.awaitActive(Duration.ofSeconds(5)), "a later standby takes the released lease");
    }
  }

  @Test
  void wrongSecret_neverConnects() throws Exception {
    assertTrue(server().awaitActive(Duration.ofSeconds(10)));
    TransactorClient bad = TransactorClient.connect(kv, config.keyPrefix(),
        "not the right secret at all".getBytes(StandardCharsets.UTF_8), null, Duration.ofMillis(500),
        new TransactorClient.Listener() {});
    open.add(bad);
    assertFalse(bad.awaitConnected(Duration.ofMillis(700)));
    TransactorException e = assertThrows(TransactorException.class, () -> bad.transact("[]"));
    assertTrue(e.code() == TransactorException.Code.UNAVAILABLE || e.code() == TransactorException.Code.TIMEOUT,
        e.getMessage());
  }
}
