package org.datolite.transactor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.StorageException;
import org.datolite.storage.db.Db;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.log.ColumnDatoms;
import org.datolite.storage.log.CommittedTx;
import org.datolite.storage.log.LogBlock;
import org.datolite.transactor.tx.CurrentValues;
import org.datolite.transactor.tx.EnsurePredicates;
import org.datolite.transactor.tx.TxException;
import org.datolite.transactor.tx.TxProcessor;
import org.datolite.transactor.tx.TxResult;
import org.datolite.value.Uuids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group-commit loop of one transactor: the writer thread and what only it touches.
 *
 * <h2>Design</h2>
 * The writer thread takes the transactions waiting in the queue as a batch (group commit, up to
 * {@link TransactorConfig#maxBatch()}). It processes them one after another, each against the
 * database left by the one before ({@link TxProcessor}), straight into the novelty; a rejected
 * transaction fails alone. Then the whole batch goes to storage as <em>one</em> durable log
 * block. Only when that write has returned does the basis move (readers never see a transaction
 * before it is durable), the listeners (the peers' stream) hear of it and each submitter gets
 * its report; rejections too are told only then, since they were judged against the batch's
 * earlier transactions.
 *
 * <p>The writes are pipelined: while one batch's block is being written (on the log-writer
 * thread, when more transactions wait; on the writer thread itself when none do, which saves
 * two thread hops), the writer already processes the next batch on top of it; that batch's
 * write starts when the previous one has returned, so blocks land in order. If a write fails,
 * the novelty is rolled back to before that batch (which removes the batch processed on top of
 * it too), its submitters learn that the outcome is unknown ({@link UncertainWrites}), and the
 * next batch is processed again; the transactor keeps serving. A slot found taken is either a
 * block to adopt ({@link BlockAdoption}) or proof that this transactor has been replaced.
 *
 * <p>Tasks of other threads that change the state (an index job's installation, a takeover's
 * root fence) are queued as control tasks and run by the writer between batches, so the
 * published state has one writer.
 */
final class Writer {
  // Logs under the transactor's name, as it did before the writer had a class of its own.
  private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);
  /** Queued to wake the writer for a control task. */
  private static final Object WAKE = new Object();
  /**
   * How long an idle writer waits for a first transaction before it looks at its control tasks
   * and an unresolved ambiguous write again: short enough that those wait little, long enough
   * that an idle transactor does not spin.
   */
  private static final long IDLE_POLL_MILLIS = 50;
  /**
   * How long {@link #close()} waits for the batch in progress (its processing and its one log
   * write) to finish: the same as the default transact timeout, after which its submitters have
   * given up waiting anyway.
   */
  private static final long CLOSE_WAIT_MILLIS = 10_000;

  private final Core core;
  private final Fence fence;
  private final EnsurePredicates predicates;
  private final BlockingQueue<Object> queue;
  private final ConcurrentLinkedQueue<Runnable> control = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private final ExecutorService logWriter;
  private final Indexer indexer;
  private final BlockAdoption adoption;
  private final UncertainWrites uncertain;
  // Statistics (Transactor.stats()): written by the writer, read by anyone.
  private final LongAdder batches = new LongAdder();
  private final LongAdder transactions = new LongAdder();
  private final LongAdder processNanos = new LongAdder();
  private final LongAdder writeNanos = new LongAdder();
  private final LongAdder publishNanos = new LongAdder();

  // Writer thread only.
  // Requests taken from the queue in the current round, and the batch whose write is being
  // finished: if the writer dies, their submitters learn that the outcome is unknown.
  private List<Request> inHand = List.of();
  private Pending finishing;
  private Pending inFlight;
  /**
   * Current cardinality-one values as of the database the next batch is processed against (at
   * {@code currentAt}); emptied when the database moves otherwise (a rollback, an adopted block).
   */
  private final CurrentValues current = new CurrentValues();
  private long currentAt = Long.MIN_VALUE;
  private final List<Request> redo = new ArrayList<>();

  private record Request(Object txData, UUID txUuid, CompletableFuture<TxReport> future) {}

  /** An accepted request: its result, and the transaction as the novelty holds it and the log block will. */
  private record Processed(Request request, TxResult result, CommittedTx committed) {}

  private record Rejected(Request request, Throwable error) {}

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

    /** The accepted transactions as the log block holds them. */
    List<CommittedTx> txs() {
      List<CommittedTx> txs = new ArrayList<>();
      for (Processed processed : accepted) {
        txs.add(processed.committed());
      }
      return txs;
    }
  }

  Writer(Core core, Fence fence) {
    this.core = core;
    this.fence = fence;
    this.predicates = new EnsurePredicates(core.config.allowedPredicateClasses());
    this.queue = new LinkedBlockingQueue<>(core.config.queueCapacity());
    this.indexer = new Indexer(core, this::runOnWriter);
    this.adoption = new BlockAdoption(core);
    this.uncertain = new UncertainWrites(core, adoption);
    this.logWriter = Executors.newSingleThreadExecutor(r -> daemon(r, "datolite-log-writer " + core.name));
    this.thread = daemon(this::writeLoop, "datolite-writer " + core.name);
  }

  static Thread daemon(Runnable r, String threadName) {
    Thread t = new Thread(r, threadName);
    t.setDaemon(true);
    return t;
  }

  void start() {
    thread.start();
  }

  /** Queues transaction data; the future completes when its outcome is known. */
  CompletableFuture<TxReport> submit(Object txData, UUID txUuid) {
    CompletableFuture<TxReport> future = new CompletableFuture<>();
    if (core.closed || core.fatal != null) {
      future.completeExceptionally(core.fatal != null ? core.fatal : core.closedError());
      return future;
    }
    Request request = new Request(txData, txUuid != null ? txUuid : Uuids.random(), future);
    if (!queue.offer(request)) {
      future.completeExceptionally(new TransactorException(TransactorException.Code.OVERLOADED,
          core.name + " has " + core.config.queueCapacity() + " transactions waiting; retry later", true, null));
    }
    return future;
  }

  /** Runs a task on the writer thread, between batches. */
  void runOnWriter(Runnable task) {
    control.add(task);
    queue.offer(WAKE);
  }

  /** See {@link Transactor#claim()}: the root fence, on the writer thread. */
  CompletableFuture<Void> claimRoot() {
    CompletableFuture<Void> fenced = new CompletableFuture<>();
    runOnWriter(() -> adoption.claimRoot(fenced));
    return fenced;
  }

  /** See {@link Transactor#requestIndex()}. */
  void requestIndex() {
    runOnWriter(indexer::request);
  }

  /** Whether a log write's outcome is still being resolved. */
  boolean uncertainPending() {
    return uncertain.pending();
  }

  Transactor.Stats stats() {
    return new Transactor.Stats(batches.sum(), transactions.sum(), processNanos.sum(), writeNanos.sum(),
        publishNanos.sum());
  }

  /** Waits for the writer to stop after the batch in progress ({@link Core#closed} is set), then stops its threads. */
  void close() {
    try {
      thread.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    indexer.close();
    logWriter.shutdown();
  }

  // ---- the loop ----------------------------------------------------------------------------------

  private void writeLoop() {
    TxProcessor.reuseScratchOnThisThread();
    try {
      while (!core.closed && core.fatal == null) {
        if (inFlight != null && (!control.isEmpty() || indexer.overNoveltyLimit())) {
          finish();
          continue;
        }
        if (inFlight == null) {
          runControl();
          indexer.awaitBelowNoveltyLimit(this::runControl);
        }
        List<Request> batch = takeBatch();
        inHand = batch;
        if (batch.isEmpty()) {
          if (inFlight != null) {
            finish();
          }
          continue;
        }
        if (inFlight == null && !uncertain.resolve()) {
          fail(batch, core.fatal);
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
        indexer.start(false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("{}: the writer stopped on an unexpected error", core.name, e);
      core.fatal = new TransactorException(TransactorException.Code.CLOSED, core.name + " stopped: " + e, true, e);
    } finally {
      if (inFlight != null && core.fatal == null) {
        try {
          finish(); // its write was issued: its submitters learn the outcome
        } catch (RuntimeException e) {
          LOG.error("{}: finishing the last log write failed", core.name, e);
        }
      }
      TransactorException reason = core.fatal != null ? core.fatal : core.closedError();
      // Whatever was taken and not settled may have been written: its outcome is unknown.
      TransactorException unknown = new TransactorException(TransactorException.Code.UNKNOWN_OUTCOME, core.name
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
      Object first = inFlight == null ? queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS) : queue.poll();
      if (first == null && inFlight == null && uncertain.any()) {
        uncertain.resolve(); // idle: settle an ambiguous write now, not at the next transaction
      }
      if (first == null || first == WAKE) {
        return batch;
      }
      batch.add((Request) first);
    }
    while (batch.size() < core.config.maxBatch()) {
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

  private void runControl() {
    for (Runnable task; (task = control.poll()) != null; ) {
      task.run();
    }
  }

  /**
   * Processes a batch, each transaction against the database left by the one before, straight
   * into the novelty so that the next one sees it. Readers cannot: a database value reads only
   * up to its basis, which moves when the log write has returned. Rejections are only recorded:
   * they are told once everything they were judged against is durable.
   */
  private Pending process(List<Request> batch) {
    long started = System.nanoTime();
    State published = core.state;
    MemoryIndex novelty = published.novelty();
    Pending prior = inFlight;
    Schema working = prior != null ? prior.schema() : published.schema();
    long t = prior != null ? prior.t() : published.t();
    long nextIndex = prior != null ? prior.nextIndex() : published.nextEntityIndex();
    Instant last = prior != null ? prior.last() : published.lastTxInstant();
    State before = published.at(t, working, nextIndex, last);
    Db db = published.db(Ids.tx(t));
    if (currentAt != t) {
      current.clear(); // the database moved other than by this writer's transactions
    }
    List<Processed> accepted = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (Request request : batch) {
      TxProcessor.Context ctx = new TxProcessor.Context(db, working, t + 1, Instant.now(core.config.clock()), last,
          request.txUuid(), nextIndex, predicates, core.config.maxTxDatoms(), current);
      try {
        TxResult r = TxProcessor.process(request.txData(), ctx);
        // a large transaction (a bulk load's) is kept in the novelty as columns, not datom objects
        CommittedTx committed = new CommittedTx(r.t(), r.tx(), r.datoms().size() >= ColumnDatoms.MIN_DATOMS
            ? ColumnDatoms.of(r.tx(), r.datoms()) : r.datoms());
        novelty.add(committed);
        db = published.db(r.tx());
        if (r.schemaChanged()) {
          working = Schema.of(db);
          core.schema.set(working); // the novelty's VAET membership follows the newest schema
          current.clear();
        } else {
          current.apply(r.datoms(), working);
        }
        currentAt = r.t();
        accepted.add(new Processed(request, r, committed));
        t = r.t();
        nextIndex = r.nextEntityIndex();
        last = r.instant();
      } catch (TxException e) {
        rejected.add(new Rejected(request, e));
      } catch (RuntimeException | StackOverflowError e) {
        LOG.error("{}: transaction failed unexpectedly; it is rejected alone", core.name, e);
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
    List<CommittedTx> txs = p.txs();
    String key = LogBlock.key(core.config.keyPrefix(), txs.get(0).t());
    byte[] block = LogBlock.encode(txs);
    if (fence != null && !fence.mayWrite()) {
      rollback(p.before());
      TransactorException e = new TransactorException(TransactorException.Code.UNAVAILABLE, core.name
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
        write.complete(core.kv.putIfAbsent(key, block));
      } catch (RuntimeException e) {
        write.completeExceptionally(e);
      }
      inFlight = p.writing(key, block, writeStarted, write);
      return;
    }
    long writeStarted = System.nanoTime();
    write = CompletableFuture.supplyAsync(() -> core.kv.putIfAbsent(key, block), logWriter);
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
    } catch (CompletionException e) {
      rollback(p.before());
      if (!(e.getCause() instanceof StorageException se)) {
        TransactorException error = new TransactorException(TransactorException.Code.STORAGE_FAILED,
            "writing the log to " + core.kv.describe() + " failed unexpectedly: " + e.getCause(), false, e.getCause());
        LOG.error("{}: writing log block {} failed unexpectedly", core.name, p.key(), e.getCause());
        uncertain.add(p.key(), p.block(), p.txs());
        fail(p.acceptedRequests(), error);
        redo.addAll(rejected);
        return false;
      }
      LOG.error("{}: writing log block {} failed; {} transactions have an unknown outcome", core.name, p.key(),
          p.accepted().size(), se);
      uncertain.add(p.key(), p.block(), p.txs());
      for (Processed processed : p.accepted()) {
        processed.request().future().completeExceptionally(new TransactorException(TransactorException.Code.STORAGE_FAILED,
            "writing the log to " + core.kv.describe() + " failed: " + se.getMessage()
                + "; the transaction's outcome is unknown: look up its uuid " + processed.request().txUuid(), false, se));
      }
      redo.addAll(rejected);
      return false;
    }
    if (!written) {
      rollback(p.before());
      if (uncertain.any()) {
        // Our own earlier, ambiguous write may be what holds the slot.
        if (!uncertain.resolve()) {
          fail(p.requests(), core.fatal);
          return false;
        }
        if (!uncertain.any()) {
          redo.addAll(p.requests());
          return false;
        }
      }
      if (fence != null && fence.confirmed() && adoption.adoptForeignBlock(p.key())) {
        redo.addAll(p.requests()); // the predecessor's last block is adopted; process the batch again on top of it
        return false;
      }
      core.deposed(p.key());
      fail(p.requests(), core.fatal);
      return false;
    }
    long writeDone = System.nanoTime();
    if (uncertain.isFor(p.key())) {
      uncertain.clear(); // the slot took this block, so no earlier ambiguous write landed there
    }
    publish(p);
    batches.increment();
    transactions.add(p.accepted().size());
    processNanos.add(p.processNanos());
    writeNanos.add(writeDone - p.writeStarted());
    publishNanos.add(System.nanoTime() - writeDone);
    return true;
  }

  private void publish(Pending p) {
    State before = p.before();
    core.state = before.at(p.t(), p.schema(), p.nextIndex(), p.last());
    State after = core.state;
    List<TxReport> reports = new ArrayList<>();
    for (Processed processed : p.accepted()) {
      TxResult r = processed.result();
      Db dbBefore = after.db(Ids.tx(r.t() - 1));
      Db dbAfter = after.db(r.tx());
      reports.add(new TxReport(r.t(), r.tx(), processed.request().txUuid(), r.instant(), dbBefore, dbAfter, r.datoms(),
          r.tempids()));
    }
    // Listeners first: a peer's stream carries a commit before its submitter hears of it.
    core.listeners.committed(reports, p.block());
    for (int i = 0; i < reports.size(); i++) {
      p.accepted().get(i).request().future().complete(reports.get(i));
    }
    settleRejections(p);
  }

  /** Takes back the transactions of a batch whose log write did not happen. */
  private void rollback(State before) {
    current.clear();
    currentAt = Long.MIN_VALUE;
    before.novelty().removeAfter(Ids.tx(before.t()));
    core.schema.set(before.schema());
  }

  private static void fail(List<Request> requests, TransactorException e) {
    for (Request r : requests) {
      r.future().completeExceptionally(e);
    }
  }
}
