package org.datolite;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.datolite.error.SqlState;
import org.datolite.query.QueryLimits;
import org.datolite.transactor.TransactorException;

/** A connection, sharing its database's {@link Peer} with the other connections to it. */
final class PeerConnection implements DatoliteConnection {
  private final Peer peer;
  private final Duration timeout;
  private volatile boolean closed;
  private volatile BlockingQueue<TxReport> reports;

  private final QueryLimits limits;

  PeerConnection(Peer peer, Duration timeout, QueryLimits limits) {
    this.limits = limits;
    this.peer = peer;
    this.timeout = timeout;
    peer.attach(this);
  }

  /** The peer behind this connection (for tests). */
  Peer peer() {
    return peer;
  }

  @Override
  public QueryLimits queryLimits() {
    return limits;
  }

  @Override
  public Database db() {
    checkOpen();
    return peer.db();
  }

  @Override
  public TxReport transact(String edn) {
    return transact(edn, null);
  }

  @Override
  public TxReport transact(List<?> txData) {
    checkOpen();
    return outcome(peer.transact(txData, null));
  }

  @Override
  public TxReport transact(String edn, UUID txUuid) {
    return outcome(transactAsync(edn, txUuid));
  }

  /** The outcome of a submitted transaction, waited for at most the transact timeout. */
  private TxReport outcome(CompletableFuture<TxReport> f) {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TransactorException(TransactorException.Code.TIMEOUT, "no outcome within " + timeout.toMillis()
          + " ms (transact-timeout-ms); the transaction may still commit", false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransactorException(TransactorException.Code.TIMEOUT, "interrupted while waiting for the outcome;"
          + " the transaction may still commit", false, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public CompletableFuture<TxReport> transactAsync(String edn) {
    return transactAsync(edn, null);
  }

  @Override
  public CompletableFuture<TxReport> transactAsync(String edn, UUID txUuid) {
    checkOpen();
    return peer.transact(edn, txUuid);
  }

  @Override
  public TxStatus txStatus(UUID txUuid) {
    checkOpen();
    Objects.requireNonNull(txUuid, "txUuid");
    try {
      Long t = peer.committedT(txUuid);
      return t == null ? TxStatus.notCommitted() : TxStatus.committed(t);
    } catch (TransactorException e) {
      // a log write being settled, or no transactor to ask: the answer is not known yet
      return TxStatus.unknown(e.code() + ": " + e.getMessage());
    }
  }

  /** On {@link #db()}, within this connection's query-timeout-ms and query-max-rows. */
  @Override
  public Object q(String query, Object... inputs) {
    return Datolite.q(limits, query, Datolite.withFirst(db(), inputs));
  }

  @Override
  public Database sync(long t) {
    checkOpen();
    return peer.sync(t, timeout);
  }

  @Override
  public BlockingQueue<TxReport> txReports() {
    checkOpen();
    BlockingQueue<TxReport> q = reports;
    if (q == null) {
      synchronized (this) {
        if (reports == null) {
          reports = new LinkedBlockingQueue<>();
        }
        q = reports;
      }
    }
    return q;
  }

  /** From the peer: every commit, in order. */
  void committed(List<TxReport> committed) {
    BlockingQueue<TxReport> q = reports;
    if (q != null && !closed) {
      q.addAll(committed);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new DatoliteException(SqlState.CONNECTION_DOES_NOT_EXIST, "the connection to " + peer.key() + " is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    peer.detach(this);
    Datolite.release(peer);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean isValid() {
    if (closed) {
      return false;
    }
    try {
      peer.checkStorage();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "DatoliteConnection[" + peer.key() + (closed ? ", closed" : "") + "]";
  }
}
