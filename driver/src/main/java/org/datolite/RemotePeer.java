package org.datolite;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.datolite.datom.Datom;
import org.datolite.error.SqlState;
import org.datolite.schema.Attribute;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.DeferredDatoms;
import org.datolite.storage.log.LogBlock;
import org.datolite.storage.log.LogScan;
import org.datolite.storage.tree.IndexRoots;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.storage.tree.TreeConfig;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.protocol.ProtocolException;
import org.datolite.transactor.remote.PeerProtocol;
import org.datolite.transactor.remote.TransactorClient;
import org.datolite.value.Uuids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer of a standalone transactor ({@code postgresql:} URLs): it reads the persisted index
 * trees and the log from storage itself, keeps the novelty since the last index job in memory,
 * fed by the transactor's NOVELTY pushes, swaps to new trees on INDEXED pushes, and sends writes
 * over the wire protocol. A push that skips transactions (the connection dropped, or the peer
 * connected mid-stream) is filled in from the log in storage, which holds every acknowledged
 * transaction before its push is sent.
 *
 * <p>All changes to the peer's state happen under its lock (pushes arrive on one thread, log
 * catch-ups on callers); readers take the published {@link View}, which never changes.
 */
final class RemotePeer extends SharedPeer {
  private static final Logger LOG = LoggerFactory.getLogger(RemotePeer.class);
  /** How long opening a peer waits for the transactor connection before returning anyway. */
  private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);

  /** The trees, the novelty above them and the basis: one consistent state, replaced whole. */
  private record View(IndexSet persisted, long persistedTx, MemoryIndex novelty, long t, Database.TxPosition position) {
    /** The one place a database value over the peer's trees and novelty is built. */
    Db db(long basisTx) {
      return Db.of(persisted, persistedTx, List.of(novelty), basisTx);
    }
  }

  private final String key;
  private final String database;
  private final KeyValueStore kv;
  private final NodeStore nodes;
  private final String prefix;
  private final AtomicReference<Schema> schema = new AtomicReference<>();
  private final ConcurrentSkipListMap<Long, List<CompletableFuture<Void>>> waiters = new ConcurrentSkipListMap<>();
  private final ScheduledExecutorService catchUp;
  /**
   * Whether the client's event thread is applying a push now. A peer behind a commit it waits
   * for while this is so is busy, not missing a push (the transactor pushes a commit before it
   * answers it, on the same connection): reading the log then only repeated the push's work.
   */
  private volatile boolean applyingPush;
  private final TransactorClient client;
  /** SHA-256 of the shared secret the peer authenticates with, to admit later connections. */
  private final byte[] secretDigest;
  private volatile View view;
  /**
   * The database value of the newest view, made once per view and shared by the connections
   * (with what it learns lazily, such as where its next speculative transaction starts).
   */
  private volatile Latest latest;

  private record Latest(View view, Database db) {}

  RemotePeer(String key, String database, KeyValueStore kv, long cacheBytes, byte[] secret,
      TransactorClient.Timing timing) {
    super(kv, database + "/");
    this.key = key;
    this.database = database;
    this.kv = kv;
    this.prefix = database + "/";
    this.secretDigest = digest(secret);
    this.nodes = new NodeStore(kv, new SegmentCache(cacheBytes), prefix);
    this.view = load();
    this.catchUp = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "datolite-peer-catch-up " + database);
      t.setDaemon(true);
      return t;
    });
    this.client = TransactorClient.connect(kv, prefix, secret, null, timing, new TransactorClient.Listener() {
      @Override
      public void novelty(List<CommittedTx> txs) {
        applying(() -> onNovelty(txs));
      }

      @Override
      public void indexed(IndexRoots roots) {
        applying(() -> onIndexed(roots));
      }
    });
    boolean connected;
    Duration timeout = timing.requestTimeout();
    try {
      connected = client.awaitConnectedOrRefused(timeout.compareTo(CONNECT_WAIT) < 0 ? timeout : CONNECT_WAIT);
    } catch (ProtocolException e) { // refused: the secret is wrong (28000), or the builds' protocols do not meet (08004)
      client.close();
      catchUp.shutdownNow();
      throw new DatoliteException(e.code().state(), "cannot open a peer of database " + database + ": " + e.getMessage(), e);
    }
    if (!connected) {
      LOG.warn("peer of {}: the transactor is not reachable yet; reads work, writes fail until it is", key);
    }
    LOG.info("peer of {} loaded at t {} (trees at t {})", key, view.t(),
        view.persistedTx() == Long.MIN_VALUE ? -1 : Ids.t(view.persistedTx()));
  }

  @Override
  public void admit(byte[] secret) {
    // Digests of both sides have one length, so the comparison takes the same time whatever
    // the secret given; MessageDigest.isEqual does not stop at the first difference.
    if (secret == null || !MessageDigest.isEqual(secretDigest, digest(secret))) {
      throw new DatoliteException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "connection property 'secret' does not match the secret of the"
          + " open connections to database " + database + " in this JVM; expected the standalone transactor's"
          + " shared secret");
    }
  }

  private static byte[] digest(byte[] secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  // ---- loading and following ----------------------------------------------------------------------

  /** The trees the root names and the log after them, as recovery reads them (read-only). */
  private View load() {
    KeyValueStore.Versioned root = kv.getVersioned(prefix + "root");
    if (root == null) {
      throw new DatoliteException(SqlState.CONNECTION_UNABLE_TO_CONNECT, "no database " + database + " in " + kv.describe()
          + "; a transactor creates it when it first serves it");
    }
    IndexRoots roots = IndexRoots.decode(root.value(), prefix + "root");
    IndexSet persisted = IndexSet.open(nodes, TreeConfig.DEFAULT, roots);
    long persistedTx = roots.basisT() < 0 ? Long.MIN_VALUE : Ids.tx(roots.basisT());
    MemoryIndex novelty = newNovelty();
    Db trees = Db.of(persisted, persistedTx, List.of(novelty), persistedTx);
    View v = new View(persisted, persistedTx, novelty, roots.basisT(), Database.TxPosition.of(trees));
    schema.set(roots.basisT() < 0 ? Schema.bootstrap() : Schema.of(trees));
    schemaChanged(Long.MIN_VALUE, schema.get());
    return appendFromLog(v, Long.MAX_VALUE);
  }

  private MemoryIndex newNovelty() {
    // sorted when read: what nobody reads before an index job takes it (a bulk load's) is never sorted here
    return new MemoryIndex(a -> schema.get().isRef(a), a -> {
      Attribute attribute = schema.get().attribute(a);
      return attribute != null && attribute.isUnique();
    }, true);
  }

  /**
   * The view with the log's transactions after its basis, up to {@code upToT}, added: read by
   * key in batches from the block after the basis, or from within the block that holds it (a
   * push may have delivered part of a block), never by listing the log ({@link LogScan#readFrom});
   * only a block longer than a batch window, which no group commit writes, falls back to listing.
   */
  private View appendFromLog(View v, long upToT) {
    long[] at = {v.t()};
    Database.TxPosition[] position = {v.position()};
    LogScan.BlockReader reader = (key, txs) -> {
      for (CommittedTx tx : txs) {
        if (tx.t() == at[0] + 1 && at[0] < upToT) {
          add(v, tx);
          at[0] = tx.t();
          position[0] = position[0].after(tx);
        }
      }
      return at[0] < upToT;
    };
    if (LogScan.readFrom(kv, prefix, v.t() + 1, reader) == LogScan.UNKNOWN) {
      List<String> keys = LogReader.keys(kv, prefix);
      for (int i = LogReader.blockHolding(keys, prefix, at[0] + 1); i < keys.size() && at[0] < upToT; i++) {
        byte[] bytes = kv.get(keys.get(i));
        if (bytes == null || !reader.block(keys.get(i), LogBlock.decode(bytes, keys.get(i)))) {
          break;
        }
      }
    }
    return new View(v.persisted(), v.persistedTx(), v.novelty(), at[0], position[0]);
  }

  /** Adds a transaction to the view's novelty; a schema transaction updates the schema before the next one is added. */
  private void add(View v, CommittedTx tx) {
    v.novelty().add(tx);
    if (touchesSchema(tx.datoms())) {
      Schema s = Schema.of(v.db(tx.tx()));
      schema.set(s);
      schemaChanged(tx.tx(), s);
    }
  }

  /** Whether datoms change the schema; a pushed transaction answers from its attributes. */
  private static boolean touchesSchema(List<Datom> datoms) {
    if (datoms instanceof DeferredDatoms d) {
      for (long a : d.attributes()) {
        if (Bootstrap.isSchemaAttribute(a)) {
          return true;
        }
      }
      return false;
    }
    return Bootstrap.touchesSchema(datoms);
  }

  /** Applies a push, flagged as under way meanwhile ({@link #applyingPush}). */
  private void applying(Runnable push) {
    applyingPush = true;
    try {
      push.run();
    } finally {
      applyingPush = false;
    }
  }

  /** NOVELTY: transactions in order; any gap before them is filled from the log first. */
  private synchronized void onNovelty(List<CommittedTx> txs) {
    View v = view;
    long before = v.t();
    for (CommittedTx tx : txs) {
      if (tx.t() <= v.t()) {
        continue; // already read from the log
      }
      if (tx.t() > v.t() + 1) {
        v = appendFromLog(v, tx.t() - 1);
        if (tx.t() > v.t() + 1) {
          LOG.warn("peer of {}: the log lacks t {} to {}; waiting for the next push", key, v.t() + 1, tx.t() - 1);
          break;
        }
      }
      add(v, tx);
      v = new View(v.persisted(), v.persistedTx(), v.novelty(), tx.t(), v.position().after(tx));
    }
    publish(v, before);
  }

  /** INDEXED: newer trees; the novelty keeps only what they do not hold. */
  private synchronized void onIndexed(IndexRoots roots) {
    View v = view;
    if (roots.basisT() < 0 || Ids.tx(roots.basisT()) <= v.persistedTx()) {
      return;
    }
    if (roots.basisT() > v.t()) {
      // Catch up first and publish that, so that its reports still find their datoms in the novelty.
      View caughtUp = appendFromLog(v, roots.basisT());
      publish(caughtUp, v.t());
      v = caughtUp;
    }
    long before = v.t();
    IndexSet persisted = IndexSet.open(nodes, TreeConfig.DEFAULT, roots);
    long persistedTx = Ids.tx(roots.basisT());
    publish(new View(persisted, persistedTx, v.novelty().after(persistedTx), v.t(), v.position()), before);
  }

  /**
   * Reads the log for anything the pushes have not brought (a dropped connection, a lost push):
   * the storage reads happen without the peer's lock, so pushes arriving meanwhile are applied at
   * once; what was read is then added from where the peer is by then.
   */
  private void catchUpFromLog() {
    List<CommittedTx> read = new ArrayList<>();
    long from = view.t() + 1;
    LogScan.BlockReader collect = (key, txs) -> {
      for (CommittedTx tx : txs) {
        if (tx.t() >= from) {
          read.add(tx);
        }
      }
      return true;
    };
    if (LogScan.readFrom(kv, prefix, from, collect) == LogScan.UNKNOWN) {
      synchronized (this) { // a block longer than a batch window: the rare slow path, as before
        View v = view;
        publish(appendFromLog(v, Long.MAX_VALUE), v.t());
      }
      return;
    }
    onNovelty(read); // applied as pushes are, from where the peer is by then
  }

  /** Publishes a new view, wakes whoever waits for a basis it reaches, and tells the connections. */
  private void publish(View next, long before) {
    view = next;
    for (Map.Entry<Long, List<CompletableFuture<Void>>> e : new ArrayList<>(waiters.headMap(next.t(), true).entrySet())) {
      waiters.remove(e.getKey());
      e.getValue().forEach(f -> f.complete(null));
    }
    if (next.t() > before && hasConnections()) {
      List<TxReport> reports = new ArrayList<>();
      for (long t = before + 1; t <= next.t(); t++) {
        reports.add(report(next, t, null, Map.of()));
      }
      deliver(reports);
    }
  }

  private TxReport report(View v, long t, UUID uuid, Map<String, Long> tempids) {
    long tx = Ids.tx(t);
    Db after = v.db(tx);
    List<Datom> data = v.novelty().transaction(tx);
    Instant instant = null;
    UUID txUuid = uuid;
    // the transaction entity's datoms: a pushed transaction has them apart
    for (Datom d : data instanceof DeferredDatoms deferred ? deferred.ofTransaction() : data) {
      if (d.e() == tx && d.a() == Bootstrap.TX_INSTANT && d.added()) {
        instant = (Instant) d.v();
      } else if (d.e() == tx && d.a() == Bootstrap.TX_UUID && d.added() && txUuid == null) {
        txUuid = (UUID) d.v();
      }
    }
    return new TxReport(t, tx, txUuid, instant, database(v.db(Ids.tx(t - 1))), database(after), data, tempids);
  }

  /** Completes once the peer's basis is at least {@code t}; reads the log if no push brings it soon. */
  private CompletableFuture<Void> reach(long t) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiters.computeIfAbsent(t, k -> new CopyOnWriteArrayList<>()).add(f);
    if (view.t() >= t) {
      f.complete(null);
    } else {
      catchUpLater(f);
    }
    return f;
  }

  /** In 100 ms, unless {@code f} is done by then: reads the log, or waits again while a push is being applied. */
  private void catchUpLater(CompletableFuture<Void> f) {
    catchUp.schedule(() -> {
      if (f.isDone()) {
        return;
      }
      if (applyingPush) {
        catchUpLater(f);
      } else {
        catchUpFromLog();
      }
    }, 100, TimeUnit.MILLISECONDS);
  }

  // ---- Peer ---------------------------------------------------------------------------------------

  @Override
  public String key() {
    return key;
  }

  @Override
  public Database db() {
    View v = view;
    Latest l = latest;
    if (l == null || l.view() != v) {
      l = new Latest(v, database(v.db(Ids.tx(v.t())), v.position()));
      latest = l;
    }
    return l.db();
  }

  @Override
  public CompletableFuture<TxReport> transact(String edn, UUID txUuid) {
    UUID uuid = txUuid != null ? txUuid : Uuids.random();
    return reported(client.transactAsync(edn, uuid));
  }

  /** The forms go to the transactor in binary (protocol 2), without being printed as EDN text. */
  @Override
  public CompletableFuture<TxReport> transact(List<?> txData, UUID txUuid) {
    UUID uuid = txUuid != null ? txUuid : Uuids.random();
    return reported(client.transactAsync(txData, uuid));
  }

  /**
   * The report of a committed transaction, once this peer's value includes it. Its datoms come
   * from the answer (protocol 1) or from the novelty the push brought them into (protocol 2),
   * and from the log if an index job has taken them out of the novelty meanwhile: that storage
   * read runs on the catch-up thread, not on the thread that applies pushes.
   */
  private CompletableFuture<TxReport> reported(CompletableFuture<PeerProtocol.TxOutcome> sent) {
    return sent.thenCompose((PeerProtocol.TxOutcome outcome) -> reach(outcome.t()).thenCompose(ignored -> {
      TxReport local = report(view, outcome.t(), outcome.txUuid(), outcome.tempids());
      if (outcome.txData() != null || !local.txData().isEmpty()) {
        List<Datom> data = outcome.txData() != null ? outcome.txData() : local.txData();
        return CompletableFuture.completedFuture(withData(outcome, local, data));
      }
      return CompletableFuture.supplyAsync(() -> withData(outcome, local, fromLog(outcome.t())), catchUp);
    }));
  }

  private static TxReport withData(PeerProtocol.TxOutcome outcome, TxReport local, List<Datom> data) {
    return new TxReport(outcome.t(), outcome.tx(), outcome.txUuid(), outcome.instant(), local.dbBefore(),
        local.dbAfter(), data, outcome.tempids());
  }

  /** The datoms of the transaction at {@code t}, read from the log (empty if it does not hold them). */
  List<Datom> fromLog(long t) {
    List<Datom> found = new ArrayList<>();
    LogScan.BlockReader collect = (key, txs) -> {
      for (CommittedTx tx : txs) {
        if (tx.t() == t) {
          found.addAll(tx.datoms());
          return false;
        }
      }
      return txs.get(txs.size() - 1).t() < t;
    };
    if (LogScan.readFrom(kv, prefix, t, collect) == LogScan.UNKNOWN) {
      for (Transaction tx : LogReader.read(kv, prefix, t, t + 1)) {
        found.addAll(tx.data());
      }
    }
    return found;
  }

  @Override
  public Long committedT(UUID txUuid) {
    return client.committedT(txUuid);
  }

  @Override
  public Database sync(long t, Duration timeout) {
    try {
      reach(t).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TransactorException(TransactorException.Code.TIMEOUT, "the peer did not reach t " + t + " within "
          + timeout.toMillis() + " ms (it is at t " + view.t() + ")", true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransactorException(TransactorException.Code.TIMEOUT, "interrupted while waiting for t " + t, true, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    return db();
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      catchUp.shutdownNow();
      kv.close();
      LOG.info("closed the peer of {}", key);
    }
  }
}
