package org.datolite.storage.db;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
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
 * docs/performance.md). So this reads the datoms once, in the order they were added, into
 * columns (entity, transaction, value) grouped by attribute, sorts each attribute's stretch by
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
    int n = batch.length;
    long[] attributeOf = new long[n];
    long[] entityOf = new long[n];
    long[] txOf = new long[n];
    Object[] valueOf = new Object[n];
    for (int i = 0; i < n; i++) { // the one read of the datoms, in the order they were added
      Datom d = batch[i];
      if (!d.added()) {
        return null;
      }
      attributeOf[i] = d.a();
      entityOf[i] = d.e();
      txOf[i] = d.tx();
      valueOf[i] = d.v();
    }
    int[] bucket = new int[n];
    int k = MemoryIndex.attributeBuckets(n, i -> attributeOf[i], bucket);
    int[] start = new int[k + 1];
    for (int b : bucket) {
      start[b + 1]++;
    }
    for (int b = 0; b < k; b++) {
      start[b + 1] += start[b];
    }
    // Each attribute's datoms together, as added: AVET then permutes within an attribute's
    // stretch of the columns (a few hundred kilobytes), not across the whole batch.
    long[] attribute = new long[k];
    int[] next = Arrays.copyOf(start, k);
    int[] place = new int[n];
    for (int i = 0; i < n; i++) {
      place[i] = next[bucket[i]]++;
      attribute[bucket[i]] = attributeOf[i];
    }
    long[] e = scatter(entityOf, place);
    long[] tx = scatter(txOf, place);
    Object[] v = scatter(valueOf, place);
    ValueSort.Keyed[] keyed = new ValueSort.Keyed[k];
    for (int b = 0; b < k; b++) {
      int from = start[b];
      int to = start[b + 1];
      for (int j = from + 1; j < to; j++) {
        if (e[j - 1] >= e[j]) {
          return null;
        }
      }
      if (index == Index.AEVT) {
        keyed[b] = ValueSort.numberKeys(v, from, to); // in order already: keys only to make values anew
        continue;
      }
      ValueSort.Keyed kd = ValueSort.keyed(v, from, to);
      ValueSort.IntComparator byValue = (x, y) -> Values.compare(v[from + x], v[from + y]);
      int[] order;
      if (kd != null) {
        order = kd.order(byValue);
      } else { // few values, or of mixed types: compared
        order = identity(to - from);
        ValueSort.sortStable(order, 0, order.length, byValue);
      }
      permute(e, from, order);
      permute(tx, from, order);
      permute(v, from, order);
      keyed[b] = kd != null && kd.exact() ? kd.permuted(order) : null;
    }
    return new Made(e, tx, v, start, attribute, keyed);
  }

  /** A column with value {@code i} at {@code to[i]}. */
  private static long[] scatter(long[] column, int[] to) {
    long[] out = new long[column.length];
    for (int i = 0; i < column.length; i++) {
      out[to[i]] = column[i];
    }
    return out;
  }

  private static Object[] scatter(Object[] column, int[] to) {
    Object[] out = new Object[column.length];
    for (int i = 0; i < column.length; i++) {
      out[to[i]] = column[i];
    }
    return out;
  }

  /** Puts {@code column[from + order[j]]} at {@code from + j}. */
  private static void permute(long[] column, int from, int[] order) {
    long[] old = Arrays.copyOfRange(column, from, from + order.length);
    for (int j = 0; j < order.length; j++) {
      column[from + j] = old[order[j]];
    }
  }

  private static void permute(Object[] column, int from, int[] order) {
    Object[] old = Arrays.copyOfRange(column, from, from + order.length);
    for (int j = 0; j < order.length; j++) {
      column[from + j] = old[order[j]];
    }
  }

  /**
   * The new datoms: the index job's stream of an order (an iterator, read once) and a list of the
   * same datoms by position, which a level merge reads instead without keeping what it read
   * ({@code StreamedAdditions}). Each read makes its datom anew.
   */
  static final class Made extends AbstractList<Datom> implements RandomAccess, Iterator<Datom> {
    private final long[] e;
    private final long[] tx;
    private final Object[] v;
    /** Where each attribute's datoms start, and past the last one's. */
    private final int[] start;
    private final long[] attribute;
    /** Per attribute, the keys its values are made from anew; null: the values as they are. */
    private final ValueSort.Keyed[] keyed;
    /** The attribute of the position last read (reads are mostly in order). */
    private int b;
    private int j;

    private Made(long[] e, long[] tx, Object[] v, int[] start, long[] attribute, ValueSort.Keyed[] keyed) {
      this.e = e;
      this.tx = tx;
      this.v = v;
      this.start = start;
      this.attribute = attribute;
      this.keyed = keyed;
    }

    @Override
    public int size() {
      return e.length;
    }

    @Override
    public Datom get(int i) {
      Objects.checkIndex(i, e.length);
      if (i < start[b] || i >= start[b + 1]) {
        int found = Arrays.binarySearch(start, i);
        b = found >= 0 ? found : -found - 2;
        while (start[b + 1] == i) { // attributes without datoms: none, but cheap to be sure
          b++;
        }
      }
      ValueSort.Keyed kd = keyed[b];
      Object value = kd == null ? v[i] : kd.value(kd.keys()[i - start[b]]);
      return new Datom(e[i], attribute[b], value, tx[i], true);
    }

    @Override
    public boolean hasNext() {
      return j < e.length;
    }

    @Override
    public Datom next() {
      if (j >= e.length) {
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
