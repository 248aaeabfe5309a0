package org.datolite.storage.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.datolite.datom.Datom;
import org.datolite.testkit.Seeds;
import org.datolite.value.Keyword;
import org.datolite.value.Values;
import org.junit.jupiter.api.Test;

/**
 * The keyed sort of one attribute's datoms by value against TimSort by {@link Values#compare}:
 * the same datoms in the same order, ties (equal values) kept in entity order.
 */
class ValueSortTest {
  private static final Comparator<Datom> BY_VALUE = (x, y) -> Values.compare(x.v(), y.v());

  /** Value generators, each of one attribute's type, from few distinct values to scattered ones. */
  static final Function<Random, Function<Random, Object>>[] KINDS = kinds();

  @SuppressWarnings("unchecked")
  private static Function<Random, Function<Random, Object>>[] kinds() {
    return new Function[] {
        (Function<Random, Function<Random, Object>>) r -> {
          long[] edges = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
          int spread = 1 + r.nextInt(1_000_000);
          return x -> x.nextInt(10) == 0 ? edges[x.nextInt(edges.length)] : (long) x.nextInt(spread) - spread / 2;
        },
        (Function<Random, Function<Random, Object>>) r -> {
          boolean far = r.nextInt(4) == 0; // some beyond the keyed range of ±2^32 seconds
          return x -> Instant.ofEpochSecond(far ? x.nextLong() % 40_000_000_000L : x.nextInt() / 4,
              x.nextInt(3) == 0 ? 0 : x.nextInt(1_000_000_000));
        },
        (Function<Random, Function<Random, Object>>) r -> {
          boolean mixed = r.nextBoolean(); // mixed scales, and 1.5 against 1.50
          boolean wide = r.nextInt(4) == 0; // more than 18 digits
          return x -> {
            BigDecimal d = BigDecimal.valueOf(x.nextInt(20_000) - 10_000, 2);
            d = mixed && x.nextBoolean() ? d.setScale(3) : d;
            return wide && x.nextInt(8) == 0 ? d.add(new BigDecimal("1234567890123456789012.5")) : d;
          };
        },
        (Function<Random, Function<Random, Object>>) r -> {
          String[] pool = {"", "R", "N", "AIR", "REG AIR", "DELIVER IN PERSON", "a\uD83D\uDE00", "a\uFFFF", "\u00e9t\u00e9"};
          int distinct = 1 + r.nextInt(pool.length);
          int mode = r.nextInt(4); // few values, a shared prefix and random tails, or tails of odd chars
          String odd = "ab\uD83D\uDE00\uFFFF\uE000\u00e9\u0000";
          String prefix = r.nextBoolean() ? "" : "comment ";
          return x -> {
            if (mode == 0) {
              return prefix + Long.toString(x.nextLong(), 36);
            } else if (mode == 1) {
              StringBuilder s = new StringBuilder(prefix);
              for (int n = x.nextInt(6); n > 0; n--) {
                s.append(odd.charAt(x.nextInt(odd.length())));
              }
              return s.toString();
            }
            return pool[x.nextInt(distinct)];
          };
        },
        (Function<Random, Function<Random, Object>>) r -> x -> x.nextBoolean(),
        (Function<Random, Function<Random, Object>>) r -> {
          double[] specials = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, 1.5};
          return x -> x.nextBoolean() ? specials[x.nextInt(specials.length)] : x.nextInt(100) / 4.0;
        },
        (Function<Random, Function<Random, Object>>) r ->
            x -> Keyword.of(":status/" + "abcdef".charAt(x.nextInt(6))),
        (Function<Random, Function<Random, Object>>) r -> x -> new byte[] {(byte) x.nextInt(3)},
    };
  }

  @Test
  void sort_matchesAStableComparisonSort() {
    Seeds.check(400, random -> {
      Function<Random, Object> values = KINDS[random.nextInt(KINDS.length)].apply(random);
      int n = random.nextInt(4) == 0 ? random.nextInt(ValueSort.MIN_KEYED) : random.nextInt(3_000);
      int pad = random.nextInt(3);
      Datom[] datoms = new Datom[n + 2 * pad];
      for (int i = 0; i < datoms.length; i++) {
        datoms[i] = Datom.of(1000 + i, 10, values.apply(random), 5); // entity order: ties must keep it
      }
      Datom[] expected = datoms.clone();
      Arrays.sort(expected, pad, pad + n, BY_VALUE);
      ValueSort.sort(datoms, pad, pad + n);
      assertArrayEquals(expected, datoms);
    });
  }

  @Test
  void exactKeys_makeValuesEqualToTheirOwn() {
    Seeds.check(300, random -> {
      Function<Random, Object> values = KINDS[random.nextInt(KINDS.length)].apply(random);
      int n = ValueSort.MIN_KEYED + random.nextInt(2_000);
      int pad = random.nextInt(3);
      Object[] column = new Object[n + 2 * pad];
      for (int i = 0; i < column.length; i++) {
        column[i] = values.apply(random);
      }
      for (ValueSort.Keyed keyed : new ValueSort.Keyed[] {ValueSort.keyed(column, pad, pad + n),
          ValueSort.numberKeys(column, pad, pad + n)}) {
        if (keyed != null && keyed.exact()) {
          assertEquals(n, keyed.keys().length);
          for (int i = 0; i < n; i++) {
            Object made = keyed.value(keyed.keys()[i]);
            assertEquals(column[pad + i].getClass(), made.getClass());
            assertTrue(Values.equals(column[pad + i], made), column[pad + i] + " made as " + made);
          }
        }
      }
      ValueSort.Keyed numbers = ValueSort.numberKeys(column, pad, pad + n);
      if (numbers != null) {
        assertTrue(numbers.exact());
      }
    });
  }

  @Test
  void radixOrder_isTheStableUnsignedOrder() {
    Seeds.check(300, random -> {
      int n = random.nextInt(2_000);
      int bits = 1 + random.nextInt(64);
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = bits == 64 ? random.nextLong() : random.nextLong() & ((1L << bits) - 1);
      }
      Integer[] expected = new Integer[n];
      for (int i = 0; i < n; i++) {
        expected[i] = i;
      }
      Arrays.sort(expected, (x, y) -> Long.compareUnsigned(keys[x], keys[y]));
      assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), ValueSort.radixOrder(keys));
    });
  }

  @Test
  void codePointRank_ordersCharsAsCompareStrings() {
    for (int a = 0; a <= 0xFFFF; a += 7) {
      for (int b : new int[] {0, 0x41, 0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFFFF}) {
        int expected = Integer.signum(Values.compareStrings(String.valueOf((char) a), String.valueOf((char) b)));
        int got = Integer.signum(Integer.compare(ValueSort.codePointRank((char) a), ValueSort.codePointRank((char) b)));
        assertEquals(expected, got, Integer.toHexString(a) + " vs " + Integer.toHexString(b));
      }
    }
  }

  @Test
  void keys_onlyWhereEveryValueHasOne() {
    Datom[] longs = new Datom[100];
    for (int i = 0; i < longs.length; i++) {
      longs[i] = Datom.of(i, 10, (long) i, 1);
    }
    assertNotNull(ValueSort.keyed(values(longs), 0, longs.length));
    Datom[] scattered = new Datom[100];
    for (int i = 0; i < scattered.length; i++) {
      scattered[i] = Datom.of(i, 10, "name " + i, 1);
    }
    assertFalse(ValueSort.keyed(values(scattered), 0, scattered.length).exact(), "100 distinct strings have no ranks, only prefixes");
    Datom[] bytes = new Datom[100];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = Datom.of(i, 10, new byte[] {1}, 1);
    }
    assertNull(ValueSort.keyed(values(bytes), 0, bytes.length), "byte arrays have no value equals");
  }

  /**
   * Values whose first {@value ValueSort#RANK_PROBE} hold more than one in eight distinct are not
   * ranked (string prefixes instead) even where the whole column would qualify; fewer are; both
   * sort as the comparison sort does.
   */
  @Test
  void manyDistinctValuesAtTheStart_takeStringKeys() {
    int n = 40 * ValueSort.RANK_PROBE;
    Datom[] manyFirst = new Datom[n];
    Datom[] fewFirst = new Datom[n];
    for (int i = 0; i < n; i++) {
      // 600 distinct in the probe, then five: 605 in all, under n / 8
      manyFirst[i] = Datom.of(i, 10, i <= ValueSort.RANK_PROBE ? "v" + (i % 600) : "w" + (i % 5), 1);
      fewFirst[i] = Datom.of(i, 10, "v" + (i % 500), 1);
    }
    assertFalse(ValueSort.keyed(values(manyFirst), 0, n).exact(), "600 distinct in the probe: prefixes");
    assertTrue(ValueSort.keyed(values(fewFirst), 0, n).exact(), "500 distinct in the probe: ranks");
    Datom[] keywords = new Datom[n]; // no keys but ranks: the probe does not apply
    for (int i = 0; i < n; i++) {
      keywords[i] = Datom.of(i, 10, Keyword.of("v/k" + (i <= ValueSort.RANK_PROBE ? i % 600 : 600 + i % 5)), 1);
    }
    assertTrue(ValueSort.keyed(values(keywords), 0, n).exact(), "605 keywords in all: ranks");
    for (Datom[] datoms : List.of(manyFirst, fewFirst, keywords)) {
      Datom[] expected = datoms.clone();
      Arrays.sort(expected, BY_VALUE);
      ValueSort.sort(datoms, 0, n);
      assertArrayEquals(expected, datoms);
    }
  }

  private static Object[] values(Datom[] datoms) {
    Object[] out = new Object[datoms.length];
    for (int i = 0; i < datoms.length; i++) {
      out[i] = datoms[i].v();
    }
    return out;
  }
}
