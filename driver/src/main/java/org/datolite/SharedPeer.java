package org.datolite;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.error.SqlState;
import org.datolite.storage.kv.KeyValueStore;

/**
 * What every peer shares: the connections it serves and the reports it delivers to them, the
 * schema at each basis, and the log in storage behind its database values.
 */
abstract class SharedPeer implements Peer {
  private final List<PeerConnection> connections = new CopyOnWriteArrayList<>();
  /** The schema from each schema-changing transaction on (by tx id); floor lookups give a basis's schema. */
  private final ConcurrentSkipListMap<Long, Schema> schemas = new ConcurrentSkipListMap<>();
  private final KeyValueStore kv;
  private final String keyPrefix;
  private int refs;

  /**
   * A peer records the schema it starts from ({@link #schemaChanged} at {@link Long#MIN_VALUE})
   * before it hands out database values.
   *
   * @param kv the storage holding the database's log
   * @param keyPrefix the database's key prefix
   */
  SharedPeer(KeyValueStore kv, String keyPrefix) {
    this.kv = kv;
    this.keyPrefix = keyPrefix;
  }

  /** Records the schema a transaction left (it changed the schema); {@link Long#MIN_VALUE}: the starting one. */
  void schemaChanged(long tx, Schema schema) {
    schemas.put(tx, schema);
  }

  /** A storage-level value as a database, with the schema at its basis and the log behind it. */
  Database database(Db db) {
    return database(db, null);
  }

  /** As {@link #database(Db)}, knowing where its next speculative transaction starts (null: read it when needed). */
  Database database(Db db, Database.TxPosition position) {
    return new Database(db, schemas.floorEntry(db.basisTx()).getValue(),
        (from, to) -> LogReader.read(kv, keyPrefix, from, to), position);
  }

  @Override
  public void checkStorage() {
    try {
      kv.get(keyPrefix + "root");
    } catch (RuntimeException e) {
      throw new DatoliteException(SqlState.CONNECTION_FAILURE, "storage does not answer: " + e.getMessage(), e);
    }
  }

  @Override
  public void attach(PeerConnection c) {
    connections.add(c);
  }

  @Override
  public void detach(PeerConnection c) {
    connections.remove(c);
  }

  @Override
  public void retain() {
    refs++;
  }

  @Override
  public boolean release() {
    return --refs == 0;
  }

  /** Whether any connection is attached (to skip building reports nobody reads). */
  boolean hasConnections() {
    return !connections.isEmpty();
  }

  /** Hands commit reports, in order, to every attached connection. */
  void deliver(List<TxReport> reports) {
    for (PeerConnection c : connections) {
      c.committed(reports);
    }
  }
}
