package org.datolite.storage.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.datolite.datom.Datom;
import org.datolite.testkit.Seeds;
import org.junit.jupiter.api.Test;

/**
 * A transaction held as columns ({@link ColumnDatoms}) against the list of datoms it was made
 * from: the same datoms by position and by iteration, its columns read without making any, and
 * the list's own datoms made once and kept.
 */
class ColumnDatomsTest {
  private static final long TX = (3L << 42) + 77;

  /** A transaction's datoms: values of several kinds, some retractions (every one at times), any count. */
  static List<Datom> datoms(Random random, long tx) {
    int n = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(300);
    int retracting = random.nextInt(4); // 0: none, 3: all, else some
    List<Datom> out = new ArrayList<>();
    long e = 1L << 42;
    for (int i = 0; i < n; i++) {
      e += random.nextInt(3);
      Object v = switch (random.nextInt(4)) {
        case 0 -> random.nextLong();
        case 1 -> "s" + random.nextInt(100);
        case 2 -> BigDecimal.valueOf(random.nextInt(10_000), 2);
        default -> Instant.ofEpochSecond(random.nextInt(1 << 30));
      };
      boolean added = retracting == 0 || (retracting != 3 && random.nextBoolean());
      out.add(new Datom(e, 100 + random.nextInt(8), v, tx, added));
    }
    return out;
  }

  @Test
  void columns_holdTheDatomsTheyWereMadeFrom() {
    Seeds.check(300, random -> {
      List<Datom> datoms = datoms(random, TX);
      ColumnDatoms c = ColumnDatoms.of(TX, datoms);
      assertEquals(datoms.size(), c.size());
      assertEquals(TX, c.tx());
      assertEquals(datoms.stream().filter(d -> !d.added()).count(), c.retractions());
      for (int i = 0; i < datoms.size(); i++) {
        Datom d = datoms.get(i);
        assertEquals(d.e(), c.e(i), "entity " + i);
        assertEquals(d.a(), c.a(i), "attribute " + i);
        assertSame(d.v(), c.v(i), "value " + i + ": the same object, not a copy");
        assertEquals(d.added(), c.added(i), "added " + i);
        assertEquals(d, c.fresh(i), "fresh " + i);
      }
      assertFalse(c.isMade(), "reading the columns makes no datom");
      assertEquals(datoms, c, "as a list");
      assertEquals(datoms, new ArrayList<>(c), "iterated");
      assertEquals(datoms.hashCode(), c.hashCode());
      assertTrue(c.isMade() || datoms.isEmpty());
      for (int i = 0; i < c.size(); i++) {
        assertSame(c.get(i), c.get(i), "a read as a list gives the list's own datom, every time");
        assertNotSame(c.get(i), c.fresh(i), "fresh: an equal datom, not the list's");
      }
      assertThrows(IndexOutOfBoundsException.class, () -> c.get(c.size()));
      assertThrows(IndexOutOfBoundsException.class, () -> c.added(-1));
      assertThrows(UnsupportedOperationException.class, () -> c.add(Datom.of(1, 2, 3L, TX)));
      assertThrows(UnsupportedOperationException.class, () -> c.set(0, Datom.of(1, 2, 3L, TX)));
      assertSame(c, new CommittedTx(1, TX, c).datoms(), "a committed transaction keeps its columns as they are");
    });
  }

  @Test
  void aDatomOfAnotherTransaction_isRefused() {
    List<Datom> datoms = List.of(Datom.of(1, 100, 5L, TX), Datom.of(2, 100, 6L, TX + 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnDatoms.of(TX, datoms));
    assertTrue(e.getMessage().contains("does not belong to transaction " + TX), e.getMessage());
  }
}
