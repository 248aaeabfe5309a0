package org.datolite.datom;

import org.datolite.value.Values;

/**
 * The first two components of sorted datoms as primitive arrays, and searches over them: a seek
 * in a sorted run (a memory-index run, a decoded segment) searches these contiguous arrays and
 * compares whole datoms only among the few that share both, instead of chasing a pointer to a
 * datom at every probe. The first component is {@code e} in EAVT and {@code a} in AEVT and AVET
 * (VAET's is a value, not a long); the second is {@code a} in EAVT and {@code e} in AEVT.
 */
public final class LongKeys {
  private LongKeys() {}

  /** Whether an order's first component is a long. */
  public static boolean hasFirst(Index index) {
    return index != Index.VAET;
  }

  /** Whether an order's second component is a long. */
  public static boolean hasSecond(Index index) {
    return index == Index.EAVT || index == Index.AEVT;
  }

  public static long first(Index index, Datom d) {
    return index == Index.EAVT ? d.e() : d.a();
  }

  public static long second(Index index, Datom d) {
    return index == Index.EAVT ? d.a() : d.e();
  }

  /**
   * The least key of an order with these first two components (EAVT and AEVT): below every datom
   * that shares them.
   */
  public static Datom floor(Index index, long first, long second) {
    return index == Index.EAVT ? new Datom(first, second, Values.MIN, Long.MIN_VALUE, false)
        : new Datom(second, first, Values.MIN, Long.MIN_VALUE, false);
  }

  /** The lesser of two datoms of one order, {@code held} if null. */
  public static Datom least(Index index, Datom found, Datom held) {
    return held == null || index.comparator().compare(found, held) < 0 ? found : held;
  }

  /** The first component of each datom, or null if the order has none. */
  public static long[] firsts(Index index, Datom[] datoms) {
    if (!hasFirst(index)) {
      return null;
    }
    long[] out = new long[datoms.length];
    for (int i = 0; i < datoms.length; i++) {
      out[i] = first(index, datoms[i]);
    }
    return out;
  }

  /** The second component of each datom, or null if the order has none. */
  public static long[] seconds(Index index, Datom[] datoms) {
    if (!hasSecond(index)) {
      return null;
    }
    long[] out = new long[datoms.length];
    for (int i = 0; i < datoms.length; i++) {
      out[i] = second(index, datoms[i]);
    }
    return out;
  }

  /** The first position in {@code [from, to)} holding {@code key} or more, or {@code to}. */
  public static int firstAtLeast(long[] a, int from, int to, long key) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The first position in {@code [from, to)} holding more than {@code key}, or {@code to}:
   * gallops from {@code from}, as the stretch equal to the key is usually short.
   */
  public static int firstAbove(long[] a, int from, int to, long key) {
    int lo = from;
    int step = 1;
    while (lo + step < to && a[lo + step] <= key) {
      lo += step;
      step <<= 1;
    }
    int hi = Math.min(to, lo + step + 1);
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
