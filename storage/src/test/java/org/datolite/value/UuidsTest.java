package org.datolite.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {
  @Test
  void randomUuids_areVersion4_ofTheIetfVariant_andDoNotRepeat() {
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      UUID u = Uuids.random();
      assertEquals(4, u.version());
      assertEquals(2, u.variant());
      assertTrue(seen.add(u), "repeated " + u);
    }
  }
}
