package org.datolite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.datolite.storage.db.Db;
import org.datolite.storage.kv.KeyValueStore;
import org.datolite.storage.log.LogBlock;
import org.datolite.storage.tree.SegmentCache;
import org.datolite.transactor.Transactor;
import org.datolite.transactor.TransactorListener;
import org.datolite.transactor.schema.Bootstrap;
import org.datolite.transactor.schema.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer of an embedded database ({@code mem:} and {@code file:} URLs): the store, the
 * in-process transactor that writes it (the same code path as the standalone one, without a
 * socket), and the schema at each basis. Every connection to the same database in this JVM
 * shares one; the last one to close closes it.
 */
final class EmbeddedPeer {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPeer.class);

  final String key;
  final KeyValueStore kv;
  final Transactor transactor;
  /** The schema from each schema-changing transaction on (by tx id); floor lookups give a basis's schema. */
  private final ConcurrentSkipListMap<Long, Schema> schemas = new ConcurrentSkipListMap<>();
  private final List<EmbeddedConnection> connections = new CopyOnWriteArrayList<>();
  private int refs;

  EmbeddedPeer(String key, KeyValueStore kv, Transactor transactor) {
    this.key = key;
    this.kv = kv;
    this.transactor = transactor;
    schemas.put(Long.MIN_VALUE, transactor.schema());
    transactor.addListener(new TransactorListener() {
      @Override
      public void committed(List<org.datolite.transactor.TxReport> reports) {
        for (org.datolite.transactor.TxReport r : reports) {
          if (Bootstrap.touchesSchema(r.txData())) {
            schemas.put(r.tx(), Schema.of(r.dbAfter()));
          }
        }
        for (EmbeddedConnection c : connections) {
          c.committed(reports);
        }
      }
    });
  }

  static EmbeddedPeer open(String key, KeyValueStore kv, long cacheBytes,
      org.datolite.transactor.TransactorConfig config) {
    Transactor t = Transactor.open(kv, new SegmentCache(cacheBytes), config);
    LOG.info("opened embedded database {} at t {}", key, t.basisT());
    return new EmbeddedPeer(key, kv, t);
  }

  /** The current database value. */
  Database db() {
    return database(transactor.db());
  }

  /** A storage-level value as a database, with the schema at its basis. */
  Database database(Db db) {
    Map.Entry<Long, Schema> e = schemas.floorEntry(db.basisTx());
    return new Database(db, e != null ? e.getValue() : transactor.schema(), this::readLog);
  }

  /** The transactions with {@code from <= t < to} from the log blocks in storage. */
  private List<Transaction> readLog(long from, long to) {
    String prefix = transactor.config().keyPrefix() + "log/";
    List<String> keys = kv.keys(prefix);
    // A block's key is its first t: start at the last block whose first t is at most from.
    int start = Collections.binarySearch(keys, LogBlock.key(transactor.config().keyPrefix(), from));
    start = start >= 0 ? start : Math.max(0, -start - 2);
    List<Transaction> out = new ArrayList<>();
    for (int i = start; i < keys.size(); i++) {
      byte[] bytes = kv.get(keys.get(i));
      if (bytes == null) {
        continue;
      }
      for (LogBlock.Tx tx : LogBlock.decode(bytes, keys.get(i))) {
        if (tx.t() >= to) {
          return out;
        }
        if (tx.t() >= from) {
          out.add(new Transaction(tx.t(), tx.tx(), tx.datoms()));
        }
      }
    }
    return out;
  }

  void attach(EmbeddedConnection c) {
    connections.add(c);
  }

  void detach(EmbeddedConnection c) {
    connections.remove(c);
  }

  /** Counts a connection in. Guarded by the registry's lock. */
  void retain() {
    refs++;
  }

  /** Counts a connection out; true when it was the last. Guarded by the registry's lock. */
  boolean release() {
    return --refs == 0;
  }

  void close() {
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
