package org.datolite.storage.log;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import org.datolite.datom.Datom;

/**
 * A large committed transaction's datoms held as columns (entities, attributes, values, which are
 * retractions) instead of one object each: what the transactor's novelty keeps of a bulk load
 * from its commit until an index job has taken it.
 *
 * <h2>Why</h2>
 * A datom object is about 48 bytes beside its value, and a load's millions of them lived through
 * several collections each (they were two fifths of what the collector copied) and were read back
 * by the index job one cache miss at a time, scattered where the collector had put them. Columns
 * take 20 bytes a datom, in arrays the collector moves whole or not at all, and the index job,
 * the log block and the novelty's summaries read them in sequence ({@link #e}, {@link #a},
 * {@link #v}, {@link #added}, {@link #fresh}).
 *
 * <h2>Identity</h2>
 * As a {@link List} this is immutable and its datoms keep their identity: the first read by
 * position or by iteration makes every datom once (under a lock of its own) and later reads return
 * the same objects, as a list of datoms always did. The index job pairs a retraction's assertion
 * with its stream by identity, so whatever may meet such a job reads the list; {@link #fresh}
 * makes an equal datom that is not the list's, for readers that never compare by identity (a load
 * without retractions).
 */
public final class ColumnDatoms extends AbstractList<Datom> implements RandomAccess {
  /** Transactions of at least this many datoms are worth holding as columns (the writer's choice). */
  public static final int MIN_DATOMS = 256;

  private final long tx;
  private final long[] e;
  private final long[] a;
  private final Object[] v;
  /** Bit i set: datom i is a retraction; null when none is. */
  private final long[] retracted;
  private final int retractions;
  private final Object lock = new Object();
  private volatile Datom[] made;

  private ColumnDatoms(long tx, long[] e, long[] a, Object[] v, long[] retracted, int retractions) {
    this.tx = tx;
    this.e = e;
    this.a = a;
    this.v = v;
    this.retracted = retracted;
    this.retractions = retractions;
  }

  /**
   * The columns of one transaction's datoms, in their order.
   *
   * @throws IllegalArgumentException if a datom is not of transaction {@code tx}
   */
  public static ColumnDatoms of(long tx, List<Datom> datoms) {
    int n = datoms.size();
    long[] e = new long[n];
    long[] a = new long[n];
    Object[] v = new Object[n];
    long[] retracted = null;
    int retractions = 0;
    for (int i = 0; i < n; i++) {
      Datom d = datoms.get(i);
      if (d.tx() != tx) {
        throw new IllegalArgumentException("datom " + d + " does not belong to transaction " + tx);
      }
      e[i] = d.e();
      a[i] = d.a();
      v[i] = d.v();
      if (!d.added()) {
        if (retracted == null) {
          retracted = new long[(n + 63) >>> 6];
        }
        retracted[i >>> 6] |= 1L << i;
        retractions++;
      }
    }
    return new ColumnDatoms(tx, e, a, v, retracted, retractions);
  }

  /** The transaction all the datoms are of. */
  public long tx() {
    return tx;
  }

  @Override
  public int size() {
    return e.length;
  }

  /** The entity of datom {@code i}. */
  public long e(int i) {
    return e[i];
  }

  /** The attribute of datom {@code i}. */
  public long a(int i) {
    return a[i];
  }

  /** The value of datom {@code i}. */
  public Object v(int i) {
    return v[i];
  }

  /** Whether datom {@code i} is an assertion. */
  public boolean added(int i) {
    Objects.checkIndex(i, e.length);
    return retracted == null || (retracted[i >>> 6] & (1L << i)) == 0;
  }

  /** How many of the datoms are retractions. */
  public int retractions() {
    return retractions;
  }

  /** A new datom equal to datom {@code i}, not the one this list holds: for readers that never compare by identity. */
  public Datom fresh(int i) {
    return new Datom(e[i], a[i], v[i], tx, added(i));
  }

  /**
   * Datom {@code i} of a transaction's datoms for a reader that never compares by identity: a new
   * one from its columns where it is held as columns ({@link #fresh(int)}), else the list's own.
   */
  public static Datom fresh(List<Datom> datoms, int i) {
    return datoms instanceof ColumnDatoms c ? c.fresh(i) : datoms.get(i);
  }

  /** Whether the list's own datoms have been made (it was read as a list). */
  public boolean isMade() {
    return made != null;
  }

  @Override
  public Datom get(int i) {
    Objects.checkIndex(i, e.length);
    return made()[i];
  }

  private Datom[] made() {
    Datom[] m = made;
    if (m == null) {
      synchronized (lock) {
        m = made;
        if (m == null) {
          m = new Datom[e.length];
          for (int i = 0; i < m.length; i++) {
            m[i] = fresh(i);
          }
          made = m;
        }
      }
    }
    return m;
  }
}
