package org.datolite.calcite.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * The in-place sort of entity ids and their values (how a lookup's rows are put in id order)
 * against a model: a list of pairs sorted by id. Arrays of every small length, sorted, reversed,
 * with many equal ids, close together (large ids, sorted by counting), and long random ones; a
 * failure names its seed.
 */
class EntitySortTest {
  @Test
  void sortByEntity_ordersTheIds_andKeepsEachValueWithItsId() {
    Seeds.check(200, random -> {
      int n = random.nextInt(4) == 0 ? random.nextInt(20) : random.nextInt(5000);
      int shape = random.nextInt(5);
      long[] es = new long[n];
      Object[] vs = new Object[n];
      List<long[]> model = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        es[i] = switch (shape) {
          case 0 -> i;                       // already sorted
          case 1 -> n - i;                   // reversed
          case 2 -> random.nextInt(8);       // many equal ids
          case 3 -> (1L << 44) + random.nextInt(3 * n + 1); // close together (a counting sort), repeats too
          default -> random.nextLong();      // anything, negatives included
        };
        vs[i] = (long) i;
        model.add(new long[] {es[i], i});
      }
      EntityRows.sortByEntity(es, vs, 0, n - 1);
      model.sort(Comparator.comparingLong((long[] p) -> p[0]));
      List<long[]> actual = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        assertTrue(i == 0 || es[i - 1] <= es[i], "ids out of order at " + i);
        assertEquals(es[i], model.get(i)[0], "id at " + i);
        actual.add(new long[] {es[i], (Long) vs[i]});
      }
      // the same pairs: ids equal, and each value still beside the id it came with
      Comparator<long[]> byBoth = Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]);
      model.sort(byBoth);
      actual.sort(byBoth);
      for (int i = 0; i < n; i++) {
        assertEquals(model.get(i)[0], actual.get(i)[0]);
        assertEquals(model.get(i)[1], actual.get(i)[1], "value of id " + actual.get(i)[0]);
      }
    });
  }
}
