package org.datolite.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GenTest {
  private static final int DRAWS = 20_000;

  @Test
  void next_sameSeed_sameValues() {
    Gen<List<Object>> gen = Gen.<Object>oneOf(Gen.ints(-5, 5), Gen.strings("abc", 0, 4), Gen.bytes(0, 3).map(Arrays::toString))
        .orNull(0.1).list(0, 8);
    for (long seed = 0; seed < 50; seed++) {
      assertEquals(gen.next(new Random(seed)), gen.next(new Random(seed)));
    }
  }

  @Test
  void ints_staysInRangeAndHitsItsEdges() {
    Random r = new Random(1);
    Set<Integer> seen = new HashSet<>();
    Gen<Integer> gen = Gen.ints(-1000, 1000);
    for (int i = 0; i < DRAWS; i++) {
      int v = gen.next(r);
      assertTrue(v >= -1000 && v <= 1000, Integer.toString(v));
      seen.add(v);
    }
    assertTrue(seen.containsAll(List.of(-1000, 0, 1000)), "edges");
    Gen<Integer> positive = Gen.ints(3, 5);
    for (int i = 0; i < 1000; i++) {
      int v = positive.next(r);
      assertTrue(v >= 3 && v <= 5, "a range without zero never gives zero: " + v);
    }
  }

  @Test
  void longs_fullAndHalfOpenRanges_hitTheirEdges() {
    Random r = new Random(2);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < DRAWS; i++) {
      seen.add(Gen.longs().next(r));
      long v = Gen.longs(-5, Long.MAX_VALUE).next(r);
      assertTrue(v >= -5, Long.toString(v));
    }
    assertTrue(seen.containsAll(List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE)));
    assertThrows(IllegalArgumentException.class, () -> Gen.longs(2, 1));
  }

  @Test
  void doublesAndBigIntegers_stayInRange() {
    Random r = new Random(3);
    BigInteger max = BigInteger.TEN.pow(40);
    Set<Integer> bitLengths = new HashSet<>();
    for (int i = 0; i < DRAWS; i++) {
      double d = Gen.doubles(-1e6, 1e6).next(r);
      assertTrue(d >= -1e6 && d <= 1e6, Double.toString(d));
      BigInteger b = Gen.bigIntegers(max.negate(), max).next(r);
      assertTrue(b.abs().compareTo(max) <= 0, b.toString());
      bitLengths.add(b.bitLength());
    }
    assertTrue(bitLengths.contains(0) && bitLengths.contains(max.bitLength()) && bitLengths.contains(20));
  }

  @Test
  void listsAndStrings_respectTheirSizesAndMeetTheirEdges() {
    Random r = new Random(4);
    Set<Integer> sizes = new HashSet<>();
    for (int i = 0; i < DRAWS; i++) {
      int n = Gen.ints(0, 9).list(2, 30).next(r).size();
      assertTrue(n >= 2 && n <= 30);
      sizes.add(n);
      String s = Gen.strings(Gen.ints(0x1F600, 0x1F64F), 0, 3).next(r);
      assertTrue(s.codePointCount(0, s.length()) <= 3 && s.length() == 2 * s.codePointCount(0, s.length()), s);
    }
    assertEquals(29, sizes.size(), "every size from 2 to 30");
  }

  @Test
  void uniqueList_neverRepeatsAndFailsWhenItCannot() {
    Random r = new Random(5);
    for (int i = 0; i < 1000; i++) {
      List<Integer> l = Gen.ints(0, 5).uniqueList(1, 6).next(r);
      assertEquals(l.size(), new HashSet<>(l).size());
      assertTrue(!l.isEmpty() && l.size() <= 6);
    }
    assertThrows(IllegalStateException.class, () -> Gen.ints(0, 1).uniqueList(3, 3).next(r));
  }

  @Test
  void frequencyAndOrNull_followTheirWeights() {
    Random r = new Random(6);
    Map<String, Integer> counts = new HashMap<>();
    Gen<String> gen = Gen.frequency(Gen.weight(9, Gen.constant("a")), Gen.weight(1, Gen.elements("b", "c")));
    int nulls = 0;
    for (int i = 0; i < DRAWS; i++) {
      counts.merge(gen.next(r), 1, Integer::sum);
      nulls += Gen.constant("x").orNull(0.25).next(r) == null ? 1 : 0;
    }
    assertEquals(0.9, counts.get("a") / (double) DRAWS, 0.02);
    assertEquals(0.05, counts.get("c") / (double) DRAWS, 0.01);
    assertEquals(0.25, nulls / (double) DRAWS, 0.02);
  }

  @Test
  void filter_givesUpAfterTenThousandRejections() {
    Random r = new Random(7);
    assertEquals(0, Gen.ints(-3, 3).filter(v -> v % 2 == 0).next(r) % 2);
    assertThrows(IllegalStateException.class, () -> Gen.ints(1, 3).filter(v -> v > 3).next(r));
  }
}
