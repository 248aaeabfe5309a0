package org.datolite.transactor.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

  @Test
  void negativeValues_areRefused() {
    PairTable table = new PairTable(0);
    assertThrows(IllegalArgumentException.class, () -> table.putIfAbsent(1, 2, -1));
    assertEquals(List.of(-1), List.of(table.get(1, 2)));
  }
}
