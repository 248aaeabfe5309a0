package org.datolite.storage.db;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.LongPredicate;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.datom.RepeatFree;
import org.datolite.storage.log.ColumnDatoms;
import org.datolite.storage.log.CommittedTx;
import org.datolite.value.Values;

/**
 * An index job's share of a bulk load in AEVT or AVET order, handed out as <em>new</em> datoms
 * made in that order ({@link MemoryIndex#sorted}).
 *
 * <h2>Why new datoms</h2>
 * The writer makes a transaction's datoms and their values row after row, so in memory they lie
 * in EAVT's sequence. AEVT visits a bulk load's datoms column by column and AVET by value: every
 * datom the job encodes, filters and compares is then a cache miss, and its value another. With
 * the same datoms and values laid out in each order's sequence, writing a new level of a load's
 * novelty took a quarter of the time in AEVT and a fifth in AVET ({@code IndexLayoutCost}, see
 * docs/performance.md). So this reads the batch once, in the order it was added, into columns
 * (entity, transaction, value) grouped by attribute (a transaction the transactor holds as
 * columns, {@link ColumnDatoms}, is read from them: no datom of it is made), sorts each attribute's stretch by
 * value keys (AVET), and makes each datom afresh as it is read, in the order's sequence. Its
 * value is made afresh too where its key holds it ({@link ValueSort.Keyed#value}: longs,
 * instants, decimals of one scale) or, in AVET, is one of few distinct values (shared, so hot in
 * the cache); other values (many distinct strings) stay the objects they were.
 *
 * <h2>Where it applies</h2>
 * Assertions only (a retraction is paired with its assertion by identity in the job), and each
 * attribute's datoms in strictly ascending entity order as added: new entities, one value each
 * (then an attribute's datoms are in AEVT order already, and a stable sort by value gives AVET's
 * value, entity, transaction). Anything else (updates of older entities, several values of one
 * entity) is sorted as any batch is ({@link MemoryIndex#sortBatch}).
 */
final class ColumnSort {
  private ColumnSort() {}

  /**
   * The datoms of {@code batch} (one or more transactions' datoms, in the order added) in
   * {@code index} order as new datoms equal to them, or null where this does not apply (another
   * order than AEVT or AVET, a retraction, an attribute whose entities do not strictly ascend).
   */
  static Made sorted(Index index, Datom[] batch) {
    if (index != Index.AEVT && index != Index.AVET) {
      return null;
    }
    Columns columns = Columns.of(Batch.of(batch));
    return columns == null ? null : columns.in(index);
  }

  /**
   * The least entity id of the user partition ({@code Ids.entity(Ids.PARTITION_USER, 0)}, which
   * this package sits below): a transaction's datoms of lower entities are its own (its instant,
   * its uuid) or the schema's.
   */
  static final long USER_PARTITION_START = 4L << 42;

  /**
   * A load's transactions in EAVT order as new datoms read from their columns in sequence, or
   * null where this does not apply. Each committed transaction's datoms are in EAVT order; a
   * load's transactions then follow one another in EAVT too, but for their datoms of entities
   * below the user partition (each transaction's own entity, its instant and uuid), which come
   * first in EAVT. So the order is every transaction's low datoms, then every transaction's others,
   * where each transaction's are strictly ascending and each part's entities rise from one
   * transaction to the next (all checked here first, reading the columns; else null, and the
   * batch is sorted as any is). No datom is made before it is read, and none is kept.
   */
  static InOrder eavt(List<CommittedTx> txs) {
    Batch batch = Batch.of(txs); // read by position across the transactions
    int[] split = new int[txs.size()];
    long lastLow = Long.MIN_VALUE;
    long lastHigh = Long.MIN_VALUE;
    int start = 0; // the transaction's first position
    for (int j = 0; j < txs.size(); start += txs.get(j).datoms().size(), j++) {
      int end = start + txs.get(j).datoms().size();
      int at = end; // the first datom of the user partition or above
      for (int p = start; p < end; p++) {
        if (p > start && !ascending(batch, p - 1, p)) {
          return null;
        }
        if (at == end && batch.e(p) >= USER_PARTITION_START) {
          at = p;
        }
      }
      if (at > start) {
        if (batch.e(start) <= lastLow) {
          return null;
        }
        lastLow = batch.e(at - 1);
      }
      if (at < end) {
        if (batch.e(at) <= lastHigh) {
          return null;
        }
        lastHigh = batch.e(end - 1);
      }
      split[j] = at - start;
    }
    return new InOrder(txs, split);
  }

  /** Whether the datom at {@code p} strictly follows the one at {@code before} in EAVT (entity, attribute, value). */
  private static boolean ascending(Batch batch, int before, int p) {
    int cmp = Long.compare(batch.e(before), batch.e(p));
    if (cmp == 0) {
      cmp = Long.compare(batch.a(before), batch.a(p));
    }
    if (cmp == 0) {
      cmp = Values.compare(batch.v(before), batch.v(p));
    }
    return cmp < 0;
  }

  /**
   * A load's transactions in EAVT order ({@link #eavt}): the index job's stream (an iterator, read
   * once) and a list of the same datoms by position, which a level merge reads instead without
   * keeping what it read ({@code StreamedAdditions}; no fact repeats, as {@link #eavt} checked).
   * Position {@code p} is, below the count of the transactions' low datoms, the low datom of the
   * transaction whose low part holds it, else the corresponding high datom. Each read makes its
   * datom anew from the columns (a transaction held as datoms gives its own).
   */
  static final class InOrder extends AbstractList<Datom> implements RandomAccess, Iterator<Datom>, RepeatFree {
    private final List<List<Datom>> txs;
    private final int[] split;
    /** Where each transaction's low datoms start among all the low ones, and past the last. */
    private final int[] lowStart;
    /** The same for the other datoms, counted from the first of them. */
    private final int[] highStart;
    private final int lows;
    private final int size;
    /** The transaction of the position last read, low or high (reads are mostly in order). */
    private int at;
    private boolean atHigh;
    private int next;

    private InOrder(List<CommittedTx> txs, int[] split) {
      this.txs = txs.stream().map(CommittedTx::datoms).toList();
      this.split = split;
      int k = this.txs.size();
      lowStart = new int[k + 1];
      highStart = new int[k + 1];
      long low = 0;
      long high = 0;
      for (int j = 0; j < k; j++) {
        low += split[j];
        high += this.txs.get(j).size() - split[j];
        lowStart[j + 1] = (int) low;
        highStart[j + 1] = (int) high;
      }
      if (low + high > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("a load of " + (low + high) + " datoms; at most " + (Integer.MAX_VALUE - 8));
      }
      lows = (int) low;
      size = (int) (low + high);
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public Datom get(int p) {
      Objects.checkIndex(p, size);
      boolean high = p >= lows;
      int q = high ? p - lows : p;
      int[] starts = high ? highStart : lowStart;
      int j = at;
      if (high != atHigh || q < starts[j] || q >= starts[Math.min(j + 2, txs.size())]) {
        int found = Arrays.binarySearch(starts, q); // a read out of order (a merge's gallop)
        j = found >= 0 ? found : -found - 2;
      }
      while (starts[j + 1] <= q) { // on to the transaction holding it (in order: the next; past empty parts)
        j++;
      }
      at = j;
      atHigh = high;
      return ColumnDatoms.fresh(txs.get(j), (high ? split[j] : 0) + q - starts[j]);
    }

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public Datom next() {
      if (next >= size) {
        throw new NoSuchElementException();
      }
      return get(next++);
    }
  }

  /**
   * The datoms of a batch by position, in the order added, read in sequence: from a
   * transaction's columns where it holds them ({@link ColumnDatoms}, no datom made), else from its
   * datoms. Reads move forward, or start over from the first datom.
   */
  static final class Batch {
    private final List<List<Datom>> parts;
    private final int size;
    private int part = -1;
    private int start;
    private int end;
    private List<Datom> list;
    private ColumnDatoms columns;

    private Batch(List<List<Datom>> parts) {
      this.parts = parts;
      long n = 0;
      for (List<Datom> p : parts) {
        n += p.size();
      }
      if (n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("a batch of " + n + " datoms; at most " + (Integer.MAX_VALUE - 8));
      }
      this.size = (int) n;
    }

    static Batch of(Datom[] datoms) {
      return new Batch(List.of(Arrays.asList(datoms)));
    }

    /** The datoms of some transactions, in the order added. */
    static Batch of(List<CommittedTx> txs) {
      List<List<Datom>> parts = new ArrayList<>(txs.size());
      for (CommittedTx t : txs) {
        parts.add(t.datoms());
      }
      return new Batch(parts);
    }

    int size() {
      return size;
    }

    /** Moves to datom {@code i}; its position in its transaction. */
    private int seek(int i) {
      if (i < start) {
        part = -1;
        start = 0;
        end = 0;
      }
      while (i >= end) {
        list = parts.get(++part);
        columns = list instanceof ColumnDatoms c ? c : null;
        start = end;
        end += list.size();
      }
      return i - start;
    }

    long e(int i) {
      int k = seek(i);
      return columns != null ? columns.e(k) : list.get(k).e();
    }

    long a(int i) {
      int k = seek(i);
      return columns != null ? columns.a(k) : list.get(k).a();
    }

    Object v(int i) {
      int k = seek(i);
      return columns != null ? columns.v(k) : list.get(k).v();
    }

    long tx(int i) {
      int k = seek(i);
      return columns != null ? columns.tx() : list.get(k).tx();
    }

    boolean added(int i) {
      int k = seek(i);
      return columns != null ? columns.added(k) : list.get(k).added();
    }
  }

  /**
   * A batch read into columns grouped by attribute, as added, with each attribute's value keys:
   * made once for both orders (AEVT reads it as it is, AVET a copy sorted by value within each
   * attribute). Immutable once made, so the two orders' threads share it.
   */
  static final class Columns {
    private final long[] e;
    private final long[] tx;
    private final Object[] v;
    /** Where each attribute's datoms start, and past the last one's. */
    private final int[] start;
    private final long[] attribute;
    /** Per attribute, its values' keys in the columns' order, or null where they have none. */
    private final ValueSort.Keyed[] keyed;

    private Columns(long[] e, long[] tx, Object[] v, int[] start, long[] attribute, ValueSort.Keyed[] keyed) {
      this.e = e;
      this.tx = tx;
      this.v = v;
      this.start = start;
      this.attribute = attribute;
      this.keyed = keyed;
    }

    /**
     * The columns of {@code batch}, or null where it holds a retraction or an attribute whose
     * entities do not strictly ascend as added.
     */
    static Columns of(Batch batch) {
      int n = batch.size();
      int[] bucket = new int[n];
      int k = MemoryIndex.attributeBuckets(n, batch::a, bucket);
      int[] start = new int[k + 1];
      for (int b : bucket) {
        start[b + 1]++;
      }
      for (int b = 0; b < k; b++) {
        start[b + 1] += start[b];
      }
      // Each attribute's datoms together as added: AVET then permutes within an attribute's
      // stretch (a few hundred kilobytes), not across the whole batch. Two reads of the datoms
      // (their attributes, then the rest) rather than one into columns as added and a copy: the
      // columns of a large job are then held once.
      long[] e = new long[n];
      long[] tx = new long[n];
      Object[] v = new Object[n];
      long[] attribute = new long[k];
      int[] next = Arrays.copyOf(start, k);
      for (int i = 0; i < n; i++) {
        if (!batch.added(i)) {
          return null;
        }
        int b = bucket[i];
        int p = next[b]++;
        e[p] = batch.e(i);
        tx[p] = batch.tx(i);
        v[p] = batch.v(i);
        attribute[b] = batch.a(i);
      }
      ValueSort.Keyed[] keyed = new ValueSort.Keyed[k];
      for (int b = 0; b < k; b++) {
        for (int j = start[b] + 1; j < start[b + 1]; j++) {
          if (e[j - 1] >= e[j]) {
            return null;
          }
        }
        keyed[b] = ValueSort.keyed(v, start[b], start[b + 1]);
      }
      return new Columns(e, tx, v, start, attribute, keyed);
    }

    /** Whether a datom of the batch has an attribute that {@code test} accepts. */
    boolean anyAttribute(LongPredicate test) {
      for (long a : attribute) {
        if (test.test(a)) {
          return true;
        }
      }
      return false;
    }

    /** The datoms in AEVT or AVET order, made anew as they are read. */
    Made in(Index index) {
      if (index == Index.AEVT) { // in its order already
        return new Made(this);
      }
      if (index != Index.AVET) {
        throw new IllegalArgumentException(index + ": columns are read in AEVT or AVET order");
      }
      int k = attribute.length;
      long[] sortedE = new long[e.length]; // every attribute's stretch is written below
      long[] sortedTx = new long[e.length];
      Object[] sortedV = new Object[e.length];
      ValueSort.Keyed[] sortedKeys = new ValueSort.Keyed[k];
      for (int b = 0; b < k; b++) {
        int from = start[b];
        int to = start[b + 1];
        ValueSort.Keyed kd = keyed[b];
        ValueSort.IntComparator byValue = (x, y) -> Values.compare(v[from + x], v[from + y]);
        int[] order;
        if (kd != null) {
          order = kd.order(byValue);
        } else { // few values, or of mixed types: compared
          order = identity(to - from);
          ValueSort.sortStable(order, 0, order.length, byValue);
        }
        permute(e, sortedE, from, order);
        permute(tx, sortedTx, from, order);
        permute(v, sortedV, from, order);
        sortedKeys[b] = kd != null && kd.exact() ? kd.permuted(order) : null; // only exact keys make values
      }
      return new Made(new Columns(sortedE, sortedTx, sortedV, start, attribute, sortedKeys));
    }
  }

  /** Puts {@code column[from + order[j]]} at {@code into[from + j]}. */
  private static void permute(long[] column, long[] into, int from, int[] order) {
    for (int j = 0; j < order.length; j++) {
      into[from + j] = column[from + order[j]];
    }
  }

  private static void permute(Object[] column, Object[] into, int from, int[] order) {
    for (int j = 0; j < order.length; j++) {
      into[from + j] = column[from + order[j]];
    }
  }

  /**
   * The new datoms: the index job's stream of an order (an iterator, read once) and a list of the
   * same datoms by position, which a level merge reads instead without keeping what it read
   * ({@code StreamedAdditions}). Each read makes its datom anew.
   */
  static final class Made extends AbstractList<Datom> implements RandomAccess, Iterator<Datom> {
    /** The columns in this order; a value whose attribute has exact keys is made from its key. */
    private final Columns c;
    /** The attribute of the position last read (reads are mostly in order); one thread reads a stream. */
    private int b;
    private int j;

    private Made(Columns c) {
      this.c = c;
    }

    @Override
    public int size() {
      return c.e.length;
    }

    @Override
    public Datom get(int i) {
      Objects.checkIndex(i, c.e.length);
      int at = b; // one thread reads a stream; a local keeps a read whole all the same
      if (i < c.start[at] || i >= c.start[at + 1]) {
        // the next attribute's first datom (a read in order), else a search: every attribute has
        // datoms, so starts strictly ascend
        if (i == c.start[at + 1] && at + 2 < c.start.length) {
          at++;
        } else {
          int found = Arrays.binarySearch(c.start, i);
          at = found >= 0 ? found : -found - 2;
        }
        b = at;
      }
      ValueSort.Keyed kd = c.keyed[at];
      Object value = kd == null || !kd.exact() ? c.v[i] : kd.value(kd.keys()[i - c.start[at]]);
      return new Datom(c.e[i], c.attribute[at], value, c.tx[i], true);
    }

    @Override
    public boolean hasNext() {
      return j < c.e.length;
    }

    @Override
    public Datom next() {
      if (j >= c.e.length) {
        throw new NoSuchElementException();
      }
      return get(j++);
    }
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
