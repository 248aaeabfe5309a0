package org.datolite.schema;

import java.util.Iterator;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.storage.db.Db;

/**
 * How entity ids are laid out, as in Datomic: the top bits name a partition, the low 42 bits
 * count within it. Schema (attributes and enum idents) lives in {@code :db.part/db}, each
 * transaction is an entity in {@code :db.part/tx} whose low bits are its basis {@code t}, and
 * new entities go to {@code :db.part/user}.
 */
public final class Ids {
  public static final int PARTITION_SHIFT = 42;
  public static final long INDEX_MASK = (1L << PARTITION_SHIFT) - 1;

  /** Partition numbers: the top bits of an entity id (not the ids of the partitions' idents, see {@link Bootstrap}). */
  public static final long PARTITION_DB = 0;
  public static final long PARTITION_TX = 3;
  public static final long PARTITION_USER = 4;

  private Ids() {}

  /** The entity id of index {@code n} of a partition. */
  public static long entity(long partition, long n) {
    return (partition << PARTITION_SHIFT) | n;
  }

  /** The partition of an entity id. */
  public static long partition(long id) {
    return id >>> PARTITION_SHIFT;
  }

  /** The transaction entity of basis {@code t}. */
  public static long tx(long t) {
    return entity(PARTITION_TX, t);
  }

  /** The basis {@code t} of a transaction entity id. */
  public static long t(long txId) {
    return txId & INDEX_MASK;
  }

  /** Whether an id names a transaction. */
  public static boolean isTx(long id) {
    return partition(id) == PARTITION_TX;
  }

  /** One past the highest entity index ever used in {@code :db.part/user} in {@code db}, history included. */
  public static long nextEntityIndex(Db db) {
    Iterator<Datom> it = db.history().rangeReverse(Index.EAVT, Index.EAVT.lowerBound(entity(PARTITION_USER, 0)), true,
        Index.EAVT.upperBound(entity(PARTITION_USER, INDEX_MASK)), true);
    return it.hasNext() ? (it.next().e() & INDEX_MASK) + 1 : 0;
  }
}
