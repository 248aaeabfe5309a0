package org.datolite.transactor.tx;

import java.util.Arrays;

/**
 * An unboxed map from (entity, attribute) pairs to non-negative ints, by open addressing. A
 * transaction looks up one pair per value it asserts (a bulk load's rows × columns); a {@code
 * HashMap} of pair records would make a key, a node and a box for each.
 */
final class PairTable {
  private long[] entities;
  private long[] attributes;
  private int[] values; // -1: a free slot
  private int mask;
  private int size;

  /** A table that holds {@code expected} pairs before it grows. */
  PairTable(int expected) {
    allocate(capacityFor(expected));
  }

  private static int capacityFor(int expected) {
    return Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
  }

  /**
   * An empty table for {@code expected} pairs: {@code spare} emptied, if it is not null and is
   * large enough without being more than eight times too large, else a new one. A bulk load's
   * tables are megabytes, which the collector allocates outside the young generation; reusing
   * them saves that for every transaction.
   */
  static PairTable reuse(PairTable spare, int expected) {
    int capacity = capacityFor(expected);
    if (spare == null || spare.values.length < capacity || spare.values.length > 8 * capacity) {
      return new PairTable(expected);
    }
    Arrays.fill(spare.values, -1);
    spare.size = 0;
    return spare;
  }

  private void allocate(int capacity) {
    entities = new long[capacity];
    attributes = new long[capacity];
    values = new int[capacity];
    Arrays.fill(values, -1);
    mask = capacity - 1;
  }

  private int slot(long e, long a) {
    long h = (e * 0x9E3779B97F4A7C15L) ^ (a * 0xC2B2AE3D27D4EB4FL);
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** The value of the pair, or -1. */
  int get(long e, long a) {
    for (int i = slot(e, a);; i = (i + 1) & mask) {
      if (values[i] < 0 || (entities[i] == e && attributes[i] == a)) {
        return values[i];
      }
    }
  }

  /** The pair's value if it has one; else maps it to {@code value} (at least 0) and returns -1. */
  int putIfAbsent(long e, long a, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("value " + value + "; expected at least 0");
    }
    for (int i = slot(e, a);; i = (i + 1) & mask) {
      if (values[i] < 0) {
        entities[i] = e;
        attributes[i] = a;
        values[i] = value;
        if (++size * 2 > values.length) {
          grow();
        }
        return -1;
      }
      if (entities[i] == e && attributes[i] == a) {
        return values[i];
      }
    }
  }

  private void grow() {
    long[] es = entities;
    long[] as = attributes;
    int[] vs = values;
    allocate(vs.length * 2);
    for (int j = 0; j < vs.length; j++) {
      if (vs[j] >= 0) {
        int i = slot(es[j], as[j]);
        while (values[i] >= 0) {
          i = (i + 1) & mask;
        }
        entities[i] = es[j];
        attributes[i] = as[j];
        values[i] = vs[j];
      }
    }
  }
}
