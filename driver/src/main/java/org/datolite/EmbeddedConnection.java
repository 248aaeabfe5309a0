package org.datolite;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.datolite.edn.Edn;
import org.datolite.edn.EdnException;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;

/** A connection to an embedded database, sharing its {@link EmbeddedPeer} with the others. */
final class EmbeddedConnection implements DatoliteConnection {
  private final EmbeddedPeer peer;
  private final Duration timeout;
  private volatile boolean closed;
  private volatile BlockingQueue<TxReport> reports;

  EmbeddedConnection(EmbeddedPeer peer, Duration timeout) {
    this.peer = peer;
    this.timeout = timeout;
    peer.attach(this);
  }

  @Override
  public Database db() {
    checkOpen();
    return peer.db();
  }

  @Override
  public TxReport transact(String edn) {
    CompletableFuture<TxReport> f = transactAsync(edn);
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
    checkOpen();
    Object data;
    try {
      data = Edn.read(edn);
    } catch (EdnException e) {
      return CompletableFuture.failedFuture(new TxException(TxErrorCode.MALFORMED_TX_DATA, e.getMessage()));
    }
    return peer.transactor.transactAsync(data, null).thenApply(this::report);
  }

  @Override
  public Database sync(long t) {
    checkOpen();
    // The embedded transactor publishes a commit before it answers it: the peer has every t it
    // has answered. A t beyond the last commit is waited for, up to the timeout.
    long deadline = System.nanoTime() + timeout.toNanos();
    while (peer.transactor.basisT() < t) {
      if (System.nanoTime() > deadline) {
        throw new TransactorException(TransactorException.Code.TIMEOUT, "the database did not reach t " + t
            + " within " + timeout.toMillis() + " ms (it is at t " + peer.transactor.basisT() + ")", true, null);
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransactorException(TransactorException.Code.TIMEOUT, "interrupted while waiting for t " + t, true, e);
      }
    }
    return db();
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

  /** From the writer thread: every commit, in order. */
  void committed(List<org.datolite.transactor.TxReport> committed) {
    BlockingQueue<TxReport> q = reports;
    if (q != null && !closed) {
      for (org.datolite.transactor.TxReport r : committed) {
        q.add(report(r));
      }
    }
  }

  private TxReport report(org.datolite.transactor.TxReport r) {
    return new TxReport(r.t(), r.tx(), r.txUuid(), r.instant(), peer.database(r.dbBefore()),
        peer.database(r.dbAfter()), r.txData(), r.tempids());
  }

  private void checkOpen() {
    if (closed) {
      throw new DatoliteException("08003", "the connection to " + peer.key + " is closed");
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
  public String toString() {
    return "DatoliteConnection[" + peer.key + (closed ? ", closed" : "") + "]";
  }
}
