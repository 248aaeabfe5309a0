package org.datolite.transactor;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.tree.IndexSet;
import org.datolite.storage.tree.NodeStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.transactor.tx.TxException;
import org.datolite.transactor.tx.TxProcessor;

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
 * are told only then, since they were judged against the batch's earlier transactions. While
 * one block is being written, the writer already processes the next batch on top of it
 * ({@link Writer}).
 *
 * <p><b>Fencing.</b> The block of transactions {@code t0..t1} goes under the immutable key of
 * {@code t0}, and the next under {@code t1 + 1}; a transactor that has been replaced finds its
 * next slot taken by its successor and stops ({@link TransactorException.Code#DEPOSED}), so it
 * can never write after another one has. The root is replaced only by compare-and-set on its
 * revision, which fences index jobs the same way. A log write that failed ambiguously (the
 * store may or may not have kept it) leaves its submitters with an unknown outcome, resolvable
 * by their transaction UUIDs; the writer checks the slot before it writes again and adopts the
 * block if it did land ({@link UncertainWrites}, {@link BlockAdoption}).
 *
 * <p><b>Indexing.</b> When the novelty passes {@link TransactorConfig#indexThresholdBytes()}, a
 * background job merges it into the persisted trees copy-on-write ({@link IndexSet#merge}) while
 * the writer goes on; the writer then swaps the root by compare-and-set and drops the novelty
 * the new trees include. Above {@link TransactorConfig#maxNoveltyBytes()} the writer waits for
 * the job before it takes more transactions: writes slow down rather than exhaust memory
 * ({@link Indexer}).
 *
 * <p><b>Recovery</b> ({@link Recovery}): on open, the root's trees plus every log block after
 * their basis; a database whose root is missing is created.
 *
 * <p>This class is the API; the parts behind it share a {@link Core}: the {@link Writer}, with
 * its {@link Indexer}, {@link UncertainWrites} and {@link BlockAdoption}, and the
 * {@link Listeners}.
 */
public final class Transactor implements AutoCloseable {
  private final Core core;
  private final Writer writer;

  private Transactor(KeyValueStore kv, SegmentCache cache, TransactorConfig config, Fence fence, Recovery warm) {
    this.core = new Core(kv, cache, config, warm);
    this.writer = new Writer(core, fence);
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
    return open(kv, cache, config, fence, null);
  }

  /**
   * As {@link #open(KeyValueStore, SegmentCache, TransactorConfig, Fence)}, taking over what a
   * {@link Standby} has read while it waited: only the log it has not seen yet is read.
   */
  public static Transactor open(KeyValueStore kv, SegmentCache cache, TransactorConfig config, Fence fence,
      Standby standby) {
    Transactor t = new Transactor(kv, cache, config, fence, standby == null ? null : standby.handOver());
    t.writer.start();
    return t;
  }

  /**
   * A standby's copy of the database it may have to serve, kept current while it waits: the trees
   * of the newest root and the log after them, read again at each {@link #follow()} (in batches),
   * so that taking over ({@link #open(KeyValueStore, SegmentCache, TransactorConfig, Fence, Standby)})
   * reads only the blocks written since the last call. Thread-safe; a standby is used for one
   * takeover.
   */
  public static final class Standby {
    private final Recovery recovery;

    public Standby(KeyValueStore kv, SegmentCache cache, TransactorConfig config) {
      this.recovery = new Recovery(kv, new NodeStore(kv, cache, config.keyPrefix()), config, new AtomicReference<>());
    }

    /**
     * Reads what the active transactor wrote since the last call.
     *
     * @return the basis {@code t} this standby holds, or -1 while the database does not exist
     */
    public long follow() {
      return recovery.follow();
    }

    Recovery handOver() {
      return recovery;
    }
  }

  /**
   * Fences a predecessor after a takeover: replaces the root with itself (so that an index job
   * of the predecessor fails its compare-and-set) and commits an empty transaction (so that the
   * predecessor's next log slot is taken). Returns the report of that transaction.
   */
  public CompletableFuture<TxReport> claim() {
    return writer.claimRoot().thenCompose(v -> transactAsync(List.of(), null));
  }

  /** The database after the last commit. */
  public Db db() {
    return core.state.db();
  }

  /** The basis {@code t} of the last commit. */
  public long basisT() {
    return core.state.t();
  }

  /** The schema after the last commit. */
  public Schema schema() {
    return core.state.schema();
  }

  public TransactorConfig config() {
    return core.config;
  }

  public void addListener(TransactorListener listener) {
    core.listeners.add(listener);
  }

  public void removeListener(TransactorListener listener) {
    core.listeners.remove(listener);
  }

  /**
   * The basis {@code t} of the committed transaction that carried {@code txUuid}, or null if none
   * did: how a client whose connection dropped learns a transaction's outcome.
   */
  public Long committedT(UUID txUuid) {
    if (writer.uncertainPending()) {
      throw new TransactorException(TransactorException.Code.UNKNOWN_OUTCOME, "a log write of " + core.name
          + " failed ambiguously and is still being resolved; ask again shortly", false, null);
    }
    Datom d = db().first(Index.AVET, Bootstrap.TX_UUID, txUuid);
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
    return writer.submit(txData, txUuid);
  }

  /** Submits transaction data and waits for the outcome, at most the configured timeout. */
  public TxReport transact(Object txData) {
    return await(transactAsync(txData, null));
  }

  /** Waits for a submitted transaction, at most the configured timeout. */
  public TxReport await(CompletableFuture<TxReport> future) {
    TransactorConfig config = core.config;
    try {
      return future.get(config.transactTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TransactorException(TransactorException.Code.TIMEOUT, "no outcome from " + core.name + " within "
          + config.transactTimeout().toMillis() + " ms; the transaction may still commit: look up its uuid",
          false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransactorException(TransactorException.Code.TIMEOUT, "interrupted while waiting for " + core.name,
          false, e);
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
    writer.requestIndex();
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
    TransactorException f = core.fatal;
    return f != null ? f : core.closed ? core.closedError() : null;
  }

  public Stats stats() {
    return writer.stats();
  }

  /** Stops the writer after the batch in progress; waiting transactions fail with CLOSED. */
  @Override
  public void close() {
    if (core.closed) {
      return;
    }
    core.closed = true;
    writer.close();
  }
}
