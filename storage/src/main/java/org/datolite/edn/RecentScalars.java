package org.datolite.edn;

import java.util.Arrays;

/**
 * Scalars already read from one binary form, found again by their encoded bytes (tag included),
 * so that a value read many times is one object. A bulk load's rows repeat each column's few
 * values (flags, modes, quantities, dates) thousands of times in a request; read as new objects
 * each time, every one of them was kept by the transactor's novelty until indexed, and so
 * copied by its collector. Direct-mapped: a slot holds the last value whose bytes hashed to it,
 * so the cache never grows and a value seldom repeated costs a hash and a miss.
 *
 * <p>Only immutable values are kept (strings, decimals, instants), compared byte for byte
 * within the one array they were read from.
 */
final class RecentScalars {
  /** The longest encoding kept: short texts and numbers, not descriptions or documents. */
  static final int MAX_BYTES = 48;
  /** Forms smaller than this read without a cache (a single statement's values rarely repeat). */
  static final int MIN_FORM_BYTES = 8 << 10;
  private static final int SLOTS = 2048;

  private final byte[] buf;
  private final int[] starts = new int[SLOTS];
  private final int[] lengths = new int[SLOTS];
  private final int[] hashes = new int[SLOTS];
  private final Object[] values = new Object[SLOTS];
  private int slot;
  private int hash;

  /** @param buf the array every range looked up lies in */
  RecentScalars(byte[] buf) {
    this.buf = buf;
  }

  /**
   * The value read before from the same bytes as {@code buf[start, end)}, or null; after null,
   * {@link #keep} stores the value those bytes make (unless they are more than {@link #MAX_BYTES}).
   */
  Object find(int start, int end) {
    if (end - start > MAX_BYTES) {
      slot = -1;
      return null;
    }
    int h = hash(buf, start, end);
    hash = h;
    int s = h & (SLOTS - 1);
    slot = s;
    Object v = values[s];
    int n = end - start;
    if (v != null && hashes[s] == h && lengths[s] == n
        && Arrays.equals(buf, starts[s], starts[s] + n, buf, start, end)) {
      return v;
    }
    starts[s] = start;
    lengths[s] = n;
    values[s] = null;
    return null;
  }

  /** The hash of {@code bytes[start, end)} that picks its slot (and tells most other bytes apart). */
  static int hash(byte[] bytes, int start, int end) {
    int h = 1;
    for (int i = start; i < end; i++) {
      h = 31 * h + bytes[i];
    }
    h *= 0x9E3779B9; // short encodings differ in a few low bits: spread them over the slots' bits
    return h ^ h >>> 16;
  }

  /** Keeps {@code value} for the bytes the last {@link #find} missed, if it looked them up; returns it. */
  Object keep(Object value) {
    if (slot < 0) {
      return value;
    }
    hashes[slot] = hash;
    values[slot] = value;
    return value;
  }
}
