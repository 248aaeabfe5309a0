package org.datolite.storage.tree;

import java.util.Arrays;
import java.util.Comparator;
import org.datolite.datom.Datom;
import org.datolite.datom.Index;
import org.datolite.datom.LongKeys;
import org.datolite.storage.codec.SegmentCodec;
import org.datolite.storage.codec.ValueCodec;
import org.datolite.value.Values;

/**
 * A leaf of an index tree, decoded: a sorted run of datoms of one index. Immutable once built
 * and cached as it is; the array is never handed out for writing.
 *
 * @see SegmentCodec for the stored form
 */
final class Segment {
  private final Index index;
  private final Datom[] datoms;
  /** The primitive keys, built on the first seek ({@link #keys}); null until then. */
  private Keys keys;
  private final int weight;

  /**
   * @param lead each datom's leading component ({@code e} in EAVT, {@code a} in AEVT and AVET;
   *     null for VAET): a seek searches this contiguous array and compares whole datoms only among
   *     those that share the key's leading component
   * @param second each datom's second component ({@code a} in EAVT, {@code e} in AEVT; null
   *     otherwise)
   */
  private record Keys(long[] lead, long[] second) {
  }

  Segment(Index index, Datom[] datoms) {
    this(index, datoms, datomBytes(datoms));
  }

  /** @param datomBytes what {@link #datomBytes} gives for the datoms, when the caller has summed it already */
  Segment(Index index, Datom[] datoms, long datomBytes) {
    this.index = index;
    this.datoms = datoms;
    // weighed with its keys, as it will be once read
    long keyBytes = 16 + 8L * datoms.length;
    long w = 64 + 8L * datoms.length + datomBytes + (LongKeys.hasFirst(index) ? keyBytes : 0)
        + (LongKeys.hasSecond(index) ? keyBytes : 0);
    this.weight = (int) Math.min(Integer.MAX_VALUE, w);
  }

  /**
   * The primitive keys, built when a segment is first searched rather than when it is made: an
   * index job makes thousands of segments (and reads those it rewrites) that nothing seeks in
   * before they are replaced or evicted. A benign race: two readers may both build them; the
   * record's final fields publish the arrays safely.
   */
  private Keys keys() {
    Keys k = keys;
    if (k == null) {
      k = new Keys(LongKeys.firsts(index, datoms), LongKeys.seconds(index, datoms));
      keys = k;
    }
    return k;
  }


  /**
   * As {@link #rank(Datom[], int, Datom, boolean, Comparator)} over the first {@code n} datoms,
   * narrowed first by the leading components.
   */
  int rank(int n, Datom key, boolean inclusive) {
    Comparator<Datom> cmp = index.comparator();
    Keys built = keys();
    long[] lead = built.lead();
    long[] second = built.second();
    if (lead == null) {
      return rank(datoms, n, key, inclusive, cmp);
    }
    long k = LongKeys.first(index, key);
    int lo = LongKeys.firstAtLeast(lead, 0, n, k);
    int end = LongKeys.firstAbove(lead, lo, n, k);
    if (second != null && lo < end) {
      // narrow again by the second component, within the stretch sharing the first
      long k2 = LongKeys.second(index, key);
      lo = LongKeys.firstAtLeast(second, lo, end, k2);
      end = LongKeys.firstAbove(second, lo, end, k2);
      if (key.v() == Values.MIN) {
        return lo; // a floor key is below all that share its first two components
      }
    }
    int a = lo;
    int b = end;
    while (a < b) {
      int mid = (a + b) >>> 1;
      int c = cmp.compare(datoms[mid], key);
      if (c < 0 || (inclusive && c == 0)) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  /**
   * The order of the datom at {@code p} against {@code key}, from the leading components where
   * they differ: a floor key (its value {@link Values#MIN}) is below every datom sharing its first
   * two components, so a seek to an entity's or attribute's first datom touches no datom object.
   */
  int compareAt(int p, Datom key) {
    Keys k = keys();
    long[] lead = k.lead();
    long[] second = k.second();
    if (lead != null) {
      int c = Long.compare(lead[p], LongKeys.first(index, key));
      if (c != 0) {
        return c;
      }
      if (second != null) {
        c = Long.compare(second[p], LongKeys.second(index, key));
        if (c != 0 || key.v() == Values.MIN) {
          return c == 0 ? 1 : c;
        }
      }
    }
    return index.comparator().compare(datoms[p], key);
  }

  /** Whether the datom at {@code p} has these first two components (from the primitive arrays). */
  boolean has(int p, long first, long secondComponent) {
    Keys k = keys();
    return k.lead()[p] == first && k.second()[p] == secondComponent;
  }

  /**
   * The first position in {@code [from, to)} at or after {@code key}, or {@code to}, given that
   * the datom at {@code from} is below it: a gallop from {@code from}, then a binary search, both
   * on the leading components ({@link #compareAt}). Cheap for the short steps of a merge join.
   */
  int seek(int from, int to, Datom key) {
    int lo = from;
    int bound = 1;
    while (lo + bound < to && compareAt(lo + bound, key) < 0) {
      lo += bound;
      bound <<= 1;
    }
    int a = lo + 1;
    int b = Math.min(to, lo + bound + 1);
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (compareAt(mid, key) < 0) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  static Segment decode(byte[] bytes, String key) {
    SegmentCodec.Decoded d = SegmentCodec.decode(bytes, key);
    return new Segment(d.index(), d.datoms());
  }

  byte[] encode() {
    return SegmentCodec.encode(index, datoms, 0, datoms.length);
  }

  Index index() {
    return index;
  }

  int size() {
    return datoms.length;
  }

  Datom get(int i) {
    return datoms[i];
  }

  Datom first() {
    return datoms[0];
  }

  /** The datoms, for reading only. */
  Datom[] datoms() {
    return datoms;
  }

  /** Approximate bytes this segment occupies on the heap, for the cache's weigher. */
  int weight() {
    return weight;
  }

  /**
   * The number of datoms below {@code key} (at or below it, if {@code inclusive}): the position
   * where a scan starting after or at {@code key} begins.
   */
  int rank(Datom key, boolean inclusive) {
    return rank(datoms, datoms.length, key, inclusive, index.comparator());
  }

  static int rank(Datom[] a, int n, Datom key, boolean inclusive, Comparator<Datom> cmp) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = cmp.compare(a[mid], key);
      if (c < 0 || (inclusive && c == 0)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Approximate heap bytes of the datoms themselves: {@link #datomBytes(Datom)} summed. */
  private static long datomBytes(Datom[] datoms) {
    long w = 0;
    for (Datom d : datoms) {
      w += datomBytes(d);
    }
    return w;
  }

  /** Approximate heap bytes of one datom and its value. */
  static int datomBytes(Datom d) {
    return 48 + ValueCodec.estimateSize(d.v());
  }

  @Override
  public String toString() {
    return "Segment[" + index + ", " + datoms.length + " datoms, first " + datoms[0] + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Segment s && index == s.index && Arrays.equals(datoms, s.datoms);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(datoms);
  }
}
