package org.datolite.transactor;

import java.time.Instant;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.tree.IndexSet;

/**
 * What the transactor knows after its last commit, as one immutable value that the writer
 * thread replaces and readers take whole.
 *
 * @param persisted the persisted trees
 * @param rootRev the revision of the database's root key that points at them
 * @param novelty transactions after the trees' basis
 * @param t the basis: the last committed transaction's {@code t}
 * @param schema the schema at {@code t}
 * @param nextEntityIndex the next free index in {@code :db.part/user}
 * @param lastTxInstant the last transaction's {@code :db/txInstant}
 */
record State(IndexSet persisted, long rootRev, MemoryIndex novelty, long t, Schema schema, long nextEntityIndex,
    Instant lastTxInstant) {

  /** The transaction id of the trees' basis ({@link Long#MIN_VALUE} if they hold nothing). */
  long persistedBasisTx() {
    return persisted.basisT() < 0 ? Long.MIN_VALUE : Ids.tx(persisted.basisT());
  }

  /** The database at {@code t}. */
  Db db() {
    return Db.of(persisted, persistedBasisTx(), java.util.List.of(novelty), Ids.tx(t));
  }
}
