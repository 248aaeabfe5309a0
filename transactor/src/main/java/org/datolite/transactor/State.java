package org.datolite.transactor;

import java.time.Instant;
import java.util.List;
import org.datolite.schema.Ids;
import org.datolite.schema.Schema;
import org.datolite.storage.db.Db;
import org.datolite.storage.db.MemoryIndex;
import org.datolite.storage.tree.IndexSet;

/**
 * What the transactor knows after its last commit, as one immutable value that the writer
 * thread replaces and readers take whole.
 *
 * <p>It has two halves that move separately: the trees (the persisted index, the revision of the
 * root that points at them, and the novelty after them), which move when an index job is
 * installed or a takeover rewrites the root ({@link #rooted}); and the tip (the basis {@code t},
 * its schema, the next free entity index and the last transaction's instant), which moves with
 * every commit ({@link #at}). Every state but the recovered one is derived by one of the two, and
 * every database value over the transactor's trees and novelty is built by {@link #db(IndexSet,
 * List, long)}.
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
    return persistedBasisTx(persisted);
  }

  private static long persistedBasisTx(IndexSet persisted) {
    return persisted.basisT() < 0 ? Long.MIN_VALUE : Ids.tx(persisted.basisT());
  }

  /** The database at {@code t}. */
  Db db() {
    return db(Ids.tx(t));
  }

  /**
   * The database over these trees and this novelty, read up to {@code basisTx} (which may lie
   * past {@code t} while a batch is processed into the novelty before its write returns).
   */
  Db db(long basisTx) {
    return db(persisted, List.of(novelty), basisTx);
  }

  /**
   * The one place a database value over a transactor's trees and novelty layers is built
   * (recovery reads the trees before any state exists, and with no novelty at first).
   */
  static Db db(IndexSet persisted, List<MemoryIndex> novelty, long basisTx) {
    return Db.of(persisted, persistedBasisTx(persisted), novelty, basisTx);
  }

  /** This state with its tip moved: the trees and the novelty stay. */
  State at(long newT, Schema newSchema, long newNextEntityIndex, Instant newLastTxInstant) {
    return new State(persisted, rootRev, novelty, newT, newSchema, newNextEntityIndex, newLastTxInstant);
  }

  /** This state with its schema replaced; the rest of the tip stays. */
  State withSchema(Schema newSchema) {
    return at(t, newSchema, nextEntityIndex, lastTxInstant);
  }

  /** This state on other trees under another root revision, with the novelty they leave: the tip stays. */
  State rooted(IndexSet newPersisted, long newRootRev, MemoryIndex newNovelty) {
    return new State(newPersisted, newRootRev, newNovelty, t, schema, nextEntityIndex, lastTxInstant);
  }
}
