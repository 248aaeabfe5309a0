package org.datolite;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.datolite.query.QueryLimits;

/**
 * A connection to one Datolite database: the current database value, and writes through the
 * transactor. Open one with {@link Datolite#connect}; the JDBC driver hands one out through
 * {@code Connection.unwrap(DatoliteConnection.class)}. Thread-safe; several connections to the
 * same database in one JVM share one peer (its indexes and caches).
 */
public interface DatoliteConnection extends AutoCloseable {
  /** The most recent database value this peer knows, including every transaction this connection committed. */
  Database db();

  /**
   * Submits transaction data in EDN (Datomic's list and map forms) and waits for its outcome, at
   * most the {@code transact-timeout-ms} property.
   *
   * @throws org.datolite.transactor.tx.TxException if the transaction is rejected (nothing of it is stored)
   * @throws org.datolite.transactor.TransactorException if the writer is unavailable, failed, or
   *     gave no outcome in time (the transaction may still commit)
   */
  TxReport transact(String edn);

  /**
   * As {@link #transact}, under a UUID of the caller's choosing, recorded as {@code :db/txUuid}:
   * an idempotency key. After an outcome {@code transact} could not report (an exception whose
   * {@code outcomeKnown()} is false), retry with the same UUID, or ask {@link #txStatus}. A retry
   * of a transaction that committed is rejected with {@code TxException} {@code ALREADY_COMMITTED}
   * (SQLState 23505), whose message names the earlier transaction: it is never applied twice.
   *
   * @param txUuid the transaction's id; null picks a random one (as {@link #transact(String)} does)
   */
  TxReport transact(String edn, UUID txUuid);

  /**
   * As {@link #transact(String)}, with the data as objects, as {@code Edn.read} gives them for the
   * text: list forms as {@code List}s, map forms as {@code Map}s, keywords as {@code Keyword}s,
   * values as their Java types. It saves printing and parsing EDN on an embedded database. The
   * data must not change once submitted.
   */
  TxReport transact(List<?> txData);

  /** As {@link #transact}, without waiting: the future completes with the report or the error. */
  CompletableFuture<TxReport> transactAsync(String edn);

  /** As {@link #transact(String, UUID)}, without waiting. */
  CompletableFuture<TxReport> transactAsync(String edn, UUID txUuid);

  /**
   * Whether the transaction submitted with {@code txUuid} committed (and at which {@code t}), did
   * not, or cannot be told yet; asks the transactor. Never throws for an unreachable transactor:
   * that is {@link TxStatus.State#UNKNOWN}, with the reason.
   */
  TxStatus txStatus(UUID txUuid);

  /** A database value whose basis is at least {@code t}, waiting (at most the transact timeout) until the peer has it. */
  Database sync(long t);

  /**
   * A queue that receives the report of every transaction committed after the first call, by any
   * connection to this database, in order (Datomic's transaction report queue). The queue is
   * unbounded: a caller who asks for it must drain it.
   */
  BlockingQueue<TxReport> txReports();

  /**
   * The limits this connection's queries run within: the {@code query-timeout-ms},
   * {@code query-max-rows}, planner and Java-method properties it was opened with. A caller that
   * runs a query itself ({@code Datolite.q(limits, …)}) can narrow them, e.g. with a cancellation.
   */
  QueryLimits queryLimits();

  /** Runs a Datalog query on {@link #db()} within {@link #queryLimits()}. */
  default Object q(String query, Object... inputs) {
    return db().q(query, inputs);
  }

  /** Releases this connection (and the peer, when it was the last one); idempotent. */
  @Override
  void close();

  /** Whether the connection is closed. */
  boolean isClosed();

  /**
   * Whether the connection is open and its storage answers a read (JDBC's {@code isValid}).
   * Never throws.
   */
  boolean isValid();
}
