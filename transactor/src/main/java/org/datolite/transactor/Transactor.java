package org.datolite.transactor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.datolite.datom.Datom;
import org.datolite.storage.StorageException;
import org.datolite.storage.db.Db;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.log.LogBlock;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.transactor.schema.Attribute;
import org.datolite.transactor.schema.Ids;
import org.datolite.transactor.schema.Schema;
import org.datolite.transactor.tx.EnsurePredicates;
import org.datolite.transactor.tx.TxException;
import org.datolite.transactor.tx.TxProcessor;
import org.datolite.transactor.tx.TxResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one database: every transaction goes through it, in order.
 *
 * <h2>Design</h2>
 * One writer thread takes the transactions waiting in the queue as a batch (group commit). It
 * processes them one after another, each against the database left by the one before
 * ({@link TxProcessor}); a rejected transaction fails alone. Then it writes the whole batch as
 * <em>one</em> durable log block, and only when that write has returned does it add the datoms
 * to the novelty, acknowledge each submitter and tell the listeners (the peers' stream). If
 * the write fails, the batch fails, nothing changes, and the next batch is served.
 *
 * <p><b>Fencing.</b> The block of transactions {@code t0..t1} goes under the immutable key of
 * {@code t0}, and the next under {@code t1 + 1}; a transactor that has been replaced finds its
 * next slot taken by its successor and stops ({@link TransactorException.Code#DEPOSED}), so it
 * can never write after another one has. The root is replaced only by compare-and-set on its
 * revision, which fences index jobs the same way. A log write that failed ambiguously (the
 * store may or may not have kept it) leaves its submitters with an unknown outcome, resolvable
 * by their transaction UUIDs; the writer checks the slot before it writes again and adopts the
 * block if it did land.
 *
 * <p><b>Indexing.</b> When the novelty passes {@link TransactorConfig#indexThresholdBytes()}, a
 * background job merges it into the persisted trees copy-on-write ({@link IndexSet#merge}) while
 * the writer goes on; the writer then swaps the root by compare-and-set and drops the novelty
 * the new trees include. Above {@link TransactorConfig#maxNoveltyBytes()} the writer waits for
 * the job before it takes more transactions: writes slow down rather than exhaust memory.
 *
 * <p><b>Recovery</b> ({@link Recovery}): on open, the root's trees plus every log block after
 * their basis; a database whose root is missing is created.
 */
public final class Transactor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);
  private static final Object WAKE = new Object();

  private final KeyValueStore kv;
  private final TransactorConfig config;
  private final NodeStore nodes;
  private final String name;
  private final AtomicReference<Schema> schema = new AtomicReference<>();
  private final EnsurePredicates predicates;
  private final BlockingQueue<Object> queue;
  private final ConcurrentLinkedQueue<Runnable> control = new ConcurrentLinkedQueue<>();
  private final List<TransactorListener> listeners = new CopyOnWriteArrayList<>();
  private final Thread writer;
  private final ExecutorService indexer;
  private final Fence fence;
  private final java.util.concurrent.atomic.LongAdder[] counters = {
      new java.util.concurrent.atomic.LongAdder(), new java.util.concurrent.atomic.LongAdder(),
      new java.util.concurrent.atomic.LongAdder(), new java.util.concurrent.atomic.LongAdder(),
      new java.util.concurrent.atomic.LongAdder()};
  private volatile State state;
  private volatile boolean closed;
  private volatile TransactorException fatal;

  // Writer thread only.
  private boolean indexing;
  private boolean indexRequested;
  private String uncertainKey;
  private byte[] uncertainBlock;
  private List<LogBlock.Tx> uncertainTxs;

  private record Request(Object txData, UUID txUuid, CompletableFuture<TxReport> future) {}

  private record Processed(Request request, TxResult result) {}

  private Transactor(KeyValueStore kv, SegmentCache cache, TransactorConfig config, Fence fence) {
    this.kv = kv;
    this.fence = fence;
    this.config = config;
    this.nodes = new NodeStore(kv, cache, config.keyPrefix());
    this.name = kv.describe() + " " + config.database();
    this.predicates = new EnsurePredicates(config.allowedPredicateClasses());
    this.queue = new LinkedBlockingQueue<>(config.queueCapacity());
    this.state = Recovery.recover(kv, nodes, config, schema);
    this.indexer = Executors.newSingleThreadExecutor(r -> daemon(r, "datolite-indexer " + name));
    this.writer = daemon(this::writeLoop, "datolite-writer " + name);
  }

  private static Thread daemon(Runnable r, String threadName) {
    Thread t = new Thread(r, threadName);
    t.setDaemon(true);
    return t;
  }

  /**
   * Opens the database {@code config.database()} in {@code kv} for writing, creating it if it does
   * not exist, and starts the writer.
   */
  public static Transactor open(KeyValueStore kv, SegmentCache cache, TransactorConfig config) {
    return open(kv, cache, config, null);
  }

  /**
   * As {@link #open(KeyValueStore, SegmentCache, TransactorConfig)} for a transactor that serves
   * under a lease: it writes only while the {@link Fence} allows, and a log slot it finds taken
   * while storage confirms its lease holds its predecessor's last block, which it adopts (that
   * block was written against everything before it) before writing its own.
   */
  public static Transactor open(KeyValueStore kv, SegmentCache cache, TransactorConfig config, Fence fence) {
    Transactor t = new Transactor(kv, cache, config, fence);
    t.writer.start();
    return t;
  }

  /**
   * Fences a predecessor after a takeover: replaces the root with itself (so that an index job
   * of the predecessor fails its compare-and-set) and commits an empty transaction (so that the
   * predecessor's next log slot is taken). Returns the report of that transaction.
   */
  public CompletableFuture<TxReport> claim() {
    CompletableFuture<Void> fenced = new CompletableFuture<>();
    runOnWriter(() -> {
      try {
        State s = state;
        KeyValueStore.Versioned root = kv.getVersioned(Recovery.rootKey(config));
        if (root == null || root.rev() != s.rootRev() || !kv.compareAndSet(Recovery.rootKey(config), s.rootRev(), root.value())) {
          fatal = new TransactorException(TransactorException.Code.DEPOSED, "the root of " + config.database()
              + " changed while " + name + " was taking over", true, null);
          fenced.completeExceptionally(fatal);
          return;
        }
        state = new State(s.persisted(), s.rootRev() + 1, s.novelty(), s.t(), s.schema(), s.nextEntityIndex(),
            s.lastTxInstant());
        fenced.complete(null);
      } catch (RuntimeException e) {
        fenced.completeExceptionally(e);
      }
    });
    return fenced.thenCompose(v -> transactAsync(java.util.List.of(), null));
  }

  /** The database after the last commit. */
  public Db db() {
    return state.db();
  }

  /** The basis {@code t} of the last commit. */
  public long basisT() {
    return state.t();
  }

  /** The schema after the last commit. */
  public Schema schema() {
    return state.schema();
  }

  public TransactorConfig config() {
    return config;
  }

  public void addListener(TransactorListener listener) {
    listeners.add(listener);
  }

  public void removeListener(TransactorListener listener) {
    listeners.remove(listener);
  }

  /**
   * The basis {@code t} of the committed transaction that carried {@code txUuid}, or null if none
   * did: how a client whose connection dropped learns a transaction's outcome.
   */
  public Long committedT(UUID txUuid) {
    org.datolite.datom.Datom d = db().first(org.datolite.datom.Index.AVET,
        org.datolite.transactor.schema.Bootstrap.TX_UUID, txUuid);
    return d == null ? null : Ids.t(d.e());
  }

  /**
   * Submits transaction data (a list of forms, as EDN reads them) and returns its outcome: a
   * {@link TxReport}, or a {@link TxException} (rejected) or {@link TransactorException}.
   *
   * @param txUuid the client's id for the transaction, recorded as {@code :db/txUuid}; a random
   *     one if null
   */
  public CompletableFuture<TxReport> transactAsync(Object txData, UUID txUuid) {
    CompletableFuture<TxReport> future = new CompletableFuture<>();
    if (closed || fatal != null) {
      future.completeExceptionally(fatal != null ? fatal : closedError());
      return future;
    }
    Request request = new Request(txData, txUuid != null ? txUuid : UUID.randomUUID(), future);
    if (!queue.offer(request)) {
      future.completeExceptionally(new TransactorException(TransactorException.Code.OVERLOADED,
          name + " has " + config.queueCapacity() + " transactions waiting; retry later", true, null));
    }
    return future;
  }

  /** Submits transaction data and waits for the outcome, at most the configured timeout. */
  public TxReport transact(Object txData) {
    return await(transactAsync(txData, null));
  }

  /** Waits for a submitted transaction, at most the configured timeout. */
  public TxReport await(CompletableFuture<TxReport> future) {
    try {
      return future.get(config.transactTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TransactorException(TransactorException.Code.TIMEOUT, "no outcome from " + name + " within "
          + config.transactTimeout().toMillis() + " ms; the transaction may still commit: look up its uuid",
          false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransactorException(TransactorException.Code.TIMEOUT, "interrupted while waiting for " + name, false, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Indexes everything committed so far: starts a job now, or, if one is running, another one
   * right after it (for tests and tools).
   */
  public void requestIndex() {
    runOnWriter(() -> {
      indexRequested = true;
      startIndexJob(true);
    });
  }

  private void runOnWriter(Runnable task) {
    control.add(task);
    queue.offer(WAKE);
  }

  private TransactorException closedError() {
    return new TransactorException(TransactorException.Code.CLOSED, name + " is closed", true, null);
  }

  // ---- the writer -------------------------------------------------------------------------------

  private void writeLoop() {
    try {
      while (!closed && fatal == null) {
        runControl();
        Object first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null || first == WAKE) {
          continue;
        }
        List<Request> batch = new ArrayList<>();
        batch.add((Request) first);
        while (batch.size() < config.maxBatch()) {
          Object next = queue.poll();
          if (next == null) {
            break;
          }
          if (next != WAKE) {
            batch.add((Request) next);
          }
        }
        waitForIndexing();
        commit(batch);
        startIndexJob(false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("{}: the writer stopped on an unexpected error", name, e);
      fatal = new TransactorException(TransactorException.Code.CLOSED, name + " stopped: " + e, true, e);
    } finally {
      TransactorException reason = fatal != null ? fatal : closedError();
      for (Object o; (o = queue.poll()) != null; ) {
        if (o instanceof Request r) {
          r.future().completeExceptionally(reason);
        }
      }
    }
  }

  private void runControl() {
    for (Runnable task; (task = control.poll()) != null; ) {
      task.run();
    }
  }

  /** Back-pressure: above the novelty limit, wait for the running index job to finish. */
  private void waitForIndexing() throws InterruptedException {
    boolean warned = false;
    while (!closed && fatal == null && state.novelty().estimatedBytes() > config.maxNoveltyBytes()) {
      startIndexJob(true);
      if (!warned) {
        LOG.warn("{}: novelty of {} bytes is above the limit of {}; writes wait for indexing", name,
            state.novelty().estimatedBytes(), config.maxNoveltyBytes());
        warned = true;
      }
      runControl();
      Thread.sleep(5);
    }
  }

  /**
   * What the writer has done since start: batches written, transactions committed, and the
   * time spent processing transactions, writing the log and publishing the results.
   */
  public record Stats(long batches, long transactions, long processNanos, long writeNanos, long publishNanos) {}

  /**
   * Why this transactor stopped serving (its writer died, or it was deposed), or null while it
   * serves. A server that finds a failure here must give up its lease so that a standby can
   * take over.
   */
  public TransactorException failure() {
    TransactorException f = fatal;
    return f != null ? f : closed ? closedError() : null;
  }

  public Stats stats() {
    return new Stats(counters[0].sum(), counters[1].sum(), counters[2].sum(), counters[3].sum(), counters[4].sum());
  }

  private void commit(List<Request> batch) {
    long started = System.nanoTime();
    State before = state;
    if (!resolveUncertainBlock()) {
      fail(batch, fatal);
      return;
    }
    before = state;
    // Each transaction goes straight into the novelty, so that the next one of the batch sees
    // it. Readers cannot: a database value reads only up to its basis, which moves after the
    // log write. If the write fails, the batch is removed again.
    MemoryIndex novelty = before.novelty();
    Schema working = before.schema();
    Db db = before.db();
    long t = before.t();
    long nextIndex = before.nextEntityIndex();
    Instant last = before.lastTxInstant();
    List<Processed> processed = new ArrayList<>();
    for (Request request : batch) {
      TxProcessor.Context ctx = new TxProcessor.Context(db, working, t + 1, Instant.now(config.clock()), last,
          request.txUuid(), nextIndex, predicates, config.maxTxDatoms());
      try {
        TxResult r = TxProcessor.process(request.txData(), ctx);
        novelty.add(r.tx(), r.datoms());
        db = Db.of(before.persisted(), before.persistedBasisTx(), List.of(novelty), r.tx());
        if (r.schemaChanged()) {
          working = Schema.of(db);
          schema.set(working); // the novelty's VAET membership follows the newest schema
        }
        processed.add(new Processed(request, r));
        t = r.t();
        nextIndex = r.nextEntityIndex();
        last = r.instant();
      } catch (TxException e) {
        request.future().completeExceptionally(e);
      } catch (RuntimeException e) {
        LOG.error("{}: transaction failed unexpectedly; it is rejected alone", name, e);
        request.future().completeExceptionally(e);
      }
    }
    if (processed.isEmpty()) {
      return;
    }
    List<LogBlock.Tx> txs = new ArrayList<>();
    for (Processed p : processed) {
      txs.add(new LogBlock.Tx(p.result().t(), p.result().tx(), p.result().datoms()));
    }
    String key = LogBlock.key(config.keyPrefix(), txs.get(0).t());
    byte[] block = LogBlock.encode(txs);
    long writing = System.nanoTime();
    if (fence != null && !fence.mayWrite()) {
      rollback(before);
      TransactorException e = new TransactorException(TransactorException.Code.UNAVAILABLE, name
          + " cannot confirm that it still holds the lease, so it does not write; retry (a standby may be taking over)",
          true, null);
      fail(processed.stream().map(Processed::request).toList(), e);
      return;
    }
    boolean written;
    try {
      written = kv.putIfAbsent(key, block);
    } catch (StorageException e) {
      rollback(before);
      LOG.error("{}: writing log block {} failed; {} transactions have an unknown outcome", name, key, txs.size(), e);
      uncertainKey = key;
      uncertainBlock = block;
      uncertainTxs = txs;
      for (Processed p : processed) {
        p.request().future().completeExceptionally(new TransactorException(TransactorException.Code.STORAGE_FAILED,
            "writing the log to " + kv.describe() + " failed: " + e.getMessage()
                + "; the transaction's outcome is unknown: look up its uuid " + p.request().txUuid(), false, e));
      }
      return;
    }
    if (!written) {
      rollback(before);
      if (uncertainKey != null) {
        // Our own earlier, ambiguous write may be what holds the slot.
        if (!resolveUncertainBlock()) {
          fail(processed.stream().map(Processed::request).toList(), fatal);
          return;
        }
        if (uncertainKey == null) {
          commit(batch);
          return;
        }
      }
      if (fence != null && fence.confirmed() && adoptForeignBlock(key)) {
        commit(batch); // the predecessor's last block is adopted; process the batch again on top of it
        return;
      }
      deposed(key);
      fail(processed.stream().map(Processed::request).toList(), fatal);
      return;
    }
    long writeDone = System.nanoTime();
    state = new State(before.persisted(), before.rootRev(), novelty, t, working, nextIndex, last);
    State after = state;
    List<TxReport> reports = new ArrayList<>();
    for (Processed p : processed) {
      TxResult r = p.result();
      Db dbBefore = Db.of(after.persisted(), after.persistedBasisTx(), List.of(after.novelty()), Ids.tx(r.t() - 1));
      Db dbAfter = Db.of(after.persisted(), after.persistedBasisTx(), List.of(after.novelty()), r.tx());
      reports.add(new TxReport(r.t(), r.tx(), p.request().txUuid(), r.instant(), dbBefore, dbAfter, r.datoms(),
          r.tempids()));
    }
    // Listeners first: a peer's stream carries a commit before its submitter hears of it.
    for (TxReport report : reports) {
      for (TransactorListener l : listeners) {
        try {
          l.committed(report);
        } catch (RuntimeException e) {
          LOG.warn("{}: listener {} failed on t {}", name, l, report.t(), e);
        }
      }
    }
    for (int i = 0; i < processed.size(); i++) {
      processed.get(i).request().future().complete(reports.get(i));
    }
    counters[0].increment();
    counters[1].add(processed.size());
    counters[2].add(writing - started);
    counters[3].add(writeDone - writing);
    counters[4].add(System.nanoTime() - writeDone);
  }

  /** Takes back the transactions of a batch whose log write did not happen. */
  private void rollback(State before) {
    before.novelty().removeAfter(Ids.tx(before.t()));
    schema.set(before.schema());
  }

  /** Adds durable transactions to the novelty and publishes the new state. */
  private void apply(List<LogBlock.Tx> txs, Schema newSchema, long nextIndex, Instant last) {
    State s = state;
    schema.set(newSchema);
    for (LogBlock.Tx tx : txs) {
      s.novelty().add(tx.tx(), tx.datoms());
    }
    state = new State(s.persisted(), s.rootRev(), s.novelty(), txs.get(txs.size() - 1).t(), newSchema, nextIndex, last);
  }

  /**
   * After an ambiguous log write, finds out whether the block landed: if it did, its
   * transactions are applied (their submitters can find them by uuid). Returns false if the
   * slot holds someone else's block.
   */
  private boolean resolveUncertainBlock() {
    if (uncertainKey == null) {
      return true;
    }
    byte[] found;
    try {
      found = kv.get(uncertainKey);
    } catch (StorageException e) {
      return true; // still unknown; the next write to this slot settles it
    }
    if (found != null) {
      if (!Arrays.equals(found, uncertainBlock)) {
        deposed(uncertainKey);
        return false;
      }
      LOG.info("{}: the uncertain log block {} did land; applying its {} transactions", name, uncertainKey,
          uncertainTxs.size());
      adopt(uncertainTxs);
    }
    uncertainKey = null;
    uncertainBlock = null;
    uncertainTxs = null;
    return true;
  }

  /**
   * Reads a block another transactor wrote into the slot this one wanted and applies it; false
   * if it cannot be read.
   */
  private boolean adoptForeignBlock(String key) {
    byte[] found = kv.get(key);
    if (found == null) {
      return false;
    }
    List<LogBlock.Tx> txs = LogBlock.decode(found, key);
    if (txs.get(0).t() != state.t() + 1) {
      return false;
    }
    LOG.warn("{}: log slot {} holds {} transactions of the previous transactor; adopting them", name, key, txs.size());
    adopt(txs);
    return true;
  }

  /** Applies durable transactions this transactor did not process, and tells the listeners. */
  private void adopt(List<LogBlock.Tx> txs) {
    State s = state;
    Instant last = s.lastTxInstant();
    long nextIndex = s.nextEntityIndex();
    for (LogBlock.Tx tx : txs) {
      for (Datom d : tx.datoms()) {
        if (Ids.partition(d.e()) == Ids.PART_USER) {
          nextIndex = Math.max(nextIndex, (d.e() & Ids.INDEX_MASK) + 1);
        }
        if (d.e() == tx.tx() && d.a() == org.datolite.transactor.schema.Bootstrap.TX_INSTANT) {
          last = (Instant) d.v();
        }
      }
    }
    apply(txs, s.schema(), nextIndex, last);
    Schema newSchema = Schema.of(state.db());
    schema.set(newSchema);
    State after = state;
    state = new State(after.persisted(), after.rootRev(), after.novelty(), after.t(), newSchema,
        after.nextEntityIndex(), after.lastTxInstant());
    for (LogBlock.Tx tx : txs) {
      UUID uuid = null;
      Instant instant = null;
      for (Datom d : tx.datoms()) {
        if (d.e() == tx.tx() && d.a() == org.datolite.transactor.schema.Bootstrap.TX_UUID) {
          uuid = (UUID) d.v();
        } else if (d.e() == tx.tx() && d.a() == org.datolite.transactor.schema.Bootstrap.TX_INSTANT) {
          instant = (Instant) d.v();
        }
      }
      State st = state;
      TxReport report = new TxReport(tx.t(), tx.tx(), uuid, instant,
          Db.of(st.persisted(), st.persistedBasisTx(), List.of(st.novelty()), Ids.tx(tx.t() - 1)),
          Db.of(st.persisted(), st.persistedBasisTx(), List.of(st.novelty()), tx.tx()), tx.datoms(), java.util.Map.of());
      for (TransactorListener l : listeners) {
        try {
          l.committed(report);
        } catch (RuntimeException e) {
          LOG.warn("{}: listener {} failed on adopted t {}", name, l, tx.t(), e);
        }
      }
    }
  }

  private void deposed(String key) {
    fatal = new TransactorException(TransactorException.Code.DEPOSED, "log slot '" + key + "' in " + kv.describe()
        + " was written by another transactor; this one has been replaced and stops writing", true, null);
    LOG.error("{}: {}", name, fatal.getMessage());
  }

  private static void fail(List<Request> requests, TransactorException e) {
    for (Request r : requests) {
      r.future().completeExceptionally(e);
    }
  }

  // ---- indexing ----------------------------------------------------------------------------------

  private void startIndexJob(boolean force) {
    State s = state;
    if (indexing || closed || fatal != null || s.novelty().size() == 0
        || (!force && s.novelty().estimatedBytes() < config.indexThresholdBytes())) {
      return;
    }
    indexing = true;
    indexRequested = false;
    indexer.execute(() -> indexJob(s));
  }

  private void indexJob(State s) {
    long started = System.nanoTime();
    try {
      List<Datom> novelty = new ArrayList<>();
      for (MemoryIndex.Transaction tx : s.novelty().transactions(Ids.tx(s.t()))) {
        if (tx.tx() > s.persistedBasisTx()) {
          novelty.addAll(tx.datoms());
        }
      }
      Schema sc = s.schema();
      IndexSet next = s.persisted().merge(novelty, s.t(), sc::isRef, a -> {
        Attribute attr = sc.attribute(a);
        return attr == null || !attr.noHistory();
      });
      LOG.info("{}: index job merged {} datoms up to t {} in {} ms ({} new segments)", name, novelty.size(), s.t(),
          (System.nanoTime() - started) / 1_000_000, next.writeStats().segments());
      runOnWriter(() -> installIndex(next));
    } catch (RuntimeException e) {
      LOG.error("{}: index job up to t {} failed; the novelty stays in memory and a later job retries", name, s.t(), e);
      runOnWriter(() -> indexing = false);
    }
  }

  private void installIndex(IndexSet next) {
    State s = state;
    boolean swapped;
    try {
      swapped = kv.compareAndSet(Recovery.rootKey(config), s.rootRev(), next.roots().encode());
    } catch (StorageException e) {
      LOG.error("{}: swapping the root to t {} failed; a later job retries", name, next.basisT(), e);
      indexing = false;
      return;
    }
    indexing = false;
    if (!swapped) {
      fatal = new TransactorException(TransactorException.Code.DEPOSED, "the root of " + config.database()
          + " in " + kv.describe() + " was changed by another transactor; this one stops writing", true, null);
      LOG.error("{}: {}", name, fatal.getMessage());
      return;
    }
    MemoryIndex rest = s.novelty().after(Ids.tx(next.basisT()));
    state = new State(next, s.rootRev() + 1, rest, s.t(), s.schema(), s.nextEntityIndex(), s.lastTxInstant());
    if (indexRequested) {
      startIndexJob(true);
    }
    for (TransactorListener l : listeners) {
      try {
        l.indexed(next.roots());
      } catch (RuntimeException e) {
        LOG.warn("{}: listener {} failed on index at t {}", name, l, next.basisT(), e);
      }
    }
  }

  /** Stops the writer after the batch in progress; waiting transactions fail with CLOSED. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    indexer.shutdownNow();
  }
}
