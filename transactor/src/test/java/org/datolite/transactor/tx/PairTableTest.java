package org.datolite.transactor.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** The unboxed pair table against a HashMap of pairs, through its growth. */
class PairTableTest {
  private record Pair(long e, long a) {}

  @Test
  void putIfAbsentAndGet_matchAHashMap() {
    Seeds.check(200, random -> {
      PairTable table = new PairTable(random.nextInt(100));
      Map<Pair, Integer> model = new HashMap<>();
      // few entities and attributes so that pairs repeat; some extreme ids
      long[] extremes = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 42};
      int ops = random.nextInt(3_000);
      for (int i = 0; i < ops; i++) {
        long e = random.nextInt(10) == 0 ? extremes[random.nextInt(extremes.length)] : random.nextInt(500);
        long a = random.nextInt(10) == 0 ? extremes[random.nextInt(extremes.length)] : random.nextInt(20);
        if (random.nextBoolean()) {
          Integer was = model.putIfAbsent(new Pair(e, a), i);
          assertEquals(was == null ? -1 : was, table.putIfAbsent(e, a, i), "put " + e + " " + a);
        } else {
          assertEquals(model.getOrDefault(new Pair(e, a), -1), table.get(e, a), "get " + e + " " + a);
        }
      }
      for (Map.Entry<Pair, Integer> m : model.entrySet()) {
        assertEquals(m.getValue(), table.get(m.getKey().e(), m.getKey().a()));
      }
    });
  }

  /** A table grown from its smallest size many times keeps count: at most half its slots are full, every pair found. */
  @Test
  void growing_keepsTheTableAtMostHalfFull() {
    PairTable table = new PairTable(0);
    int pairs = 100_000;
    for (int i = 0; i < pairs; i++) {
      assertEquals(-1, table.putIfAbsent(1_000 + i / 16, 10 + i % 16, i));
      assertTrue(2 * table.size() <= table.capacity(), table.size() + " pairs in " + table.capacity() + " slots");
    }
    assertEquals(pairs, table.size());
    for (int i = 0; i < pairs; i++) {
      assertEquals(i, table.get(1_000 + i / 16, 10 + i % 16));
    }
    assertEquals(-1, table.get(-5, 10));
  }

  /** A reused table holds nothing of its last use, keeps its arrays when they fit, and is replaced when they do not. */
  @Test
  void reuse_emptiesTheTable_andKeepsItOnlyWhenItFits() {
    PairTable used = new PairTable(1_000);
    for (int i = 0; i < 1_000; i++) {
      used.putIfAbsent(i, i % 7, i);
    }
    PairTable again = PairTable.reuse(used, 800);
    assertSame(used, again);
    for (int i = 0; i < 1_000; i++) {
      assertEquals(-1, again.get(i, i % 7), "pair " + i + " left from the last use");
    }
    assertEquals(-1, again.putIfAbsent(3, 3, 5));
    assertEquals(5, again.get(3, 3));
    assertNotSame(again, PairTable.reuse(again, 100_000), "too small for the next transaction");
    assertNotSame(again, PairTable.reuse(again, 10), "eight times too large for the next one");
    assertNotSame(null, PairTable.reuse(null, 10));
  }

  @Test
  void negativeValues_areRefused() {
    PairTable table = new PairTable(0);
    assertThrows(IllegalArgumentException.class, () -> table.putIfAbsent(1, 2, -1));
    assertEquals(List.of(-1), List.of(table.get(1, 2)));
  }
}
