package org.datolite.datom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** {@link ChunkedList} holds what an ArrayList would, across chunk boundaries. */
class ChunkedListTest {
  @Test
  void holdsWhatAnArrayListWould() {
    Seeds.check(20, random -> {
      List<Integer> model = new ArrayList<>();
      List<Integer> list = new ChunkedList<>();
      int n = random.nextInt(5 * ChunkedList.CHUNK);
      for (int i = 0; i < n; i++) {
        int v = random.nextInt();
        if (random.nextInt(50) == 0) {
          List<Integer> some = List.of(v, v + 1, v + 2);
          model.addAll(some);
          list.addAll(some);
        } else {
          model.add(v);
          list.add(v);
        }
      }
      assertEquals(model.size(), list.size());
      assertEquals(model, list);
      for (int probe = 0; probe < 100 && !model.isEmpty(); probe++) {
        int i = random.nextInt(model.size());
        assertEquals(model.get(i), list.get(i), "element " + i);
      }
      assertThrows(IndexOutOfBoundsException.class, () -> list.get(list.size()));
      assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
    });
  }
}
