package org.datolite.schema;

import java.util.Map;

/**
 * An immutable map from {@code long} keys to values, by open addressing, for the schema's
 * lookups by attribute id: the transactor asks them for every datom, and a {@code Map<Long, ?>}
 * would box each id it is asked for.
 */
final class LongTable<V> {
  private final long[] keys;
  private final Object[] values;
  private final int mask;

  LongTable(Map<Long, ? extends V> from) {
    int capacity = Integer.highestOneBit(Math.max(4, from.size() * 2 + 1)) << 1;
    keys = new long[capacity];
    values = new Object[capacity];
    mask = capacity - 1;
    for (Map.Entry<Long, ? extends V> e : from.entrySet()) {
      int i = slot(e.getKey());
      while (values[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = e.getKey();
      values[i] = e.getValue();
    }
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** The value of {@code key}, or null. */
  @SuppressWarnings("unchecked")
  V get(long key) {
    for (int i = slot(key);; i = (i + 1) & mask) {
      Object v = values[i];
      if (v == null) {
        return null;
      }
      if (keys[i] == key) {
        return (V) v;
      }
    }
  }
}
