package org.datolite;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.datolite.edn.Edn;
import org.datolite.edn.EdnException;
import org.datolite.schema.Bootstrap;
import org.datolite.schema.Schema;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.transactor.Transactor;
import org.datolite.transactor.TransactorConfig;
import org.datolite.transactor.TransactorException;
import org.datolite.transactor.TransactorListener;
import org.datolite.transactor.tx.TxErrorCode;
import org.datolite.transactor.tx.TxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer of an embedded database ({@code mem:} and {@code file:} URLs): the store, the
 * in-process transactor that writes it (the same code path as the standalone one, without a
 * socket), and the schema at each basis. Every connection to the same database in this JVM
 * shares one; the last one to close closes it.
 */
final class EmbeddedPeer extends SharedPeer {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPeer.class);

  private final String key;
  private final KeyValueStore kv;
  private final Transactor transactor;

  EmbeddedPeer(String key, KeyValueStore kv, Transactor transactor) {
    super(kv, transactor.config().keyPrefix());
    this.key = key;
    this.kv = kv;
    this.transactor = transactor;
    schemaChanged(Long.MIN_VALUE, transactor.schema());
    transactor.addListener(new TransactorListener() {
      @Override
      public void committed(List<org.datolite.transactor.TxReport> reports) { // NOPMD: org.datolite has a TxReport too
        for (org.datolite.transactor.TxReport r : reports) { // NOPMD: org.datolite has a TxReport too
          if (Bootstrap.touchesSchema(r.txData())) {
            schemaChanged(r.tx(), Schema.of(r.dbAfter()));
          }
        }
        if (hasConnections()) {
          deliver(reports.stream().map(EmbeddedPeer.this::report).toList());
        }
      }
    });
  }

  static EmbeddedPeer open(String key, KeyValueStore kv, long cacheBytes,
      TransactorConfig config) {
    Transactor t = Transactor.open(kv, new SegmentCache(cacheBytes), config);
    LOG.info("opened embedded database {} at t {}", key, t.basisT());
    return new EmbeddedPeer(key, kv, t);
  }

  /** Embedded databases take no credentials: the process that opens the store may use it. */
  @Override
  public void admit(byte[] secret) {}

  @Override
  public String key() {
    return key;
  }

  @Override
  public Database db() {
    return database(transactor.db());
  }

  @Override
  public CompletableFuture<TxReport> transact(String edn, UUID txUuid) {
    Object data;
    try {
      data = Edn.read(edn);
    } catch (EdnException e) {
      return CompletableFuture.failedFuture(new TxException(TxErrorCode.MALFORMED_TX_DATA, e.getMessage()));
    }
    // The transactor publishes a commit before it answers: the report's dbAfter is the peer's.
    return transactor.transactAsync(data, txUuid).thenApply(this::report);
  }

  @Override
  public CompletableFuture<TxReport> transact(List<?> txData, UUID txUuid) {
    return transactor.transactAsync(txData, txUuid).thenApply(this::report);
  }

  @Override
  public Long committedT(UUID txUuid) {
    return transactor.committedT(txUuid);
  }

  @Override
  public Database sync(long t, Duration timeout) {
    // The embedded transactor publishes a commit before it answers it: this peer has every t it
    // has answered. A t beyond the last commit is waited for, up to the timeout.
    long deadline = System.nanoTime() + timeout.toNanos();
    while (transactor.basisT() < t) {
      if (System.nanoTime() > deadline) {
        throw new TransactorException(TransactorException.Code.TIMEOUT, "the database did not reach t " + t
            + " within " + timeout.toMillis() + " ms (it is at t " + transactor.basisT() + ")", true, null);
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

  private TxReport report(org.datolite.transactor.TxReport r) { // NOPMD: org.datolite has a TxReport too
    return new TxReport(r.t(), r.tx(), r.txUuid(), r.instant(), database(r.dbBefore()), database(r.dbAfter()),
        r.txData(), r.tempids());
  }

  @Override
  public void close() {
    try {
      transactor.close();
    } finally {
      try {
        kv.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the store of {} failed", key, e);
      }
      LOG.info("closed embedded database {}", key);
    }
  }
}
