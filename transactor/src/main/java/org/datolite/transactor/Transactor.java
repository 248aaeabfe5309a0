package org.datolite.transactor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.datolite.datom.Datom;
import org.datolite.schema.Attribute;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.StorageException;
import org.datolite.storage.db.Db;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.log.LogBlock;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
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
 * ({@link TxProcessor}), straight into the novelty; a rejected transaction fails alone. Then the
 * whole batch goes to storage as <em>one</em> durable log block. Only when that write has
 * returned does the basis move (readers never see a transaction before it is durable), the
 * listeners (the peers' stream) hear of it and each submitter gets its report; rejections too
 * are told only then, since they were judged against the batch's earlier transactions.
 *
 * <p>The writes are pipelined: while one batch's block is being written (on the log-writer
 * thread, when more transactions wait; on the writer thread itself when none do, which saves
 * two thread hops), the writer already processes the next batch on top of it; that batch's write starts
 * when the previous one has returned, so blocks land in order. If a write fails, the novelty is
 * rolled back to before that batch (which removes the batch processed on top of it too), its
 * submitters learn that the outcome is unknown, and the next batch is processed again; the
 * transactor keeps serving.
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
  private final Listeners listeners;
  private final Thread writer;
  private final ExecutorService indexer;
  private final ExecutorService logWriter;
  private final Fence fence;
  // Writer statistics (stats()): written by the writer, read by anyone.
  private final LongAdder batches = new LongAdder();
  private final LongAdder transactions = new LongAdder();
  private final LongAdder processNanos = new LongAdder();
  private final LongAdder writeNanos = new LongAdder();
  private final LongAdder publishNanos = new LongAdder();
  private volatile State state;
  private volatile boolean closed;
  private volatile TransactorException fatal;

  // Writer thread only.
  private boolean indexing;
  private boolean indexRequested;
  // A log write whose outcome is unknown: its slot and the blocks that may be there (more than one
  // if writes to the same slot failed ambiguously more than once).
  private String uncertainKey;
  private final List<byte[]> uncertainBlocks = new ArrayList<>();
  private final List<List<LogBlock.Tx>> uncertainTxs = new ArrayList<>();
  private volatile boolean uncertainPending;
  // Requests taken from the queue in the current round, and the batch whose write is being
  // finished: if the writer dies, their submitters learn that the outcome is unknown.
  private List<Request> inHand = List.of();
  private Pending finishing;
  private Pending inFlight;
  private final List<Request> redo = new ArrayList<>();

  private record Request(Object txData, UUID txUuid, CompletableFuture<TxReport> future) {}

  private record Processed(Request request, TxResult result) {}

  private Transactor(KeyValueStore kv, SegmentCache cache, TransactorConfig config, Fence fence) {
    this.kv = kv;
    this.fence = fence;
    this.config = config;
    this.nodes = new NodeStore(kv, cache, config.keyPrefix());
    this.name = kv.describe() + " " + config.database();
    this.listeners = new Listeners(name);
    this.predicates = new EnsurePredicates(config.allowedPredicateClasses());
    this.queue = new LinkedBlockingQueue<>(config.queueCapacity());
    this.state = Recovery.recover(kv, nodes, config, schema);
    this.indexer = Executors.newSingleThreadExecutor(r -> daemon(r, "datolite-indexer " + name));
    this.logWriter = Executors.newSingleThreadExecutor(r -> daemon(r, "datolite-log-writer " + name));
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
        state = s.rooted(s.persisted(), s.rootRev() + 1, s.novelty());
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
    if (uncertainPending) {
      throw new TransactorException(TransactorException.Code.UNKNOWN_OUTCOME, "a log write of " + name
          + " failed ambiguously and is still being resolved; ask again shortly", false, null);
    }
    org.datolite.datom.Datom d = db().first(org.datolite.datom.Index.AVET,
        org.datolite.schema.Bootstrap.TX_UUID, txUuid);
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
        if (inFlight != null && (!control.isEmpty() || overNoveltyLimit())) {
          finish();
          continue;
        }
        if (inFlight == null) {
          runControl();
          waitForIndexing();
        }
        List<Request> batch = takeBatch();
        inHand = batch;
        if (batch.isEmpty()) {
          if (inFlight != null) {
            finish();
          }
          continue;
        }
        if (inFlight == null && !resolveUncertainBlock()) {
          fail(batch, fatal);
          continue;
        }
        Pending next = process(batch);
        if (inFlight != null && !finish()) {
          redo.addAll(batch); // processed on top of a batch that did not land: process again
          continue;
        }
        if (next.accepted().isEmpty()) {
          settleRejections(next);
          continue;
        }
        startWrite(next);
        startIndexJob(false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("{}: the writer stopped on an unexpected error", name, e);
      fatal = new TransactorException(TransactorException.Code.CLOSED, name + " stopped: " + e, true, e);
    } finally {
      if (inFlight != null && fatal == null) {
        try {
          finish(); // its write was issued: its submitters learn the outcome
        } catch (RuntimeException e) {
          LOG.error("{}: finishing the last log write failed", name, e);
        }
      }
      TransactorException reason = fatal != null ? fatal : closedError();
      // Whatever was taken and not settled may have been written: its outcome is unknown.
      TransactorException unknown = new TransactorException(TransactorException.Code.UNKNOWN_OUTCOME, name
          + " stopped while the transaction was being processed or written (" + reason.getMessage()
          + "); look up its uuid", false, reason);
      if (inFlight != null) {
        fail(inFlight.requests(), unknown);
        inFlight = null;
      }
      if (finishing != null) {
        fail(finishing.requests(), unknown);
      }
      fail(inHand, unknown);
      fail(redo, unknown);
      redo.clear();
      for (Object o; (o = queue.poll()) != null; ) {
        if (o instanceof Request r) {
          r.future().completeExceptionally(reason);
        }
      }
    }
  }

  /**
   * The next batch: transactions to process again first, then those waiting, up to the batch
   * limit. Waits a little for the first only when no log write is in flight.
   */
  private List<Request> takeBatch() throws InterruptedException {
    List<Request> batch = new ArrayList<>(redo);
    redo.clear();
    if (batch.isEmpty()) {
      Object first = inFlight == null ? queue.poll(50, TimeUnit.MILLISECONDS) : queue.poll();
      if (first == null && inFlight == null && uncertainKey != null) {
        resolveUncertainBlock(); // idle: settle an ambiguous write now, not at the next transaction
      }
      if (first == null || first == WAKE) {
        return batch;
      }
      batch.add((Request) first);
    }
    while (batch.size() < config.maxBatch()) {
      Object next = queue.poll();
      if (next == null) {
        break;
      }
      if (next != WAKE) {
        batch.add((Request) next);
      }
    }
    return batch;
  }

  private boolean overNoveltyLimit() {
    return state.novelty().estimatedBytes() > config.maxNoveltyBytes();
  }

  private void runControl() {
    for (Runnable task; (task = control.poll()) != null; ) {
      task.run();
    }
  }

  /** Back-pressure: above the novelty limit, wait for the running index job to finish. */
  private void waitForIndexing() throws InterruptedException {
    boolean warned = false;
    while (!closed && fatal == null && overNoveltyLimit()) {
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
    return new Stats(batches.sum(), transactions.sum(), processNanos.sum(), writeNanos.sum(), publishNanos.sum());
  }

  /**
   * A batch processed into the novelty (its transactions accepted, in order, and those rejected),
   * whose log block is written or about to be.
   *
   * @param before the published state it was processed on; a failed write rolls back to it
   */
  private record Pending(List<Request> requests, State before, List<Processed> accepted,
      List<Rejected> rejected, Schema schema, long t, long nextIndex, Instant last, long processNanos,
      String key, byte[] block, long writeStarted, CompletableFuture<Boolean> write) {
    Pending writing(String blockKey, byte[] blockBytes, long started, CompletableFuture<Boolean> future) {
      return new Pending(requests, before, accepted, rejected, schema, t, nextIndex, last, processNanos, blockKey,
          blockBytes, started, future);
    }

    List<Request> acceptedRequests() {
      return accepted.stream().map(Processed::request).toList();
    }
  }

  private record Rejected(Request request, Throwable error) {}

  /**
   * Processes a batch, each transaction against the database left by the one before, straight
   * into the novelty so that the next one sees it. Readers cannot: a database value reads only
   * up to its basis, which moves when the log write has returned. Rejections are only recorded:
   * they are told once everything they were judged against is durable.
   */
  private Pending process(List<Request> batch) {
    long started = System.nanoTime();
    State published = state;
    MemoryIndex novelty = published.novelty();
    Pending prior = inFlight;
    Schema working = prior != null ? prior.schema() : published.schema();
    long t = prior != null ? prior.t() : published.t();
    long nextIndex = prior != null ? prior.nextIndex() : published.nextEntityIndex();
    Instant last = prior != null ? prior.last() : published.lastTxInstant();
    State before = published.at(t, working, nextIndex, last);
    Db db = published.db(Ids.tx(t));
    List<Processed> accepted = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (Request request : batch) {
      TxProcessor.Context ctx = new TxProcessor.Context(db, working, t + 1, Instant.now(config.clock()), last,
          request.txUuid(), nextIndex, predicates, config.maxTxDatoms());
      try {
        TxResult r = TxProcessor.process(request.txData(), ctx);
        novelty.add(r.tx(), r.datoms());
        db = published.db(r.tx());
        if (r.schemaChanged()) {
          working = Schema.of(db);
          schema.set(working); // the novelty's VAET membership follows the newest schema
        }
        accepted.add(new Processed(request, r));
        t = r.t();
        nextIndex = r.nextEntityIndex();
        last = r.instant();
      } catch (TxException e) {
        rejected.add(new Rejected(request, e));
      } catch (RuntimeException | StackOverflowError e) {
        LOG.error("{}: transaction failed unexpectedly; it is rejected alone", name, e);
        rejected.add(new Rejected(request, e));
      }
    }
    return new Pending(batch, before, accepted, rejected, working, t, nextIndex, last, System.nanoTime() - started,
        null, null, 0, null);
  }

  private static void settleRejections(Pending p) {
    for (Rejected r : p.rejected()) {
      r.request().future().completeExceptionally(r.error());
    }
  }

  /**
   * Starts writing a processed batch as one log block, unless the lease may have passed to
   * another transactor. The previous batch's write has finished: blocks are written in order.
   */
  private void startWrite(Pending p) {
    List<LogBlock.Tx> txs = new ArrayList<>();
    for (Processed processed : p.accepted()) {
      txs.add(new LogBlock.Tx(processed.result().t(), processed.result().tx(), processed.result().datoms()));
    }
    String key = LogBlock.key(config.keyPrefix(), txs.get(0).t());
    byte[] block = LogBlock.encode(txs);
    if (fence != null && !fence.mayWrite()) {
      rollback(p.before());
      TransactorException e = new TransactorException(TransactorException.Code.UNAVAILABLE, name
          + " cannot confirm that it still holds the lease, so it does not write; retry (a standby may be taking over)",
          true, null);
      fail(p.acceptedRequests(), e);
      redo.addAll(p.rejected().stream().map(Rejected::request).toList());
      return;
    }
    CompletableFuture<Boolean> write;
    if (queue.isEmpty() && redo.isEmpty()) {
      // Nothing to process meanwhile: write on this thread and save two thread hops.
      write = new CompletableFuture<>();
      long writeStarted = System.nanoTime();
      try {
        write.complete(kv.putIfAbsent(key, block));
      } catch (RuntimeException e) {
        write.completeExceptionally(e);
      }
      inFlight = p.writing(key, block, writeStarted, write);
      return;
    }
    long writeStarted = System.nanoTime();
    write = CompletableFuture.supplyAsync(() -> kv.putIfAbsent(key, block), logWriter);
    inFlight = p.writing(key, block, writeStarted, write);
  }

  /**
   * Waits for the log write in flight. If it landed, publishes its batch: the new state, the
   * listeners, then the submitters. If not, rolls the novelty back to before it (and before any
   * batch processed on top of it) and returns false; its transactions are failed, or queued to
   * be processed again when the slot turned out to hold a block this transactor can adopt.
   */
  private boolean finish() {
    Pending p = inFlight;
    if (p == null) {
      return true;
    }
    inFlight = null;
    finishing = p;
    try {
      return settle(p);
    } finally {
      finishing = null;
    }
  }

  private boolean settle(Pending p) {
    List<Request> rejected = p.rejected().stream().map(Rejected::request).toList();
    boolean written;
    try {
      written = p.write().join();
    } catch (java.util.concurrent.CompletionException e) {
      rollback(p.before());
      if (!(e.getCause() instanceof StorageException se)) {
        TransactorException error = new TransactorException(TransactorException.Code.STORAGE_FAILED,
            "writing the log to " + kv.describe() + " failed unexpectedly: " + e.getCause(), false, e.getCause());
        LOG.error("{}: writing log block {} failed unexpectedly", name, p.key(), e.getCause());
        uncertain(p);
        fail(p.acceptedRequests(), error);
        redo.addAll(rejected);
        return false;
      }
      LOG.error("{}: writing log block {} failed; {} transactions have an unknown outcome", name, p.key(),
          p.accepted().size(), se);
      uncertain(p);
      for (Processed processed : p.accepted()) {
        processed.request().future().completeExceptionally(new TransactorException(TransactorException.Code.STORAGE_FAILED,
            "writing the log to " + kv.describe() + " failed: " + se.getMessage()
                + "; the transaction's outcome is unknown: look up its uuid " + processed.request().txUuid(), false, se));
      }
      redo.addAll(rejected);
      return false;
    }
    if (!written) {
      rollback(p.before());
      if (uncertainKey != null) {
        // Our own earlier, ambiguous write may be what holds the slot.
        if (!resolveUncertainBlock()) {
          fail(p.requests(), fatal);
          return false;
        }
        if (uncertainKey == null) {
          redo.addAll(p.requests());
          return false;
        }
      }
      if (fence != null && fence.confirmed() && adoptForeignBlock(p.key())) {
        redo.addAll(p.requests()); // the predecessor's last block is adopted; process the batch again on top of it
        return false;
      }
      deposed(p.key());
      fail(p.requests(), fatal);
      return false;
    }
    long writeDone = System.nanoTime();
    if (p.key().equals(uncertainKey)) {
      clearUncertain(); // the slot took this block, so no earlier ambiguous write landed there
    }
    publish(p);
    batches.increment();
    transactions.add(p.accepted().size());
    processNanos.add(p.processNanos());
    writeNanos.add(writeDone - p.writeStarted());
    publishNanos.add(System.nanoTime() - writeDone);
    return true;
  }

  private void uncertain(Pending p) {
    if (!p.key().equals(uncertainKey)) {
      clearUncertain();
    }
    uncertainKey = p.key();
    uncertainBlocks.add(p.block());
    List<LogBlock.Tx> txs = new ArrayList<>();
    for (Processed processed : p.accepted()) {
      txs.add(new LogBlock.Tx(processed.result().t(), processed.result().tx(), processed.result().datoms()));
    }
    uncertainTxs.add(txs);
    uncertainPending = true;
  }

  private void clearUncertain() {
    uncertainKey = null;
    uncertainBlocks.clear();
    uncertainTxs.clear();
    uncertainPending = false;
  }


  private void publish(Pending p) {
    State before = p.before();
    state = before.at(p.t(), p.schema(), p.nextIndex(), p.last());
    State after = state;
    List<TxReport> reports = new ArrayList<>();
    for (Processed processed : p.accepted()) {
      TxResult r = processed.result();
      Db dbBefore = after.db(Ids.tx(r.t() - 1));
      Db dbAfter = after.db(r.tx());
      reports.add(new TxReport(r.t(), r.tx(), processed.request().txUuid(), r.instant(), dbBefore, dbAfter, r.datoms(),
          r.tempids()));
    }
    // Listeners first: a peer's stream carries a commit before its submitter hears of it.
    listeners.committed(reports, p.block());
    for (int i = 0; i < reports.size(); i++) {
      p.accepted().get(i).request().future().complete(reports.get(i));
    }
    settleRejections(p);
  }

  /** Takes back the transactions of a batch whose log write did not happen. */
  private void rollback(State before) {
    before.novelty().removeAfter(Ids.tx(before.t()));
    schema.set(before.schema());
  }

  /** Adds durable transactions to the novelty and publishes the new state. */
  private void apply(List<LogBlock.Tx> txs, Schema newSchema, long nextIndex, Instant last) {
    State s = state;
    Schema current = newSchema;
    schema.set(current);
    for (LogBlock.Tx tx : txs) {
      s.novelty().add(tx.tx(), tx.datoms());
      if (org.datolite.schema.Bootstrap.touchesSchema(tx.datoms())) {
        // The next transaction's datoms enter VAET by the schema this one leaves, as in recovery.
        current = Schema.of(s.db(tx.tx()));
        schema.set(current);
      }
    }
    state = s.at(txs.get(txs.size() - 1).t(), current, nextIndex, last);
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
      int which = -1;
      for (int i = 0; i < uncertainBlocks.size(); i++) {
        if (Arrays.equals(found, uncertainBlocks.get(i))) {
          which = i;
        }
      }
      if (which < 0) {
        deposed(uncertainKey);
        return false;
      }
      List<LogBlock.Tx> landed = uncertainTxs.get(which);
      LOG.info("{}: the uncertain log block {} did land; applying its {} transactions", name, uncertainKey,
          landed.size());
      clearUncertain();
      adopt(landed);
      return true;
    }
    clearUncertain();
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
        if (d.e() == tx.tx() && d.a() == org.datolite.schema.Bootstrap.TX_INSTANT) {
          last = (Instant) d.v();
        }
      }
    }
    apply(txs, s.schema(), nextIndex, last);
    Schema newSchema = Schema.of(state.db());
    schema.set(newSchema);
    State after = state;
    state = after.withSchema(newSchema);
    for (LogBlock.Tx tx : txs) {
      UUID uuid = null;
      Instant instant = null;
      for (Datom d : tx.datoms()) {
        if (d.e() == tx.tx() && d.a() == org.datolite.schema.Bootstrap.TX_UUID) {
          uuid = (UUID) d.v();
        } else if (d.e() == tx.tx() && d.a() == org.datolite.schema.Bootstrap.TX_INSTANT) {
          instant = (Instant) d.v();
        }
      }
      State st = state;
      TxReport report = new TxReport(tx.t(), tx.tx(), uuid, instant,
          st.db(Ids.tx(tx.t() - 1)), st.db(tx.tx()), tx.datoms(), java.util.Map.of());
      listeners.adopted(report);
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
      MemoryIndex layers = s.novelty();
      long after = s.persistedBasisTx();
      long upTo = Ids.tx(s.t());
      IndexSet next = s.persisted().merge(novelty, index -> layers.sorted(index, after, upTo), s.t(), sc::isRef, a -> {
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
    state = s.rooted(next, s.rootRev() + 1, rest);
    if (indexRequested) {
      startIndexJob(true);
    }
    listeners.indexed(next.roots());
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
    logWriter.shutdown();
  }
}
