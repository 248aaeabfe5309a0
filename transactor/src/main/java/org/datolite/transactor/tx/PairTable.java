package org.datolite.transactor.tx;

/**
 * An unboxed map from (entity, attribute) pairs to non-negative ints, by open addressing. A
 * transaction looks up one pair per value it asserts (a bulk load's rows × columns); a {@code
 * HashMap} of pair records would make a key, a node and a box for each.
 */
final class PairTable {
  /**
   * Slot {@code i} is {@code slots[3i..3i+2]}: entity, attribute, value (-1: a free slot). One
   * array rather than three: a probe of a table of megabytes (a bulk load's) misses the cache
   * once, not once per array.
   */
  private long[] slots;
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
    if (spare == null || spare.capacity() < capacity || spare.capacity() > 8 * capacity) {
      return new PairTable(expected);
    }
    spare.clear();
    return spare;
  }

  /** How many slots the table has: never more than twice its pairs are full. */
  int capacity() {
    return mask + 1;
  }

  private void clear() {
    freeAll();
    size = 0;
  }

  private void freeAll() {
    for (int i = 2; i < slots.length; i += 3) {
      slots[i] = -1;
    }
  }

  /** The most slots a table may have (three longs each in one array). */
  static final int MAX_CAPACITY = 1 << 28;

  /** New empty slots; {@link #size} is the caller's to keep. */
  private void allocate(int capacity) {
    if (capacity > MAX_CAPACITY) {
      throw new IllegalStateException("a pair table of " + capacity + " slots; at most " + MAX_CAPACITY);
    }
    slots = new long[3 * capacity];
    mask = capacity - 1;
    freeAll();
  }

  /** How many pairs the table holds (for tests). */
  int size() {
    return size;
  }


  /**
   * An entity's pairs lie side by side: the entity picks the place, the attribute's low bits
   * (attributes installed together have consecutive ids) the slot near it. A bulk load asserts a
   * row's columns one after another, so a row's probes share a few cache lines instead of each
   * missing the cache in a table of megabytes.
   */
  private int slot(long e, long a) {
    long h = e * 0x9E3779B97F4A7C15L;
    return ((int) (h ^ (h >>> 32)) + ((int) a & ATTRIBUTE_SPREAD)) & mask;
  }

  /**
   * How far from its entity's place a pair's slot may start (a power of two less one): wider than
   * a table's columns, so that a wide row's pairs each find their own slot rather than probing past
   * one another (with 32, a row of 100 columns would probe dozens of slots a pair).
   */
  private static final int ATTRIBUTE_SPREAD = 255;

  /** The value of the pair, or -1. */
  int get(long e, long a) {
    long[] s = slots;
    for (int i = slot(e, a);; i = (i + 1) & mask) {
      int at = 3 * i;
      long value = s[at + 2];
      if (value < 0 || (s[at] == e && s[at + 1] == a)) {
        return (int) value;
      }
    }
  }

  /** The pair's value if it has one; else maps it to {@code value} (at least 0) and returns -1. */
  int putIfAbsent(long e, long a, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("value " + value + "; expected at least 0");
    }
    long[] s = slots;
    for (int i = slot(e, a);; i = (i + 1) & mask) {
      int at = 3 * i;
      long held = s[at + 2];
      if (held < 0) {
        s[at] = e;
        s[at + 1] = a;
        s[at + 2] = value;
        if (++size * 2 > capacity()) {
          grow();
        }
        return -1;
      }
      if (s[at] == e && s[at + 1] == a) {
        return (int) held;
      }
    }
  }

  private void grow() {
    long[] old = slots;
    allocate(2 * capacity());
    for (int j = 0; j < old.length; j += 3) {
      if (old[j + 2] >= 0) {
        int i = slot(old[j], old[j + 1]);
        while (slots[3 * i + 2] >= 0) {
          i = (i + 1) & mask;
        }
        slots[3 * i] = old[j];
        slots[3 * i + 1] = old[j + 1];
        slots[3 * i + 2] = old[j + 2];
      }
    }
  }
}
