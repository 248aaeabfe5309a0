package org.datolite.storage.db;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.datolite.datom.Datom;
import org.datolite.storage.codec.ValueCodec;
import org.datolite.value.Keyword;
import org.datolite.value.Values;

/**
 * A stable sort of datoms by value alone ({@link Values#compare}), for one attribute's datoms of
 * a large transaction on their way into AVET order ({@link MemoryIndex#sortBatch}): a bulk load
 * sorts every column of every batch so, on the writer (and on each peer, which sorts the pushed
 * transaction again before its commit returns).
 *
 * <p>Where every value maps to a {@code long} key whose unsigned order is the values' order, the
 * keys are radix-sorted (least significant byte first, skipping bytes no key differs in: a stable
 * sort in a few linear passes, without a comparison of objects):
 * <ul>
 *   <li>longs; instants of years within about ±136 of 1970 (seconds and nanoseconds in one long);
 *       decimals of one scale and at most 18 digits (their unscaled values);
 *   <li>values of few distinct ones (at most one in eight, such as a status or a code): each
 *       value's rank among the distinct ones, sorted once.
 * </ul>
 * Many distinct strings are radix-sorted by the three chars after their common prefix, and only
 * strings that tie on those are then compared. Anything else (mixed decimal scales over many
 * values, byte arrays, tuples) is sorted by comparison (TimSort).
 */
final class ValueSort {
  /** Below this many datoms a comparison sort is as quick. */
  static final int MIN_KEYED = 64;

  private static final Comparator<Datom> BY_VALUE = (x, y) -> Values.compare(x.v(), y.v());
  private static final long SIGN = Long.MIN_VALUE;
  private static final long MAX_SECONDS = 1L << 32;

  private ValueSort() {}

  /** Sorts {@code datoms[from, to)} by value; datoms of equal values keep their order. */
  static void sort(Datom[] datoms, int from, int to) {
    long[] keys = to - from >= MIN_KEYED ? keys(datoms, from, to) : null;
    boolean exact = keys != null;
    if (keys == null && to - from >= MIN_KEYED && datoms[from].v() instanceof String) {
      keys = stringKeys(datoms, from, to);
    }
    if (keys == null) {
      Arrays.sort(datoms, from, to, BY_VALUE); // TimSort: stable
      return;
    }
    int[] order = radixOrder(keys);
    Datom[] copy = Arrays.copyOfRange(datoms, from, to);
    for (int i = 0; i < order.length; i++) {
      datoms[from + i] = copy[order[i]];
    }
    if (!exact) { // equal keys, the strings' first chars after their common prefix: compared in full
      int run = 0;
      for (int i = 1; i <= order.length; i++) {
        if (i == order.length || keys[order[i]] != keys[order[run]]) {
          if (i - run > 1) {
            Arrays.sort(datoms, from + run, from + i, BY_VALUE); // stable, as the radix sort before
          }
          run = i;
        }
      }
    }
  }

  /** Chars of a string in a key after the strings' common prefix, 17 bits each. */
  private static final int KEY_CHARS = 3;

  /**
   * For many distinct strings: keys of the three chars after the prefix all share, each mapped
   * to its rank in code point order (as {@link Values#compareStrings} orders them) plus one, an
   * absent char being 0. Strings with equal keys still need comparing; null unless every value
   * is a string.
   */
  private static long[] stringKeys(Datom[] datoms, int from, int to) {
    if (!(datoms[from].v() instanceof String first)) {
      return null;
    }
    int common = first.length();
    for (int i = from + 1; i < to && common > 0; i++) {
      if (!(datoms[i].v() instanceof String s)) {
        return null;
      }
      int k = 0;
      int max = Math.min(common, s.length());
      while (k < max && s.charAt(k) == first.charAt(k)) {
        k++;
      }
      common = k;
    }
    long[] keys = new long[to - from];
    for (int i = from; i < to; i++) {
      if (!(datoms[i].v() instanceof String s)) {
        return null;
      }
      long key = 0;
      for (int j = common; j < common + KEY_CHARS; j++) {
        key = key << 17 | (j < s.length() ? codePointRank(s.charAt(j)) + 1 : 0);
      }
      keys[i - from] = key;
    }
    return keys;
  }

  /**
   * A UTF-16 char's place in code point order: surrogates (U+D800..U+DFFF, the halves of
   * supplementary characters) above U+E000..U+FFFF, as {@link Values#compareStrings} puts them.
   */
  static int codePointRank(char c) {
    return c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }

  /** Keys whose unsigned order is the values' order, or null when some value has none. */
  static long[] keys(Datom[] datoms, int from, int to) {
    Object first = datoms[from].v();
    if (first instanceof Long) {
      return longKeys(datoms, from, to);
    } else if (first instanceof Instant) {
      return instantKeys(datoms, from, to);
    } else if (first instanceof BigDecimal d && d.precision() <= 18) {
      long[] keys = decimalKeys(datoms, from, to, d.scale());
      return keys != null ? keys : rankKeys(datoms, from, to);
    }
    return rankKeys(datoms, from, to);
  }

  private static long[] longKeys(Datom[] datoms, int from, int to) {
    long[] keys = new long[to - from];
    for (int i = from; i < to; i++) {
      if (!(datoms[i].v() instanceof Long x)) {
        return null;
      }
      keys[i - from] = x ^ SIGN;
    }
    return keys;
  }

  private static long[] instantKeys(Datom[] datoms, int from, int to) {
    long[] keys = new long[to - from];
    for (int i = from; i < to; i++) {
      if (!(datoms[i].v() instanceof Instant t) || t.getEpochSecond() < -MAX_SECONDS
          || t.getEpochSecond() >= MAX_SECONDS) {
        return null;
      }
      // nanoseconds take 30 bits (below 2^30); seconds the 33 above, signed
      keys[i - from] = ((t.getEpochSecond() << 30) | t.getNano()) ^ SIGN;
    }
    return keys;
  }

  /** Decimals of one scale compare as their unscaled values (Values.compare breaks ties by scale). */
  private static long[] decimalKeys(Datom[] datoms, int from, int to, int scale) {
    long[] keys = new long[to - from];
    for (int i = from; i < to; i++) {
      if (!(datoms[i].v() instanceof BigDecimal d) || d.scale() != scale || !ValueCodec.hasLongUnscaled(d)) {
        return null;
      }
      keys[i - from] = ValueCodec.unscaledLong(d) ^ SIGN;
    }
    return keys;
  }

  /**
   * Each value's rank among the distinct values, when there are at most one in eight of them;
   * null otherwise. The values are told apart by their {@code equals}, so only types whose
   * {@code equals} agrees with {@link Values#compare} take this way (not byte arrays or tuples).
   */
  private static long[] rankKeys(Datom[] datoms, int from, int to) {
    int n = to - from;
    int most = n / 8;
    Class<?> type = datoms[from].v() == null ? null : datoms[from].v().getClass();
    if (type == null || !hasValueEquals(type)) {
      return null;
    }
    Map<Object, Integer> ranks = new HashMap<>();
    for (int i = from; i < to; i++) {
      Object v = datoms[i].v();
      if (v == null || v.getClass() != type) {
        return null;
      }
      if (ranks.putIfAbsent(v, 0) == null && ranks.size() > most) {
        return null;
      }
    }
    Object[] distinct = ranks.keySet().toArray();
    Arrays.sort(distinct, Values::compare);
    for (int r = 0; r < distinct.length; r++) {
      if (r > 0 && Values.compare(distinct[r - 1], distinct[r]) == 0) {
        return null; // equal in the order yet not equal: leave it to the comparison sort
      }
      ranks.put(distinct[r], r);
    }
    long[] keys = new long[n];
    for (int i = from; i < to; i++) {
      keys[i - from] = ranks.get(datoms[i].v());
    }
    return keys;
  }

  /** Types whose {@code equals} is value equality consistent with {@link Values#compare}. */
  private static boolean hasValueEquals(Class<?> type) {
    return type == String.class || type == Long.class || type == Instant.class || type == BigDecimal.class
        || type == Boolean.class || type == Double.class || type == Float.class || type == BigInteger.class
        || type == UUID.class || type == Keyword.class;
  }

  /**
   * The stable order of {@code keys} by their unsigned value: {@code order[i]} is the position of
   * the i-th smallest. A least-significant-byte-first radix sort; a byte in which no two keys
   * differ takes no pass.
   */
  static int[] radixOrder(long[] keys) {
    int n = keys.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (n < 2) {
      return order;
    }
    long differ = 0;
    for (long k : keys) {
      differ |= k ^ keys[0];
    }
    long[] from = keys.clone();
    long[] to = new long[n];
    int[] spare = new int[n];
    int[] count = new int[257];
    for (int shift = 0; shift < 64; shift += 8) {
      if (((differ >>> shift) & 0xFF) == 0) {
        continue;
      }
      Arrays.fill(count, 0);
      for (long k : from) {
        count[(int) ((k >>> shift) & 0xFF) + 1]++;
      }
      for (int b = 0; b < 256; b++) {
        count[b + 1] += count[b];
      }
      for (int i = 0; i < n; i++) {
        int at = count[(int) ((from[i] >>> shift) & 0xFF)]++;
        to[at] = from[i];
        spare[at] = order[i];
      }
      long[] k = from;
      from = to;
      to = k;
      int[] o = order;
      order = spare;
      spare = o;
    }
    return order;
  }
}
