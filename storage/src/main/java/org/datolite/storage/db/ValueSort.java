package org.datolite.storage.db;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
    Keyed keyed = null;
    if (to - from >= MIN_KEYED) {
      Object[] values = new Object[to - from];
      for (int i = from; i < to; i++) {
        values[i - from] = datoms[i].v();
      }
      keyed = keyed(values, 0, values.length);
    }
    if (keyed == null) {
      Arrays.sort(datoms, from, to, BY_VALUE); // TimSort: stable
      return;
    }
    int[] order = keyed.order((i, j) -> Values.compare(datoms[from + i].v(), datoms[from + j].v()));
    Datom[] copy = Arrays.copyOfRange(datoms, from, to);
    for (int i = 0; i < order.length; i++) {
      datoms[from + i] = copy[order[i]];
    }
  }

  /** Compares two positions of the values being sorted. */
  @FunctionalInterface
  interface IntComparator {
    int compare(int i, int j);
  }

  /** What {@link Keyed#value} makes again from a key. */
  private enum Kind { LONG, INSTANT, DECIMAL, RANK, STRING_PREFIX }

  /**
   * Keys of one attribute's values (one a value, in the order given) whose unsigned order is the
   * values' order. Where they are {@linkplain #exact() exact}, equal keys are equal values and a
   * value can be made again from its key alone ({@link #value}); strings' keys are their first
   * chars after the prefix they all share, so equal keys still need comparing.
   */
  static final class Keyed {
    private final long[] keys;
    private final Kind kind;
    private final int scale;
    private final Object[] distinct;

    private Keyed(long[] keys, Kind kind, int scale, Object[] distinct) {
      this.keys = keys;
      this.kind = kind;
      this.scale = scale;
      this.distinct = distinct;
    }

    long[] keys() {
      return keys;
    }

    /** The same keys in another order: key {@code i} of the result is key {@code order[i]} of these. */
    Keyed permuted(int[] order) {
      long[] out = new long[order.length];
      for (int i = 0; i < order.length; i++) {
        out[i] = keys[order[i]];
      }
      return new Keyed(out, kind, scale, distinct);
    }

    /** Whether equal keys are equal values, and {@link #value} makes every value again. */
    boolean exact() {
      return kind != Kind.STRING_PREFIX;
    }

    /**
     * A value equal to the one {@code key} was made from: a new object made from the key (longs,
     * instants, decimals) or one of the distinct values ranked; null where the key does not hold
     * the value (strings' prefixes).
     */
    Object value(long key) {
      return switch (kind) {
        case LONG -> key ^ SIGN;
        case INSTANT -> {
          long k = key ^ SIGN;
          yield Instant.ofEpochSecond(k >> NANO_BITS, k & ((1L << NANO_BITS) - 1));
        }
        case DECIMAL -> BigDecimal.valueOf(key ^ SIGN, scale);
        case RANK -> distinct[(int) key];
        case STRING_PREFIX -> null;
      };
    }

    /**
     * The stable order of the values by value: {@code order[i]} is the position of the i-th
     * least. Keys radix-sorted; values of equal inexact keys compared with {@code byValue}.
     */
    int[] order(IntComparator byValue) {
      int[] order = radixOrder(keys);
      if (!exact()) {
        int run = 0;
        for (int i = 1; i <= order.length; i++) {
          if (i == order.length || keys[order[i]] != keys[order[run]]) {
            if (i - run > 1) {
              sortStable(order, run, i, byValue);
            }
            run = i;
          }
        }
      }
      return order;
    }
  }

  /** Sorts {@code order[from, to)} by the values at those positions, stably (TimSort on boxed positions). */
  static void sortStable(int[] order, int from, int to, IntComparator byValue) {
    Integer[] boxed = new Integer[to - from];
    for (int i = from; i < to; i++) {
      boxed[i - from] = order[i];
    }
    Arrays.sort(boxed, (x, y) -> byValue.compare(x, y));
    for (int i = from; i < to; i++) {
      order[i] = boxed[i - from];
    }
  }

  /**
   * Keys of the values {@code values[from, to)} of one attribute (see {@link Keyed}), or null
   * where some value has none: mixed types, decimals of many scales and distinct values, byte
   * arrays, tuples, or fewer than {@link #MIN_KEYED} values (a comparison sort is as quick).
   */
  static Keyed keyed(Object[] values, int from, int to) {
    if (to - from < MIN_KEYED) {
      return null;
    }
    Keyed exact = numberKeys(values, from, to);
    if (exact != null) {
      return exact;
    }
    Keyed ranked = rankKeys(values, from, to);
    if (ranked != null) {
      return ranked;
    }
    long[] keys = stringKeys(values, from, to);
    return keys == null ? null : new Keyed(keys, Kind.STRING_PREFIX, 0, null);
  }

  /**
   * Exact keys of {@code values[from, to)} where they are all longs, all instants of the keyed
   * range or all decimals of one scale and at most 18 digits, else null: the keys that make
   * their values again without a table.
   */
  static Keyed numberKeys(Object[] values, int from, int to) {
    if (to == from) {
      return null;
    }
    Object first = values[from];
    if (first instanceof Long) {
      long[] keys = longKeys(values, from, to);
      return keys == null ? null : new Keyed(keys, Kind.LONG, 0, null);
    } else if (first instanceof Instant) {
      long[] keys = instantKeys(values, from, to);
      return keys == null ? null : new Keyed(keys, Kind.INSTANT, 0, null);
    } else if (first instanceof BigDecimal d && d.precision() <= 18) {
      long[] keys = decimalKeys(values, from, to, d.scale());
      return keys == null ? null : new Keyed(keys, Kind.DECIMAL, d.scale(), null);
    }
    return null;
  }

  /** Chars of a string in a key after the strings' common prefix, 17 bits each. */
  private static final int KEY_CHARS = 3;
  /** An instant's nanoseconds take the key's low 30 bits (below 2^30), its seconds the 33 above, signed. */
  private static final int NANO_BITS = 30;

  /**
   * For many distinct strings: keys of the three chars after the prefix all share, each mapped
   * to its rank in code point order (as {@link Values#compareStrings} orders them) plus one, an
   * absent char being 0. Strings with equal keys still need comparing; null unless every value
   * is a string.
   */
  private static long[] stringKeys(Object[] values, int from, int to) {
    if (!(values[from] instanceof String first)) {
      return null;
    }
    int common = first.length();
    for (int i = from + 1; i < to && common > 0; i++) {
      if (!(values[i] instanceof String s)) {
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
      if (!(values[i] instanceof String s)) {
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

  private static long[] longKeys(Object[] values, int from, int to) {
    long[] keys = new long[to - from];
    for (int i = from; i < to; i++) {
      if (!(values[i] instanceof Long x)) {
        return null;
      }
      keys[i - from] = x ^ SIGN;
    }
    return keys;
  }

  private static long[] instantKeys(Object[] values, int from, int to) {
    long[] keys = new long[to - from];
    for (int i = from; i < to; i++) {
      if (!(values[i] instanceof Instant t) || t.getEpochSecond() < -MAX_SECONDS
          || t.getEpochSecond() >= MAX_SECONDS) {
        return null;
      }
      keys[i - from] = ((t.getEpochSecond() << NANO_BITS) | t.getNano()) ^ SIGN;
    }
    return keys;
  }

  /** Decimals of one scale compare as their unscaled values (Values.compare breaks ties by scale). */
  private static long[] decimalKeys(Object[] values, int from, int to, int scale) {
    long[] keys = new long[to - from];
    for (int i = from; i < to; i++) {
      if (!(values[i] instanceof BigDecimal d) || d.scale() != scale || !ValueCodec.hasLongUnscaled(d)) {
        return null;
      }
      keys[i - from] = ValueCodec.unscaledLong(d) ^ SIGN;
    }
    return keys;
  }

  /** How many strings {@link #rankKeys} reads before it judges whether they are few distinct. */
  static final int RANK_PROBE = 4096;

  /**
   * Each value's rank among the distinct values, when there are at most one in eight of them;
   * null otherwise. The values are told apart by their {@code equals}, so only types whose
   * {@code equals} agrees with {@link Values#compare} take this way (not byte arrays or tuples).
   * Strings of which the first {@value #RANK_PROBE} hold more than one in eight distinct are taken
   * to be many (null), rather than hashing an eighth of them to find out: either way the sort
   * is right, and string keys serve many distinct values.
   */
  private static Keyed rankKeys(Object[] values, int from, int to) {
    int n = to - from;
    int most = n / 8;
    Class<?> type = values[from] == null ? null : values[from].getClass();
    if (type == null || !hasValueEquals(type)) {
      return null;
    }
    // one hash lookup a value: numbered as first met, then the numbers mapped to ranks
    Map<Object, Integer> numbers = new HashMap<>();
    List<Object> firstMet = new ArrayList<>();
    int[] numberOf = new int[n];
    for (int i = from; i < to; i++) {
      Object v = values[i];
      if (v == null || v.getClass() != type) {
        return null;
      }
      Integer number = numbers.get(v); // a value met before: no box made
      if (number == null) {
        number = firstMet.size();
        numbers.put(v, number);
        firstMet.add(v);
        if (firstMet.size() > most) {
          return null;
        }
      }
      if (type == String.class && i - from == RANK_PROBE && firstMet.size() > RANK_PROBE / 8) {
        return null; // (strings have keys of their own; other types without ranks sort by comparison)
      }
      numberOf[i - from] = number;
    }
    Integer[] byValue = new Integer[firstMet.size()];
    for (int j = 0; j < byValue.length; j++) {
      byValue[j] = j;
    }
    Arrays.sort(byValue, (x, y) -> Values.compare(firstMet.get(x), firstMet.get(y)));
    Object[] distinct = new Object[byValue.length];
    int[] rank = new int[byValue.length];
    for (int r = 0; r < byValue.length; r++) {
      distinct[r] = firstMet.get(byValue[r]);
      if (r > 0 && Values.compare(distinct[r - 1], distinct[r]) == 0) {
        return null; // equal in the order yet not equal: leave it to the comparison sort
      }
      rank[byValue[r]] = r;
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = rank[numberOf[i]];
    }
    return new Keyed(keys, Kind.RANK, 0, distinct);
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
