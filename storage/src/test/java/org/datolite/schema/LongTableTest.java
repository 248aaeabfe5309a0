package org.datolite.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/** {@link LongTable} answers as the map it was built from, for present and absent keys alike. */
class LongTableTest {
  @Test
  void answersAsItsMap() {
    Seeds.check(300, random -> {
      Map<Long, String> model = new HashMap<>();
      int n = random.nextInt(300);
      // ids close together (an attribute partition), far apart and negative, so slots collide
      for (int i = 0; i < n; i++) {
        long key = switch (random.nextInt(3)) {
          case 0 -> (1L << 42) + random.nextInt(2 * n + 1);
          case 1 -> random.nextLong();
          default -> -random.nextInt(50);
        };
        model.put(key, "v" + key);
      }
      LongTable<String> table = new LongTable<>(model);
      model.forEach((k, v) -> assertEquals(v, table.get(k), "key " + k));
      for (int i = 0; i < 200; i++) {
        long probe = random.nextBoolean() ? (1L << 42) + random.nextInt(4 * n + 1) : random.nextLong();
        assertEquals(model.get(probe), table.get(probe), "probe " + probe);
      }
    });
  }

  @Test
  void emptyAnswersNothing() {
    LongTable<String> table = new LongTable<>(Map.of());
    assertNull(table.get(0));
    assertNull(table.get(Long.MIN_VALUE));
  }
}
